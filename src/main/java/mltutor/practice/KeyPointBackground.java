package mltutor.practice;

import mltutor.embedding.EntryVectors;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import mltutor.chunking.Chunk;
import mltutor.corpus.Corpus;
import mltutor.corpus.Entry;
import mltutor.index.ChunkIndex;

/**
 * How much each key point of an entry resembles text about other topics: the mean cosine similarity of the
 * point to its {@link #NEIGHBOURS} nearest index chunks of answer text from unrelated entries (another section,
 * not linked); alias chunks are left out.
 * Computed from the existing index, so it costs a vector scan per key point and no extra embedding.
 */
public final class KeyPointBackground {
    static final int NEIGHBOURS = 10;
    /** Chunks fetched per point before the unrelated ones are kept; ample for a corpus of a few thousand chunks. */
    private static final int CANDIDATES = 200;

    private final ChunkIndex index;
    private final Corpus corpus;
    private final EntryVectors vectors;
    private final Map<String, double[]> cache = new ConcurrentHashMap<>();

    public KeyPointBackground(ChunkIndex index, Corpus corpus, EntryVectors vectors) {
        this.index = index;
        this.corpus = corpus;
        this.vectors = vectors;
    }

    /** True when {@code other} is about a different topic than {@code e}: another section, and not linked. */
    public static boolean unrelated(Entry e, Entry other) {
        return !e.section().equals(other.section()) && !e.related().contains(other.id())
                && !other.related().contains(e.id());
    }

    /** One value per key point, in rubric order; the reference value when nothing unrelated is indexed. */
    public double[] of(Entry entry) {
        return cache.computeIfAbsent(entry.id(), id -> compute(entry)).clone();
    }

    private double[] compute(Entry entry) {
        List<float[]> points = vectors.keyPoints(entry);
        double[] out = new double[points.size()];
        for (int p = 0; p < points.size(); p++) {
            double sum = 0;
            int n = 0;
            for (ChunkIndex.Hit hit : index.exactKnn(points.get(p), CANDIDATES)) {
                Chunk chunk = index.chunk(hit.doc());
                if (chunk.standalone()) {
                    // Background is measured against answer text: one-line units (phrasings of questions, key
                    // points) sit closer to any key point than prose does and would inflate it.
                    continue;
                }
                var other = corpus.entry(chunk.entryId());
                if (other.isPresent() && unrelated(entry, other.get())) {
                    sum += hit.score();
                    if (++n == NEIGHBOURS) {
                        break;
                    }
                }
            }
            out[p] = n == 0 ? GradingScale.BACKGROUND_REFERENCE : sum / n;
        }
        return out;
    }
}
