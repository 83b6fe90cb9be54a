package mltutor.tutor;

import java.util.List;
import mltutor.llm.prompt.ConversationTurn;

/**
 * A free-form question, optionally continuing a conversation.
 *
 * @param history earlier turns, oldest first; may be null
 * @param k       how many entries to retrieve as sources; null for the default
 */
public record AskRequest(String question, List<ConversationTurn> history, Integer k) {
    public AskRequest {
        history = history == null ? List.of() : history;
    }

    public static AskRequest of(String question) {
        return new AskRequest(question, List.of(), null);
    }
}
