package mltutor.index;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.UUID;
import org.apache.lucene.codecs.CodecUtil;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.IOContext;
import org.apache.lucene.store.IndexOutput;

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

    /** Writes the body of a Lucene-framed file, between its codec header and its checksum footer. */
    interface Body {
        void writeTo(IndexOutput out) throws IOException;
    }

    private AtomicFile() {
    }

    /**
     * Replaces {@code target} with a file framed as Lucene frames its own (codec name and version in a header, a
     * checksum in the footer), synced before the rename; readers check both and ignore a file that fails either.
     */
    static void replaceChecksummed(Path target, String codec, int version, Body body) throws IOException {
        try (var dir = FSDirectory.open(target.getParent())) {
            replace(target, path -> {
                String tmp = path.getFileName().toString();
                try (IndexOutput out = dir.createOutput(tmp, IOContext.DEFAULT)) {
                    CodecUtil.writeHeader(out, codec, version);
                    body.writeTo(out);
                    CodecUtil.writeFooter(out);
                }
                dir.sync(List.of(tmp));
            });
        }
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
