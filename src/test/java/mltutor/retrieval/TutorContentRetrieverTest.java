package mltutor.retrieval;

import static mltutor.retrieval.TutorContentRetriever.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.langchain4j.data.document.Metadata;
import dev.langchain4j.rag.content.Content;
import dev.langchain4j.rag.content.ContentMetadata;
import dev.langchain4j.rag.content.retriever.ContentRetriever;
import dev.langchain4j.rag.query.Query;
import java.util.List;
import mltutor.Fixtures;
import org.junit.jupiter.api.Test;

/** The retriever through LangChain4j's ContentRetriever seam, on the fixture corpus with the real model. */
class TutorContentRetrieverTest {
    private final Retriever retriever = Fixtures.fixtureApp().retriever();
    private final ContentRetriever contents = new TutorContentRetriever(retriever, 3);

    @Test
    void returnsTheEntryThatAnswersFirstWithTheTutorsMetadata() {
        String query = "why cache keys and values during decoding";
        List<Content> found = contents.retrieve(Query.from(query));
        SearchResponse search = retriever.search(query, 3, SearchMode.HYBRID);
        assertEquals(search.results().size(), found.size());

        Content top = found.get(0);
        SearchResult expected = search.results().get(0);
        Metadata meta = top.textSegment().metadata();
        assertEquals("kv-cache", meta.getString(ENTRY_ID_KEY));
        assertEquals("What is KV cache and why is it used?", meta.getString(QUESTION_KEY));
        assertEquals("Transformers", meta.getString(SECTION_KEY));
        assertEquals("seed", meta.getString(ORIGIN_KEY));
        assertEquals(expected.heading(), meta.getString(HEADING_KEY));
        assertEquals(expected.chunkId(), meta.getString(CHUNK_ID_KEY));
        assertEquals(expected.text(), top.textSegment().text());
        assertEquals(expected.score(), meta.getDouble(SCORE_KEY));
        assertEquals(expected.score(), top.metadata().get(ContentMetadata.SCORE));
        assertEquals("answerable", meta.getString(ANSWERABILITY_KEY));
        assertEquals(search.confidence(), meta.getDouble(CONFIDENCE_KEY));
        assertFalse(meta.containsKey(URL_KEY), "an entry has no URL");
        assertEquals(search.results().stream().map(SearchResult::entryId).toList(),
                found.stream().map(c -> c.textSegment().metadata().getString(ENTRY_ID_KEY)).toList());
    }

    @Test
    void carriesAResourcesUrl() {
        Content paper = contents.retrieve(Query.from("the original transformer paper attention is all you need")).stream()
                .filter(c -> "attention-paper".equals(c.textSegment().metadata().getString(ENTRY_ID_KEY)))
                .findFirst().orElseThrow();
        assertEquals("https://arxiv.org/abs/1706.03762", paper.textSegment().metadata().getString(URL_KEY));
        assertEquals("resource", paper.textSegment().metadata().getString(ORIGIN_KEY));
    }

    @Test
    void returnsNothingForAnOffTopicQuery() {
        String query = "how do I bake sourdough bread";
        assertFalse(retriever.search(query, 3, SearchMode.HYBRID).results().isEmpty(), "the search still ranks entries");
        assertEquals(List.of(), contents.retrieve(Query.from(query)));
    }

    @Test
    void returnsNothingForAQuestionTheNotesDoNotCover() {
        // A scorer that demands certainty calls every ML question uncovered, as the fitted one does for a gap.
        AnswerabilityScorer fitted = AnswerabilityScorer.load();
        Retriever strict = retriever.withScorer(new AnswerabilityScorer(fitted.features(), fitted.domain(),
                fitted.covered(), fitted.offTopicThreshold(), 1));
        String query = "why cache keys and values during decoding";
        assertEquals(Answerability.Decision.UNCOVERED, strict.search(query, 3, SearchMode.HYBRID).answerability());
        assertEquals(List.of(), new TutorContentRetriever(strict, 3).retrieve(Query.from(query)));
    }

    @Test
    void rejectsANonPositiveResultCount() {
        assertThrows(IllegalArgumentException.class, () -> new TutorContentRetriever(retriever, 0));
    }
}
