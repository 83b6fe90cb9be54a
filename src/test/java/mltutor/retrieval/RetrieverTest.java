package mltutor.retrieval;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import java.util.stream.Collectors;
import mltutor.Fixtures;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class RetrieverTest {
    private final Retriever retriever = Fixtures.fixtureApp().retriever();

    @ParameterizedTest
    @EnumSource(SearchMode.class)
    void everyModeRanksTheEntryThatAnswersTheQuestionFirst(SearchMode mode) {
        assertEquals("kv-cache", top("why cache keys and values during decoding", mode));
        assertEquals("l1-vs-l2", top("lasso sparsity versus ridge shrinkage regularization", mode));
        assertEquals("precision-recall", top("precision recall F1 harmonic mean", mode));
    }

    @Test
    void theQuestionTextItselfFindsItsEntry() {
        assertEquals("attention-scaling", top("Why do we divide the attention score by √dₖ in the Transformer?", SearchMode.HYBRID));
        assertEquals("gradient-clipping", top("What is gradient clipping and why is it used?", SearchMode.VECTOR));
    }

    @Test
    void prefersTheListsOwnEntryOverAnExtraEntryOnlyWhenTheyMatchAboutEquallyWell() {
        // gradient-clipping is an extra entry in the fixture: weighted 0.8, it still wins a query about itself.
        assertEquals("gradient-clipping", top("clip the gradient norm to stop exploding updates", SearchMode.HYBRID));
        var weights = new OriginWeights(0.8, 0.8);
        assertEquals(0.8, weights.of("extra"));
        assertEquals(1.0, weights.of("seed"));
        assertThrows(IllegalArgumentException.class, () -> new OriginWeights(0, 1));
    }

    @Test
    void collapsesChunksSoEachEntryAppearsOnce() {
        var results = retriever.search("attention keys values softmax", 10, SearchMode.HYBRID).results();
        var ids = results.stream().map(SearchResult::entryId).toList();
        assertEquals(ids.size(), ids.stream().distinct().count(), ids.toString());
        assertTrue(ids.size() > 3);
    }

    @Test
    void resultsCarryTheirEntryAndResourceUrl() {
        var results = retriever.search("original transformer paper", 10, SearchMode.HYBRID).results();
        SearchResult paper = results.stream().filter(r -> r.entryId().equals("attention-paper")).findFirst().orElseThrow();
        assertEquals("https://arxiv.org/abs/1706.03762", paper.url());
        assertEquals("resource", paper.origin());
        SearchResult entry = results.stream().filter(r -> r.origin().equals("seed")).findFirst().orElseThrow();
        assertNull(entry.url());
        assertFalse(entry.text().isBlank());
    }

    @ParameterizedTest
    @ValueSource(strings = {"how do I bake sourdough bread", "how to center a div with css flexbox",
            "cheap flights to tokyo in march", "git rebase or merge for my team"})
    void recognisesQuestionsTheCorpusDoesNotCover(String query) {
        SearchResponse r = retriever.search(query, 5, SearchMode.HYBRID);
        assertFalse(r.inDomain(), query + " margin " + r.domainMargin());
        assertTrue(r.confidence() < 0.5);
    }

    @Test
    void keepsQuestionsTheCorpusCovers() {
        for (String q : List.of("what does the kv cache store", "why divide attention logits by sqrt of d_k",
                "l1 vs l2 regularization")) {
            SearchResponse r = retriever.search(q, 5, SearchMode.HYBRID);
            assertTrue(r.inDomain(), q + " margin " + r.domainMargin());
            assertTrue(r.confidence() > 0.5);
        }
    }

    @Test
    void signalsSayWhetherBothRetrieversAgreeAndHowCentralTheQuerysTermsAre() {
        Signals obvious = retriever.search("why cache keys and values during decoding", 5, SearchMode.HYBRID).signals();
        assertEquals(1.0, obvious.denseRank());
        assertEquals(1.0, obvious.lexicalRank());
        assertTrue(obvious.lexicalSupport() > 0, obvious.toString());
        assertTrue(obvious.anyPhrasing() >= obvious.phrasing(), obvious.toString());
        assertTrue(obvious.bestCentrality() >= obvious.centrality(), obvious.toString());
        assertTrue(obvious.rarestIdf() > 0, obvious.toString());

        // No entry uses any of these words: nothing for BM25 to support, nothing central anywhere.
        Signals unknown = retriever.search("zxqv wubble florp", 5, SearchMode.HYBRID).signals();
        assertEquals(0.0, unknown.lexicalRank());
        assertEquals(0.0, unknown.lexicalSupport());
        assertEquals(0.0, unknown.bestCentrality());
        assertEquals(0.0, unknown.rarestIdf());
    }

    @Test
    void fusionsAgreeOnAnObviousQueryButWeightedAndRrfScoreDifferently() {
        var weighted = retriever.search("precision recall harmonic mean", 3, SearchMode.HYBRID, Fusion.weighted(0.6));
        var rrf = retriever.search("precision recall harmonic mean", 3, SearchMode.HYBRID, Fusion.rrf(60));
        assertEquals("precision-recall", weighted.results().get(0).entryId());
        assertEquals("precision-recall", rrf.results().get(0).entryId());
        assertTrue(rrf.results().get(0).score() <= 2.0 / 61 + 1e-4, "an RRF score is at most 2/(k+1)");
    }

    private String top(String query, SearchMode mode) {
        var r = retriever.search(query, 5, mode);
        assertFalse(r.results().isEmpty(), query);
        return r.results().get(0).entryId();
    }

    static String ids(List<SearchResult> results) {
        return results.stream().map(SearchResult::entryId).collect(Collectors.joining(","));
    }
}
