package mltutor.tutor;

import static org.junit.jupiter.api.Assertions.*;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import mltutor.Fixtures;
import mltutor.app.TutorApp;
import mltutor.llm.StubLlmServer;
import mltutor.llm.StubLlmServer.Reply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every LLM failure mode ends in the offline answer with a reason, never an exception. */
class TutorFallbackTest {
    private static StubLlmServer stub;
    private static TutorApp app;
    private final AskRequest question = AskRequest.of("why divide attention scores by sqrt(d_k)?");

    @BeforeAll
    static void start() {
        stub = new StubLlmServer();
        var settings = new HashMap<>(TutorWithLlmTest.settings("openai", stub.openAiUrl()));
        settings.put("TUTOR_LLM_TIMEOUT", "0.5");
        app = Fixtures.fixtureAppWith(settings);
    }

    @AfterAll
    static void stop() {
        app.close();
        stub.close();
    }

    @BeforeEach
    void reset() {
        stub.reset();
    }

    static Stream<Arguments> failures() {
        return Stream.of(
                // A timeout spends the call's whole budget: nothing is left for a retry.
                Arguments.of("timeout", (Supplier<Reply>) () -> Reply.slow("too late [1]", 1_500), "the LLM did not answer within the 0.5 s time limit", 1),
                Arguments.of("429", (Supplier<Reply>) () -> new Reply.Status(429), "the LLM server is rate-limiting requests (HTTP 429)", 2),
                Arguments.of("500", (Supplier<Reply>) () -> new Reply.Status(500), "the LLM server answered HTTP 500", 2),
                Arguments.of("503", (Supplier<Reply>) () -> new Reply.Status(503), "the LLM server answered HTTP 503", 2),
                Arguments.of("401", (Supplier<Reply>) () -> new Reply.Status(401), "the LLM server refused the credentials (HTTP 401)", 1),
                Arguments.of("malformed", (Supplier<Reply>) Reply.Malformed::new, "the LLM reply could not be read", 2),
                Arguments.of("empty", (Supplier<Reply>) () -> Reply.text(""), "the LLM returned an empty completion", 2));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("failures")
    void answersOfflineWithTheReason(String name, Supplier<Reply> failure, String reason, int attempts) {
        stub.script(r -> failure.get());
        AskAnswer a = app.tutor().ask(question);
        assertEquals("offline", a.generator());
        assertEquals(reason, a.fallbackReason());
        assertTrue(a.grounded());
        assertEquals("attention-scaling", a.citations().get(0).entryId());
        assertEquals(app.tutor().askOffline(question).answer(), a.answer());
        assertEquals(attempts, stub.requests().size(), "bounded retries");
    }

    @Test
    void answersOfflineWhenTheServerIsNotThere() {
        String closed;
        try (var gone = new StubLlmServer()) {
            closed = gone.openAiUrl();
        }
        try (TutorApp down = Fixtures.fixtureAppWith(TutorWithLlmTest.settings("openai", closed))) {
            AskAnswer a = down.tutor().ask(question);
            assertEquals("offline", a.generator());
            assertEquals("could not connect to the LLM server", a.fallbackReason());
            Draft d = down.tutor().draft(new DraftRequest(null, "dropout"));
            assertEquals("could not connect to the LLM server", d.fallbackReason());
            assertTrue(d.draft().startsWith("### Short answer"));
        }
    }

    @Test
    void aStreamThatFailsBeforeAnyTokenStreamsTheOfflineAnswer() {
        stub.script(r -> new Reply.Status(500));
        var tokens = new StringBuilder();
        AskAnswer a = app.tutor().ask(question, tokens::append);
        assertEquals("offline", a.generator());
        assertEquals(a.answer(), tokens.toString());
    }

    @Test
    void aStreamThatBreaksMidwayEndsWithTheOfflineAnswer() {
        stub.script(r -> new Reply.StallMidStream("Dividing by the square root keeps the variance of the logits "
                + "near one, which matters because a saturated softmax has vanishing gradients and so on and so forth. "));
        var tokens = new StringBuilder();
        AskAnswer a = app.tutor().ask(question, tokens::append);
        assertEquals("offline", a.generator());
        assertEquals("the LLM did not answer within the 0.5 s time limit (mid-stream)", a.fallbackReason());
        assertTrue(tokens.toString().startsWith("Dividing by the square root"), "the partial reply was shown: " + tokens);
        assertEquals(app.tutor().askOffline(question).answer(), a.answer(), "the final answer is the offline one");
        assertEquals(1, stub.requests().size());
    }

    @Test
    void draftsAndFollowUpsFallBackToo() {
        stub.script(r -> new Reply.Status(502));
        Draft d = app.tutor().draft(new DraftRequest(null, "kv-cache"));
        assertEquals("offline", d.generator());
        assertEquals("the LLM server answered HTTP 502", d.fallbackReason());
        FollowUps f = app.tutor().followUps(new FollowUpRequest(null, "kv-cache", null, 2));
        assertEquals("offline", f.generator());
        assertEquals(2, f.followUps().size());
        assertEquals("the LLM server answered HTTP 502", f.fallbackReason());
    }

    @Test
    void neverPutsTheKeyIntoAReason() {
        stub.script(r -> new Reply.Status(401));
        AskAnswer a = app.tutor().ask(question);
        assertFalse(a.toString().contains(TutorWithLlmTest.KEY));
        assertFalse(String.valueOf(Map.of("settings", app.config().llm())).contains(TutorWithLlmTest.KEY));
    }
}
