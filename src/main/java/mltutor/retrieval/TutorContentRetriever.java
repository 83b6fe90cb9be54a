package mltutor.retrieval;

import dev.langchain4j.data.document.Metadata;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.rag.content.Content;
import dev.langchain4j.rag.content.ContentMetadata;
import dev.langchain4j.rag.content.retriever.ContentRetriever;
import dev.langchain4j.rag.query.Query;
import java.util.List;
import java.util.Map;

/**
 * The tutor's hybrid search as a LangChain4j {@link ContentRetriever}, so a LangChain4j RAG chain
 * ({@code RetrievalAugmentor}, an AI service's {@code contentRetriever}) can ground on the notes. Each
 * {@link Content} is the passage that best represents one entry; its text segment's metadata carries the
 * entry id, question, section, heading, origin, chunk id, resource URL (resources only), score, and the
 * search's answerability decision and confidence, under the {@code *_KEY} names below.
 *
 * <p>The tutor itself keeps calling {@link Retriever#search} and its {@link SearchResponse}: a list of contents
 * has no place for what the tutor needs around the passages: the answerability decision that chooses between an
 * answer, a decline and a refusal; the domain score and signals the gap log and the API report; and the
 * ranked {@link SearchResult}s that become numbered citations.
 */
public final class TutorContentRetriever implements ContentRetriever {
    public static final String ENTRY_ID_KEY = "entryId";
    public static final String QUESTION_KEY = "question";
    public static final String SECTION_KEY = "section";
    public static final String HEADING_KEY = "heading";
    public static final String ORIGIN_KEY = "origin";
    public static final String CHUNK_ID_KEY = "chunkId";
    public static final String URL_KEY = "url";
    public static final String SCORE_KEY = "score";
    public static final String ANSWERABILITY_KEY = "answerability";
    public static final String CONFIDENCE_KEY = "confidence";

    private final Retriever retriever;
    private final int maxResults;

    /**
     * @param retriever  the project's retriever; the caller owns it and closes it
     * @param maxResults how many entries to return at most (each entry once)
     */
    public TutorContentRetriever(Retriever retriever, int maxResults) {
        if (maxResults < 1) {
            throw new IllegalArgumentException("maxResults must be at least 1, got " + maxResults);
        }
        this.retriever = retriever;
        this.maxResults = maxResults;
    }

    /**
     * The entries that answer the query, best first, searched in hybrid mode as the tutor does. A query the
     * notes do not answer (off-topic, or an ML question they do not cover) gives an empty list: a RAG chain
     * injects whatever it is given as grounding, and must not ground an answer on an unrelated entry. The tutor
     * follows the same rule: it refuses or declines such a question rather than answer from the top entry.
     */
    @Override
    public List<Content> retrieve(Query query) {
        SearchResponse response = retriever.search(query.text(), maxResults, SearchMode.HYBRID);
        if (!response.answerable()) {
            return List.of();
        }
        return response.results().stream().map(r -> content(r, response)).toList();
    }

    private static Content content(SearchResult r, SearchResponse response) {
        var meta = new Metadata()
                .put(ENTRY_ID_KEY, r.entryId())
                .put(QUESTION_KEY, r.question())
                .put(ORIGIN_KEY, r.origin())
                .put(CHUNK_ID_KEY, r.chunkId())
                .put(SCORE_KEY, r.score())
                .put(ANSWERABILITY_KEY, response.answerability().id())
                .put(CONFIDENCE_KEY, response.confidence());
        // LangChain4j metadata holds no nulls: a key is absent when the result has no such value.
        putIfPresent(meta, SECTION_KEY, r.section());
        putIfPresent(meta, HEADING_KEY, r.heading());
        putIfPresent(meta, URL_KEY, r.url());
        return Content.from(TextSegment.from(r.text(), meta), Map.of(ContentMetadata.SCORE, r.score()));
    }

    private static void putIfPresent(Metadata meta, String key, String value) {
        if (value != null) {
            meta.put(key, value);
        }
    }
}
