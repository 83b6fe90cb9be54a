package mltutor.tutor;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import mltutor.app.TutorApp;
import mltutor.corpus.Entry;
import mltutor.llm.ConcurrencyCap;
import mltutor.llm.StubLlmApps;
import mltutor.llm.StubLlmServer.Reply;
import mltutor.practice.Assessment;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A misbehaving LLM server costs a request at most the LLM time limit: the answer, the streamed answer and the
 * judge's grade come offline with the reason, within the limit, and the LLM slot is free again afterwards.
 */
class TutorDeadlineTest {
    static final long DEADLINE_MILLIS = 1_000;
    /** Slack for the offline fallback's own work (a cold embedding model on a busy machine), outside the LLM limit. */
    static final long MARGIN_MILLIS = 3_000;
    static final String REASON = "the LLM did not answer within the 1 s time limit";

    @RegisterExtension
    static final StubLlmApps LLM = new StubLlmApps(Map.of("TUTOR_LLM_MODEL", "stub-model",
            "TUTOR_LLM_TIMEOUT", "1", "TUTOR_LLM_RETRIES", "2", "TUTOR_LLM_MAX_CONCURRENT", "1",
            "TUTOR_LLM_QUEUE_WAIT", "0.2"));

    private final AskRequest question = AskRequest.of("why divide attention scores by sqrt(d_k)?");

    static Stream<Arguments> cases() {
        var cases = new ArrayList<Arguments>();
        for (String provider : List.of("openai", "ollama")) {
            cases.add(Arguments.of("headers then stall", (Supplier<Reply>) Reply.HeadersThenStall::new, provider));
            cases.add(Arguments.of("slow drip", (Supplier<Reply>) () -> new Reply.Drip(100), provider));
            cases.add(Arguments.of("never answers", (Supplier<Reply>) Reply.NeverAnswer::new, provider));
        }
        return cases.stream();
    }

    private static ConcurrencyCap slots(String provider) {
        return LLM.app(provider).llmSlots().orElseThrow();
    }

    private static long timed(Runnable call) {
        long t0 = System.nanoTime();
        call.run();
        return (System.nanoTime() - t0) / 1_000_000;
    }

    private static void assertWithinTheDeadline(long elapsed, String what) {
        System.out.printf("deadline: %s fell back after %d ms%n", what, elapsed);
        assertTrue(elapsed < DEADLINE_MILLIS + MARGIN_MILLIS, what + " took " + elapsed + " ms");
    }

    /**
     * Condensing never queues for the one slot: with it taken, the turn condenses offline at once and only the answer
     * waits (here until the slot is freed 100 ms later, inside the 200 ms queue wait), so the LLM sees one request.
     */
    @ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"openai", "ollama"})
    void aTurnCondensesOfflineWhenNoSlotIsFreeAndOnlyTheAnswerWaits(String provider) throws Exception {
        LLM.stub().script(r -> Reply.text("About 0.5 MB per token [1]."));
        var taken = slots(provider).tryAcquire().orElseThrow();
        var release = java.util.concurrent.Executors.newSingleThreadScheduledExecutor();
        try {
            release.schedule(taken::close, 100, java.util.concurrent.TimeUnit.MILLISECONDS);
            var history = List.of(new mltutor.llm.prompt.ConversationTurn("user", "What is KV cache and why is it used?"));
            AskAnswer a = LLM.app(provider).tutor().ask(new AskRequest("and how big does it get?", history, null));
            assertEquals("What is KV cache and why is it used? and how big does it get?", a.query());
            assertEquals(provider + ":stub-model", a.generator());
            assertEquals(1, LLM.stub().requests().size(), "only the answer called the LLM");
            assertFalse(LLM.stub().lastRequest().text("system").contains("standalone search query"));
        } finally {
            release.shutdownNow();
            taken.close();
        }
        assertEquals(0, slots(provider).inUse());
    }

    @ParameterizedTest(name = "{0}, {2}")
    @MethodSource("cases")
    void askFallsBackOfflineWithinTheLimitAndFreesTheSlot(String name, Supplier<Reply> reply, String provider) {
        LLM.stub().script(r -> reply.get());
        TutorApp app = LLM.app(provider);
        var answer = new AskAnswer[1];
        long elapsed = timed(() -> answer[0] = app.tutor().ask(question));
        assertWithinTheDeadline(elapsed, "ask, " + name + ", " + provider);
        assertEquals("offline", answer[0].generator());
        assertEquals(REASON, answer[0].fallbackReason());
        assertEquals(app.tutor().askOffline(question).answer(), answer[0].answer());
        assertEquals(0, slots(provider).inUse(), "the slot is free again");
    }

    @ParameterizedTest(name = "{0}, {2}")
    @MethodSource("cases")
    void aStreamedAskFallsBackOfflineWithinTheLimitAndFreesTheSlot(String name, Supplier<Reply> reply, String provider) {
        LLM.stub().script(r -> reply.get());
        TutorApp app = LLM.app(provider);
        var tokens = new StringBuilder();
        var answer = new AskAnswer[1];
        long elapsed = timed(() -> answer[0] = app.tutor().ask(question, tokens::append));
        assertWithinTheDeadline(elapsed, "streamed ask, " + name + ", " + provider);
        assertEquals("offline", answer[0].generator());
        // A drip has delivered tokens before the limit; the others never got one through.
        assertEquals(name.equals("slow drip") ? REASON + " (mid-stream)" : REASON, answer[0].fallbackReason());
        assertEquals(app.tutor().askOffline(question).answer(), answer[0].answer());
        assertEquals(0, slots(provider).inUse(), "the slot is free again");
    }

    @ParameterizedTest(name = "{0}, {2}")
    @MethodSource("cases")
    void theJudgeGradesOfflineWithinTheLimitAndFreesTheSlot(String name, Supplier<Reply> reply, String provider) {
        LLM.stub().script(r -> reply.get());
        TutorApp app = LLM.app(provider);
        Entry kvCache = app.corpus().entry("kv-cache").orElseThrow();
        var grade = new Assessment[1];
        long elapsed = timed(() -> grade[0] = app.practice().grader().assess(kvCache,
                "The KV cache stores past keys and values so they are not recomputed."));
        assertWithinTheDeadline(elapsed, "judge, " + name + ", " + provider);
        assertEquals(REASON, grade[0].fallbackReason());
        assertEquals(0, slots(provider).inUse(), "the slot is free again");
    }
}
