package mltutor.tutor;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import mltutor.corpus.Entry;
import mltutor.llm.prompt.ConversationTurn;
import mltutor.retrieval.SearchResponse;

/**
 * Writes the tutor's texts once retrieval has decided what the notes can answer. {@link OfflineGenerator}
 * quotes the corpus; {@link LlmGenerator} asks a language model; {@link FallbackGenerator} puts the two
 * together. A {@code stream}, when present, receives the answer text as it is produced.
 */
public interface Generator {
    /** "offline", "openai:&lt;model&gt;" or "ollama:&lt;model&gt;": who writes when all goes well. */
    String name();

    /** A standalone search query for the last question of a non-empty conversation. */
    String condense(String question, List<ConversationTurn> history);

    /** An answer grounded in the retrieved notes {@code r}, which the notes can answer. */
    AskAnswer ask(String question, String query, List<ConversationTurn> history, SearchResponse r,
                  Optional<Consumer<String>> stream);

    /**
     * The answer to an ML question the notes do not cover.
     *
     * @param mentions entries that mention the subject in passing
     */
    AskAnswer uncovered(String question, String query, List<ConversationTurn> history, SearchResponse r,
                        List<RelatedQuestion> mentions, Optional<Consumer<String>> stream);

    /** A model answer for an entry, written the way a candidate would say it. */
    Draft draft(Entry e);

    /**
     * An interviewer's next questions about an entry.
     *
     * @param answer the candidate's answer, or empty when there is none
     * @param missed the key points that answer missed (empty without an answer)
     */
    FollowUps followUps(Entry e, String answer, List<String> missed, int n);
}
