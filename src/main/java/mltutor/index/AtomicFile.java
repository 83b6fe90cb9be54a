package mltutor.index;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.UUID;

/**
 * Replaces a file in one step: the content is written to a temporary file beside it, which is then renamed over
 * it, so a crash leaves the old file or the new one, never half of either. The caches and records in the data
 * directory are all written this way.
 */
final class AtomicFile {
    /** Writes the whole content to the (new, empty) temporary file it is given. */
    interface Content {
        void writeTo(Path tmp) throws IOException;
    }

    private AtomicFile() {
    }

    static void replace(Path target, Content content) throws IOException {
        Path tmp = target.resolveSibling(target.getFileName() + "." + UUID.randomUUID().toString().substring(0, 8) + ".tmp");
        try {
            content.writeTo(tmp);
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException e) {
                // Only a leftover temporary file.
            }
        }
    }
}
