package mltutor.index;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import java.util.stream.IntStream;
import mltutor.Fixtures;
import mltutor.app.TutorApp;
import mltutor.corpus.Entry;
import org.apache.lucene.util.VectorUtil;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * On the real corpus (5,480 chunks, under {@link ChunkIndex#EXACT_SEARCH_MAX_VECTORS}) dense search is exact: the
 * service's candidates for a question are exactly the nearest chunks by cosine, which the HNSW graphs give only
 * approximately (recall@10 about 0.98), so a rebuild cannot move a ranking by chance.
 */
@Tag("slow")
class ExactDenseSearchTest {
    @Test
    void denseSearchReturnsTheExactNearestChunksAsCosines() {
        TutorApp app = Fixtures.realApp();
        ChunkIndex index = app.index().index();
        assertTrue(index.size() <= ChunkIndex.EXACT_SEARCH_MAX_VECTORS, "the real corpus is below the bound");
        List<String> questions = app.corpus().entries().stream().map(Entry::question).limit(60).toList();
        List<float[]> stored = index.vectors();
        int differFromGraph = 0;
        for (int q = 0; q < questions.size(); q++) {
            float[] v = app.embedder().embedQuery(questions.get(q));
            List<ChunkIndex.Hit> hits = index.knn(v, 100);
            assertEquals(index.exactKnn(v, 100), hits, questions.get(q));
            for (int i = 0; i < hits.size(); i++) {
                float[] chunk = stored.get(hits.get(i).doc());
                assertEquals(VectorUtil.dotProduct(chunk, v), hits.get(i).score(), 1e-6);
                if (i > 0) {
                    assertTrue(hits.get(i - 1).score() >= hits.get(i).score(), "sorted by cosine");
                }
            }
            // No chunk outside the list is nearer than the last one in it.
            double last = hits.get(hits.size() - 1).score();
            long nearerOutside = IntStream.range(0, stored.size())
                    .filter(d -> stored.get(d) != null && hits.stream().noneMatch(h -> h.doc() == d))
                    .filter(d -> VectorUtil.dotProduct(stored.get(d), v) > last).count();
            assertEquals(0, nearerOutside, questions.get(q));
            if (!docs(index.approximateKnn(v, 100, null)).equals(docs(hits))) {
                differFromGraph++;
            }
        }
        assertTrue(differFromGraph > 0, "the graphs are approximate on this corpus, so the scan is what makes it exact");
    }

    private static List<Integer> docs(List<ChunkIndex.Hit> hits) {
        return hits.stream().map(ChunkIndex.Hit::doc).toList();
    }
}
