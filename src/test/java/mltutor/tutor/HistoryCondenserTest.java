package mltutor.tutor;

import static org.junit.jupiter.api.Assertions.*;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.rag.AugmentationRequest;
import dev.langchain4j.rag.DefaultRetrievalAugmentor;
import dev.langchain4j.rag.query.Metadata;
import dev.langchain4j.rag.query.Query;
import dev.langchain4j.rag.query.transformer.QueryTransformer;
import java.util.List;
import mltutor.llm.prompt.ConversationTurn;
import mltutor.Fixtures;
import mltutor.retrieval.TutorContentRetriever;
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

    /** A LangChain4j chat memory holding the same conversation as {@link #history}, plus a system message. */
    private static final List<ChatMessage> MEMORY = List.of(
            SystemMessage.from("You are an ML interview tutor."),
            UserMessage.from("What is KV cache and why is it used?"),
            AiMessage.from("It stores keys and values of earlier tokens [1]."));

    private static Query followUp(String text) {
        return Query.from(text, Metadata.from(UserMessage.from(text), "conversation-1", MEMORY));
    }

    @Test
    void asAQueryTransformerCondensesAFollowUpWithTheChatMemory() {
        QueryTransformer transformer = condenser;
        Query query = followUp("and how big does it get?");
        var transformed = List.copyOf(transformer.transform(query));
        assertEquals(1, transformed.size());
        assertEquals(condenser.condense("and how big does it get?", history), transformed.get(0).text());
        assertEquals("What is KV cache and why is it used? and how big does it get?", transformed.get(0).text());
        assertSame(query.metadata(), transformed.get(0).metadata(), "the chat context travels on with the query");
    }

    @Test
    void asAQueryTransformerLeavesAStandaloneQuestionOrAQueryWithoutMemoryAlone() {
        QueryTransformer transformer = condenser;
        assertEquals("What is dropout and why is it used?",
                List.copyOf(transformer.transform(followUp("What is dropout and why is it used?"))).get(0).text());
        assertEquals(List.of(Query.from("and how big does it get?")),
                List.copyOf(transformer.transform(Query.from("and how big does it get?"))));
    }

    @Test
    void readsOnlyUserAndAssistantTextFromTheChatMemory() {
        assertEquals(history, HistoryCondenser.turns(MEMORY));
        assertEquals(List.of(), HistoryCondenser.turns(null));
    }

    @Test
    void inALangChainRagChainAFollowUpRetrievesTheEntryOfTheConversation() {
        var alone = new TutorContentRetriever(Fixtures.fixtureApp().retriever(), 3)
                .retrieve(Query.from("and how big does it get?"));
        assertTrue(alone.isEmpty(), "without its conversation the follow-up is about nothing: " + alone);
        var augmentor = DefaultRetrievalAugmentor.builder()
                .queryTransformer(condenser)
                .contentRetriever(new TutorContentRetriever(Fixtures.fixtureApp().retriever(), 3))
                .build();
        UserMessage message = UserMessage.from("and how big does it get?");
        var result = augmentor.augment(new AugmentationRequest(message,
                Metadata.from(message, "conversation-1", MEMORY)));
        assertFalse(result.contents().isEmpty());
        assertEquals("kv-cache", result.contents().get(0).textSegment().metadata()
                .getString(TutorContentRetriever.ENTRY_ID_KEY));
    }
}
