package mltutor.corpus;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import mltutor.Fixtures;
import mltutor.embedding.LocalEmbedder;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * No two entries may give nearly the same short answer: overlapping questions (the two KV-cache entries,
 * MQA/GQA, the ZeRO pair, the RAG trio, extras beside the seed entries they border) must each answer
 * their own question. Measured with the real embedding model.
 */
class DistinctShortAnswersTest {
    /**
     * Cosine similarity (bge-small-en-v1.5 int8) above which two short answers count as near-identical.
     * Calibration: a sentence and its paraphrase score 0.939, a related but different answer 0.651
     * (second test); the closest pair of distinct entries in the corpus, the two KV-cache entries, scores 0.920.
     */
    static final double NEAR_DUPLICATE = 0.93;

    @Tag("slow")
    @Test
    void noTwoEntriesHaveNearIdenticalShortAnswers() {
        Corpus corpus = new CorpusLoader().load(Fixtures.REAL_CORPUS);
        List<Entry> entries = corpus.entries();
        List<float[]> vectors = Fixtures.embedder().embedTexts(entries.stream().map(Entry::shortAnswer).toList());
        var tooClose = new ArrayList<String>();
        double max = 0;
        for (int i = 0; i < entries.size(); i++) {
            for (int j = i + 1; j < entries.size(); j++) {
                double s = LocalEmbedder.dot(vectors.get(i), vectors.get(j));
                max = Math.max(max, s);
                if (s > NEAR_DUPLICATE) {
                    tooClose.add(String.format("%s ~ %s (%.3f)", entries.get(i).file(), entries.get(j).file(), s));
                }
            }
        }
        assertEquals(List.of(), tooClose, "near-identical short answers");
        assertTrue(max > 0.5, "the check must see real similarities, max was " + max);
    }

    @Test
    void thresholdSeparatesAParaphraseFromADifferentAnswer() {
        var v = Fixtures.embedder().embedTexts(List.of(
                "The KV cache stores the keys and values of earlier tokens so each decoding step only computes the new token's projections.",
                "A KV cache keeps earlier tokens' keys and values, so every decoding step only has to compute projections for the new token.",
                "Grouped-query attention shares each key/value head across a group of query heads, shrinking the KV cache by the group size."));
        assertTrue(LocalEmbedder.dot(v.get(0), v.get(1)) > NEAR_DUPLICATE, "a paraphrase must count as a near duplicate");
        assertTrue(LocalEmbedder.dot(v.get(0), v.get(2)) < NEAR_DUPLICATE, "a related but different answer must not");
    }
}
