package mltutor.index;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A record, in a generation directory, that every file of its commit passed the full checksum pass, with each
 * file's identity then (path, size, modification time, status-change time, inode, device). While every identity
 * is the same, a start checks only the files' footers instead of reading the whole index (the full pass cost about
 * 1 s of a start on the loaded machine). Writing to a file changes its modification and status-change times (the
 * kernel sets the ctime on any write, truncation, rename over or attribute change, and no tool can set it back), so
 * a file damaged through the file system fails the comparison and gets the full pass again. What this trusts is
 * that bytes do not change on the disk without any write (bit rot), which the full pass would catch.
 *
 * <p>Timestamps come from a coarse kernel clock (a few milliseconds), so a file written again within the same tick
 * could keep its times: files are recorded only once both times are {@link #SETTLED} in the past.
 */
final class VerifiedFiles {
    private static final Logger LOG = LoggerFactory.getLogger(VerifiedFiles.class);
    static final String FILE = "verified-checksums";
    private static final String HEADER = "mltutor verified checksums v1";
    static final Duration SETTLED = Duration.ofSeconds(2);

    private VerifiedFiles() {
    }

    /** Whether these files of {@code dir} all have the identity recorded when their checksums last passed. */
    static boolean trusted(Path dir, Collection<String> files) {
        Path record = dir.resolve(FILE);
        if (!Files.isRegularFile(record)) {
            return false;
        }
        try {
            List<String> body = ChecksummedLines.read(record, HEADER);
            var expected = new ArrayList<String>();
            for (String f : files.stream().sorted().toList()) {
                Optional<String> id = FileDigests.identity(dir.resolve(f));
                if (id.isEmpty()) {
                    return false;
                }
                expected.add(f + "\t" + id.get());
            }
            return body.equals(expected);
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /**
     * Records that these files passed the full checksum pass, if the file system can say their identity and they
     * are settled; otherwise nothing (the next open checks them in full again). Best effort: a read-only directory
     * only loses the shortcut.
     */
    static void record(Path dir, Collection<String> files) {
        var body = new ArrayList<String>();
        Instant settled = Instant.now().minus(SETTLED);
        try {
            for (String f : files.stream().sorted().toList()) {
                Path p = dir.resolve(f);
                var times = Files.readAttributes(p, "unix:lastModifiedTime,ctime");
                if (!((FileTime) times.get("lastModifiedTime")).toInstant().isBefore(settled)
                        || !((FileTime) times.get("ctime")).toInstant().isBefore(settled)) {
                    return;
                }
                Optional<String> id = FileDigests.identity(p);
                if (id.isEmpty()) {
                    return;
                }
                body.add(f + "\t" + id.get());
            }
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return;
        }
        try {
            ChecksummedLines.write(dir.resolve(FILE), HEADER, body);
        } catch (IOException e) {
            LOG.debug("cannot record the verified checksums in {}: {}", dir, IndexStore.describe(e));
        }
    }

}
