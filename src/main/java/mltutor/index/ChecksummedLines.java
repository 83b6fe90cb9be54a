package mltutor.index;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;

/**
 * A small text record: a header line naming its format, the lines, and a CRC-32 of the lines, replaced atomically
 * ({@link AtomicFile}). Used for what the data directory remembers about files ({@link FileDigests},
 * {@link VerifiedFiles}): a damaged or foreign record reads as an error, and the caller computes again.
 */
final class ChecksummedLines {
    private ChecksummedLines() {
    }

    /** The lines of the record, or an IOException saying why they cannot be trusted. */
    static List<String> read(Path file, String header) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        if (lines.size() < 2 || !lines.get(0).equals(header)) {
            throw new IOException("not a record of the format '" + header + "'");
        }
        List<String> body = lines.subList(1, lines.size() - 1);
        if (!lines.get(lines.size() - 1).equals(crcLine(body))) {
            throw new IOException("its checksum does not match");
        }
        return List.copyOf(body);
    }

    static void write(Path file, String header, List<String> body) throws IOException {
        var lines = new ArrayList<String>(List.of(header));
        lines.addAll(body);
        lines.add(crcLine(body));
        AtomicFile.replace(file, tmp -> Files.write(tmp, lines, StandardCharsets.UTF_8));
    }

    private static String crcLine(List<String> body) {
        var crc = new CRC32();
        body.forEach(l -> crc.update((l + "\n").getBytes(StandardCharsets.UTF_8)));
        return "crc32 " + Long.toHexString(crc.getValue());
    }
}
