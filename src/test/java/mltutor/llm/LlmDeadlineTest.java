package mltutor.llm;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import mltutor.llm.StubLlmServer.Reply;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One total deadline per call, whatever the server does: headers then silence, a body or stream that drips
 * forever, no answer at all. Each call fails within the deadline (plus scheduling slack) with a reason that
 * names the limit, without retrying past it, through the real OpenAI and Ollama clients.
 */
class LlmDeadlineTest {
    static final long DEADLINE_MILLIS = 1_000;
    /** Slack for thread scheduling on a busy machine; far below the stub's minute-long hang. */
    static final long MARGIN_MILLIS = 1_000;
    static final String REASON = "the LLM did not answer within the 1 s time limit";

    @RegisterExtension
    static final StubLlmServer stub = new StubLlmServer();

    static Stream<Arguments> misbehaviours() {
        var cases = new ArrayList<Arguments>();
        for (LlmSettings.Provider provider : List.of(LlmSettings.Provider.OPENAI, LlmSettings.Provider.OLLAMA)) {
            for (boolean streaming : List.of(false, true)) {
                cases.add(Arguments.of("headers then stall", (Supplier<Reply>) Reply.HeadersThenStall::new, provider, streaming));
                cases.add(Arguments.of("slow drip", (Supplier<Reply>) () -> new Reply.Drip(100), provider, streaming));
                cases.add(Arguments.of("never answers", (Supplier<Reply>) Reply.NeverAnswer::new, provider, streaming));
            }
        }
        return cases.stream();
    }

    private LlmClient client(LlmSettings.Provider provider, int retries) {
        String url = provider == LlmSettings.Provider.OPENAI ? stub.openAiUrl() : stub.ollamaUrl();
        return LlmClientTest.client(provider, url, DEADLINE_MILLIS / 1000.0, retries);
    }

    @ParameterizedTest(name = "{0}, {2}, streaming {3}")
    @MethodSource("misbehaviours")
    void givesUpAtTheDeadlineWithoutRetrying(String name, Supplier<Reply> reply, LlmSettings.Provider provider,
                                             boolean streaming) {
        stub.script(r -> reply.get());
        LlmClient client = client(provider, 2);
        var tokens = new StringBuilder();
        long t0 = System.nanoTime();
        LlmFailure f = assertThrows(LlmFailure.class, () -> {
            if (streaming) {
                client.stream("sys", "user", tokens::append);
            } else {
                client.complete("sys", "user");
            }
        });
        long elapsed = (System.nanoTime() - t0) / 1_000_000;
        System.out.printf("deadline %s, %s, streaming %s: failed after %d ms: %s%n", name, provider, streaming, elapsed,
                f.reason());
        assertTrue(elapsed >= DEADLINE_MILLIS - 50, "waited the whole budget: " + elapsed);
        assertTrue(elapsed < DEADLINE_MILLIS + MARGIN_MILLIS, "gave up at the deadline: " + elapsed + " ms");
        assertEquals(tokens.isEmpty() ? REASON : REASON + " (mid-stream)", f.reason());
        assertFalse(f.retryable());
        assertTrue(stub.requests().size() <= 1, "no retry once the budget is spent");
    }

    @ParameterizedTest(name = "{0}, streaming {1}")
    @MethodSource("providersAndModes")
    void cancelsTheAbandonedHttpCall(LlmSettings.Provider provider, boolean streaming) throws InterruptedException {
        stub.script(r -> new Reply.Drip(50));
        LlmClient client = client(provider, 0);
        assertThrows(LlmFailure.class, () -> {
            if (streaming) {
                client.stream("sys", "user", t -> { });
            } else {
                client.complete("sys", "user");
            }
        });
        // The stub notices a closed connection at its next write; a call that were merely abandoned would drip on.
        long until = System.nanoTime() + 3_000_000_000L;
        while (stub.dripping() > 0 && System.nanoTime() < until) {
            Thread.sleep(20);
        }
        assertEquals(0, stub.dripping(), "the HTTP exchange was closed, not left running");
    }

    static Stream<Arguments> providersAndModes() {
        return Stream.of(Arguments.of(LlmSettings.Provider.OPENAI, false), Arguments.of(LlmSettings.Provider.OPENAI, true),
                Arguments.of(LlmSettings.Provider.OLLAMA, false), Arguments.of(LlmSettings.Provider.OLLAMA, true));
    }

    @Test
    void retriesStopWhenTheBudgetCannotCoverTheNextBackoff() {
        // Backoff 250, 500, 1000, ... ms: within a 1 s budget only the first two retries fit.
        stub.script(r -> new Reply.Status(503));
        long t0 = System.nanoTime();
        LlmFailure f = assertThrows(LlmFailure.class, () -> client(LlmSettings.Provider.OPENAI, 5).complete("sys", "user"));
        long elapsed = (System.nanoTime() - t0) / 1_000_000;
        assertEquals("the LLM server answered HTTP 503", f.reason());
        assertTrue(elapsed < DEADLINE_MILLIS + MARGIN_MILLIS, elapsed + " ms");
        assertTrue(stub.requests().size() <= 3, stub.requests().size() + " attempts");
        assertTrue(stub.requests().size() >= 2, "a quick failure is still retried");
    }

    @Test
    void aConsumerThatThrowsEndsTheStreamWithItsOwnException() throws InterruptedException {
        stub.script(r -> new Reply.Drip(50));
        LlmClient client = client(LlmSettings.Provider.OPENAI, 2);
        class Gone extends RuntimeException {
        }
        long t0 = System.nanoTime();
        assertThrows(Gone.class, () -> client.stream("sys", "user", t -> {
            throw new Gone();
        }));
        assertTrue((System.nanoTime() - t0) / 1_000_000 < DEADLINE_MILLIS, "stopped at once, not at the deadline");
        assertEquals(1, stub.requests().size(), "a consumer that has gone is not retried");
        long until = System.nanoTime() + 3_000_000_000L;
        while (stub.dripping() > 0 && System.nanoTime() < until) {
            Thread.sleep(20);
        }
        assertEquals(0, stub.dripping(), "the stream was cancelled");
    }
}
