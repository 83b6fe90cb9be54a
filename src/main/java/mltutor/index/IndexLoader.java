package mltutor.index;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.function.IntConsumer;
import java.util.function.Supplier;
import mltutor.chunking.IndexContent;
import mltutor.embedding.LocalEmbedder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens the current index when its fingerprint matches and its checksums verify, and builds a new one otherwise:
 * when there is none, when it was built for another fingerprint, or when it is corrupt (see {@link ChunkIndex#open}).
 * A failure to read it for any other reason stops the start instead of hiding behind a rebuild. Building, publishing
 * and deleting leftover generations happen under the data directory's lock: a second process that needs to build
 * meanwhile waits for the first (and then uses its index when it fits), up to {@link #DEFAULT_LOCK_WAIT}.
 */
public final class IndexLoader {
    private static final Logger LOG = LoggerFactory.getLogger(IndexLoader.class);

    /** Longer than a build of the real corpus (about 4 minutes on two cores), so a second start waits it out. */
    static final Duration DEFAULT_LOCK_WAIT = Duration.ofMinutes(10);

    /**
     * The index in use and how it came to be.
     *
     * @param reason   why this index is the one in use: reused as it was, or why it was (re)built
     * @param embedded chunks the model embedded for this index (0 when reused; on a rebuild, those not in the
     *                 embedding cache)
     * @param rechunked chunks cut anew from the corpus for this index (0 when reused; on a rebuild, those of the
     *                  entries not in the chunk cache)
     * @param segmentsReused  index segments copied unchanged from the last build (0 when reused)
     * @param segmentsWritten index segments written anew (0 when reused)
     */
    public record Loaded(ChunkIndex index, boolean rebuilt, long buildMillis, Path directory, String reason,
                         int embedded, int rechunked, int segmentsReused, int segmentsWritten) {
        static Loaded reused(ChunkIndex index, Path directory, String reason) {
            return new Loaded(index, false, 0, directory, reason, 0, 0, 0, 0);
        }
    }

    /** Receives build progress: chunks embedded so far, out of the total. */
    public interface Progress {
        void update(int done, int total);

        Progress NONE = (done, total) -> { };
    }

    private final IndexStore store;
    private final Supplier<LocalEmbedder> embedder;
    private final Duration lockWait;

    public IndexLoader(IndexStore store, LocalEmbedder embedder) {
        this(store, () -> embedder, DEFAULT_LOCK_WAIT);
    }

    /**
     * A loader whose model may still be loading: it is asked for only when a build needs it, so a start that
     * reuses its index opens the index while the model loads.
     */
    public IndexLoader(IndexStore store, Supplier<LocalEmbedder> embedder) {
        this(store, embedder, DEFAULT_LOCK_WAIT);
    }

    IndexLoader(IndexStore store, LocalEmbedder embedder, Duration lockWait) {
        this(store, () -> embedder, lockWait);
    }

    private IndexLoader(IndexStore store, Supplier<LocalEmbedder> embedder, Duration lockWait) {
        this.store = store;
        this.embedder = embedder;
        this.lockWait = lockWait;
    }

    public Loaded load(String fingerprint, Supplier<IndexContent> content, boolean forceRebuild, Progress progress) {
        deleteOrphansIfFree();
        Optional<Path> seen = store.current();
        String reason = forceRebuild ? "a rebuild was asked for" : "there is no index yet";
        if (!forceRebuild && seen.isPresent()) {
            var opening = ChunkIndex.attempt(seen.get(), fingerprint);
            if (opening.index().isPresent()) {
                return Loaded.reused(opening.index().get(), seen.get(), "the current index matches");
            }
            reason = "the current index cannot be used: " + opening.whyNot();
        }
        // The content first: it may fail (a corpus problem), and that should be the one thing reported.
        long start = System.nanoTime();
        IndexContent all = content.get();
        try (DataDirLock lock = store.lock(lockWait)) {
            Optional<Path> now = store.current();
            if (!forceRebuild && now.isPresent() && !now.equals(seen)) {
                // Another process built an index while this one waited for the lock; it may be just what is needed.
                var opening = ChunkIndex.attempt(now.get(), fingerprint);
                if (opening.index().isPresent()) {
                    return Loaded.reused(opening.index().get(), now.get(), "another process has just built it");
                }
            }
            store.deleteOrphans(lock);
            LOG.info("building the index in {}: {}", store.dataDir(), reason);
            IntConsumer perBatch = done -> progress.update(done, all.chunks().size());
            var builder = new IndexBuilder(store, embedder.get());
            if (forceRebuild) {
                // A rebuild asked for (tutor index --rebuild) writes every segment, trusting nothing stored but vectors.
                builder.forgetSegments();
            }
            var built = builder.build(all, fingerprint, perBatch);
            Optional<ChunkIndex> index = ChunkIndex.open(built.generation(), fingerprint);
            if (index.isEmpty() && built.segmentsReused() > 0) {
                // A stored segment was damaged since it was written (its checksum failed in the new generation).
                LOG.warn("the index assembled from {} stored segments cannot be opened; writing every segment again",
                        built.segmentsReused());
                builder.forgetSegments();
                built = builder.build(all, fingerprint, perBatch);
                index = ChunkIndex.open(built.generation(), fingerprint);
            }
            Path generation = built.generation();
            long millis = (System.nanoTime() - start) / 1_000_000;
            LOG.info("indexed in {} ms: {} of {} chunks cut again, {} embedded, {} of {} segments reused", millis,
                    all.rechunked(), all.chunks().size(), built.embedded(), built.segmentsReused(),
                    built.segmentsReused() + built.segmentsWritten());
            return new Loaded(index.orElseThrow(() -> new IllegalStateException("the index just built in " + generation
                    + " cannot be opened")), true, millis, generation, reason,
                    built.embedded(), all.rechunked(), built.segmentsReused(), built.segmentsWritten());
        }
    }

    /**
     * Deletes what crashed builds left behind, when no other process is changing the directory (its build in
     * progress would look like leftovers) and the directory can be written at all (a read-only one can still
     * serve its index).
     */
    private void deleteOrphansIfFree() {
        try {
            store.tryLock().ifPresent(lock -> {
                try (lock) {
                    store.deleteOrphans(lock);
                }
            });
        } catch (java.io.UncheckedIOException e) {
            LOG.debug("leftover generations not deleted: {}", e.getMessage());
        }
    }
}
