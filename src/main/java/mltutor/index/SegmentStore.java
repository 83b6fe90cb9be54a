package mltutor.index;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.NoMergePolicy;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.FilterDirectory;
import org.apache.lucene.store.IOContext;
import org.apache.lucene.util.IOUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Small Lucene indexes, one per part of the corpus, each in {@code data/index/segments/<key>} where the key is a
 * SHA-256 of every document it holds (texts, fields and vectors, see {@link IndexBuilder}). A generation is
 * assembled from them with {@link IndexWriter#addIndexes(Directory...)}, which copies their segments as they are:
 * a part whose documents did not change is not written again, and its HNSW graph is not rebuilt. Changed only
 * under the data directory's lock (by the build that holds it).
 */
final class SegmentStore {
    private static final Logger LOG = LoggerFactory.getLogger(SegmentStore.class);
    static final String DIR = "segments";
    private static final String KEY = "segment";

    private final Path root;

    SegmentStore(Path dataDir) {
        this.root = dataDir.resolve(DIR);
    }

    /** Whether a complete index for this key is stored (a build interrupted before its rename leaves none). */
    boolean has(String key) {
        Path dir = root.resolve(key);
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (var d = FSDirectory.open(dir)) {
            return key.equals(SegmentInfos.readLatestCommit(d).getUserData().get(KEY));
        } catch (IOException | RuntimeException e) {
            LOG.info("the stored segment {} cannot be used ({}); it is written again", dir, e.getMessage());
            IndexStore.deleteTree(dir);
            return false;
        }
    }

    /** Writes these documents as the index for {@code key}: into a temporary directory, then renamed into place. */
    void write(String key, List<Document> docs) {
        long start = System.nanoTime();
        Path tmp = root.resolve(key + ".tmp-" + UUID.randomUUID().toString().substring(0, 8));
        var config = new IndexWriterConfig(IndexFields.analyzer()).setOpenMode(IndexWriterConfig.OpenMode.CREATE)
                .setMergePolicy(NoMergePolicy.INSTANCE);
        try {
            Files.createDirectories(root);
            try (var directory = FSDirectory.open(tmp); var writer = new IndexWriter(directory, config)) {
                for (Document d : docs) {
                    writer.addDocument(d);
                }
                writer.setLiveCommitData(Map.of(KEY, key).entrySet());
                writer.commit();
            }
            Path dir = root.resolve(key);
            IndexStore.deleteTree(dir);
            try {
                Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write an index segment in " + root + ": " + IndexStore.describe(e), e);
        } finally {
            IndexStore.deleteTree(tmp);
        }
        LOG.debug("wrote the segment {} ({} documents) in {} ms", key.substring(0, 12), docs.size(),
                (System.nanoTime() - start) / 1_000_000);
    }

    /**
     * Copies the stored indexes of these keys, in this order, into a new index in {@code generation}, with the
     * fingerprint as its commit data. No merge: each part stays its own segment, graph included.
     */
    void assemble(Path generation, List<String> keys, String fingerprintKey, String fingerprint) {
        var config = new IndexWriterConfig(IndexFields.analyzer()).setOpenMode(IndexWriterConfig.OpenMode.CREATE)
                .setMergePolicy(NoMergePolicy.INSTANCE);
        Directory[] sources = new Directory[keys.size()];
        try {
            for (int i = 0; i < sources.length; i++) {
                sources[i] = FSDirectory.open(root.resolve(keys.get(i)));
            }
            try (var directory = new HardLinking(FSDirectory.open(generation)); var writer = new IndexWriter(directory, config)) {
                writer.addIndexes(sources);
                writer.setLiveCommitData(Map.of(fingerprintKey, fingerprint).entrySet());
                writer.commit();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the index in " + generation + ": " + IndexStore.describe(e), e);
        } finally {
            IOUtils.closeWhileHandlingException(sources);
        }
    }

    /**
     * Copies a file from another file-system directory as a hard link (Lucene never changes a written file, so the
     * generation and the store can share it): assembling the real corpus's generation then writes no 13 MB. Where a
     * link cannot be made (another file system), the file is copied.
     */
    private static final class HardLinking extends FilterDirectory {
        HardLinking(Directory in) {
            super(in);
        }

        @Override
        public void copyFrom(Directory from, String src, String dest, IOContext context) throws IOException {
            Directory source = FilterDirectory.unwrap(from);
            Directory target = FilterDirectory.unwrap(in);
            if (source instanceof FSDirectory s && target instanceof FSDirectory t) {
                try {
                    Files.createLink(t.getDirectory().resolve(dest), s.getDirectory().resolve(src));
                    return;
                } catch (IOException | UnsupportedOperationException e) {
                    LOG.debug("cannot link {} ({}); copying it", src, e.getMessage());
                }
            }
            super.copyFrom(from, src, dest, context);
        }
    }

    /** Deletes every stored index but these (and what interrupted writes left). */
    void retainOnly(Collection<String> keys) {
        Set<String> keep = Set.copyOf(keys);
        if (!Files.isDirectory(root)) {
            return;
        }
        try (Stream<Path> dirs = Files.list(root)) {
            dirs.filter(d -> !keep.contains(d.getFileName().toString())).forEach(IndexStore::deleteTree);
        } catch (IOException e) {
            // Unused segments only cost disk; the next build tries again.
        }
    }

    /** Deletes every stored index, so the next build writes each part anew. */
    void clear() {
        IndexStore.deleteTree(root);
    }
}
