package mltutor.index;

import java.nio.file.Path;
import java.util.Optional;
import java.util.function.IntConsumer;
import java.util.function.Supplier;
import mltutor.chunking.IndexContent;
import mltutor.embedding.LocalEmbedder;

/**
 * Opens the current index when its fingerprint matches, and builds a new one otherwise: when there is none,
 * when it was built for another fingerprint, or when it is corrupt (see {@link ChunkIndex#open}). A failure to
 * read it for any other reason stops the start instead of hiding behind a rebuild.
 */
public final class IndexLoader {
    /** The index in use and how it came to be. */
    public record Loaded(ChunkIndex index, boolean rebuilt, long buildMillis, Path directory) {
    }

    /** Receives build progress: chunks embedded so far, out of the total. */
    public interface Progress {
        void update(int done, int total);

        Progress NONE = (done, total) -> { };
    }

    private final IndexStore store;
    private final LocalEmbedder embedder;

    public IndexLoader(IndexStore store, LocalEmbedder embedder) {
        this.store = store;
        this.embedder = embedder;
    }

    public Loaded load(String fingerprint, Supplier<IndexContent> content, boolean forceRebuild, Progress progress) {
        if (!forceRebuild) {
            Optional<Path> current = store.current();
            if (current.isPresent()) {
                Optional<ChunkIndex> index = ChunkIndex.open(current.get(), fingerprint);
                if (index.isPresent()) {
                    return new Loaded(index.get(), false, 0, current.get());
                }
            }
        }
        long start = System.nanoTime();
        IndexContent all = content.get();
        IntConsumer perBatch = done -> progress.update(done, all.chunks().size());
        Path generation = new IndexBuilder(store, embedder).build(all, fingerprint, perBatch);
        ChunkIndex index = ChunkIndex.open(generation, fingerprint)
                .orElseThrow(() -> new IllegalStateException("the index just built in " + generation + " cannot be opened"));
        return new Loaded(index, true, (System.nanoTime() - start) / 1_000_000, generation);
    }
}
