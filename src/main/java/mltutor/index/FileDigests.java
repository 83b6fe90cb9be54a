package mltutor.index;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SHA-256 digests of large files (the 34 MB ONNX model, the tokenizer), remembered in the data directory so a
 * start does not hash the model again (0.65 s). A remembered digest is used only while the file's identity is the
 * same: its absolute path, size, modification time, inode and status-change time (ctime). The ctime is set by the
 * kernel on every write, rename, copy over, or {@code touch -d}, and no user tool can set it back, so a file with
 * other bytes cannot keep all five (where the file system has no ctime or inode, nothing is remembered and every
 * digest is computed). The list carries a CRC-32 and is replaced by an atomic rename; a damaged list is ignored.
 */
final class FileDigests {
    private static final Logger LOG = LoggerFactory.getLogger(FileDigests.class);
    static final String FILE = "file-digests";
    private static final String HEADER = "mltutor file digests v2";

    /** Where the list is kept; empty: nothing is remembered, every digest is computed. */
    private final Optional<Path> dataDir;

    private FileDigests(Optional<Path> dataDir) {
        this.dataDir = dataDir;
    }

    /** Digests remembered in {@code dataDir}. */
    static FileDigests rememberedIn(Path dataDir) {
        return new FileDigests(Optional.of(dataDir));
    }

    /** Digests computed every time. */
    static FileDigests computed() {
        return new FileDigests(Optional.empty());
    }

    /** The file's SHA-256 in hex: remembered if its identity is unchanged, else computed (and remembered). */
    String sha256(Path file) {
        return remembered("sha256 " + file.toAbsolutePath().normalize(), List.of(file), () -> compute(file));
    }

    /**
     * A digest derived from these files (named {@code name}), remembered while every file's identity is unchanged;
     * otherwise {@code compute} runs and its result is remembered. One digest is kept per name.
     */
    String remembered(String name, List<Path> files, java.util.function.Supplier<String> compute) {
        if (dataDir.isEmpty() || name.contains("\t") || name.contains("\n")) {
            return compute.get();
        }
        var ids = new ArrayList<String>();
        for (Path f : files) {
            Optional<String> id = identity(f);
            if (id.isEmpty()) {
                return compute.get();
            }
            ids.add(id.get());
        }
        String identity = String.join(" ", ids);
        for (String line : read()) {
            String[] parts = line.split("\t", -1);
            if (parts.length == 3 && parts[1].equals(name) && parts[2].equals(identity)) {
                return parts[0];
            }
        }
        String digest = compute.get();
        remember(name, digest + "\t" + name + "\t" + identity);
        return digest;
    }

    /** What identifies this version of the file, or empty when the file system cannot say (then nothing is cached). */
    static Optional<String> identity(Path file) {
        try {
            var attrs = Files.readAttributes(file.toAbsolutePath(), "unix:size,lastModifiedTime,ctime,ino,dev");
            return Optional.of(file.toAbsolutePath().normalize() + "|" + attrs.get("size") + "|"
                    + attrs.get("lastModifiedTime") + "|" + attrs.get("ctime") + "|" + attrs.get("ino") + "|" + attrs.get("dev"));
        } catch (UnsupportedOperationException | IllegalArgumentException | IOException e) {
            return Optional.empty();
        }
    }

    static String compute(Path file) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) {
                sha.update(buf, 0, n);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + IndexStore.describe(e), e);
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    /** The remembered lines ("digest TAB identity"), or none when the list is missing or fails its CRC. */
    private List<String> read() {
        Path path = dataDir.orElseThrow().resolve(FILE);
        try {
            if (!Files.isRegularFile(path)) {
                return List.of();
            }
            List<String> body = ChecksummedLines.read(path, HEADER);
            return body;
        } catch (IOException | RuntimeException e) {
            LOG.warn("ignoring the file digest list {} ({}); the model is hashed again", path, e.getMessage());
            return List.of();
        }
    }

    private void remember(String name, String line) {
        var body = new ArrayList<String>();
        // Keeps one digest per name: the old version of a replaced file is of no further use.
        for (String old : read()) {
            String[] parts = old.split("\t", -1);
            if (parts.length == 3 && !parts[1].equals(name)) {
                body.add(old);
            }
        }
        body.add(line);
        Path dir = dataDir.orElseThrow();
        try {
            Files.createDirectories(dir);
            ChecksummedLines.write(dir.resolve(FILE), HEADER, body);
        } catch (IOException e) {
            // A read-only data directory: the digest is computed at every start, as before.
            LOG.debug("cannot remember the digest in {}: {}", dir, IndexStore.describe(e));
        }
    }

}
