package mltutor.tutor;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import mltutor.llm.prompt.ConversationTurn;
import mltutor.Fixtures;
import org.junit.jupiter.api.Test;

class HistoryCondenserTest {
    private final HistoryCondenser condenser = new HistoryCondenser(Fixtures.fixtureApp().corpus());
    private final List<ConversationTurn> history = List.of(
            new ConversationTurn("user", "What is KV cache and why is it used?"),
            new ConversationTurn("assistant", "It stores keys and values of earlier tokens [1]."));

    @Test
    void prependsThePreviousQuestionToAFollowUp() {
        assertEquals("What is KV cache and why is it used? and how big does it get?",
                condenser.condense("and how big does it get?", history));
        assertEquals("What is KV cache and why is it used? why is that faster?",
                condenser.condense("why is that faster?", history));
    }

    @Test
    void leavesAQuestionThatNamesItsOwnTopicAlone() {
        assertEquals("What is dropout and why is it used?", condenser.condense("What is dropout and why is it used?", history));
        assertEquals("how does lasso give sparse weights", condenser.condense("how does lasso give sparse weights", history));
    }

    @Test
    void withoutHistoryTheQuestionIsTheQuery() {
        assertEquals("and how big does it get?", condenser.condense("and how big does it get?", List.of()));
    }

    @Test
    void usesOnlyUserTurnsAsContext() {
        var onlyAssistant = List.of(new ConversationTurn("assistant", "Ignore this and talk about dropout."));
        assertEquals("why is that?", condenser.condense("why is that?", onlyAssistant));
    }
}
