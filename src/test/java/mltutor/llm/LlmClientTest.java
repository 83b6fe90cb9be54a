package mltutor.llm;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Optional;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import mltutor.llm.StubLlmServer.Reply;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Retries, timeouts and failure classification of the real clients against the stub. */
class LlmClientTest {
    @RegisterExtension
    static final StubLlmServer stub = new StubLlmServer();

    static LlmClient client(LlmSettings.Provider provider, String url, double timeoutSeconds, int retries) {
        var settings = new LlmSettings(Optional.of(new LlmSettings.Endpoint(provider, URI.create(url), "stub-model",
                Optional.of("sk-abc"))), Duration.ofMillis((long) (timeoutSeconds * 1000)), 0.2, 100, retries, 2,
                Duration.ofMillis(100));
        return LlmClient.create(settings);
    }

    private LlmClient openAi(double timeout, int retries) {
        return client(LlmSettings.Provider.OPENAI, stub.openAiUrl(), timeout, retries);
    }

    @Test
    void retriesARetryableFailureThenSucceeds() {
        stub.enqueue(new Reply.Status(503), Reply.text("fine"));
        assertEquals("fine", openAi(2, 2).complete("sys", "user"));
        assertEquals(2, stub.requests().size());
    }

    @Test
    void givesUpAfterTheConfiguredRetries() {
        stub.script(r -> new Reply.Status(429));
        LlmFailure f = assertThrows(LlmFailure.class, () -> openAi(2, 2).complete("sys", "user"));
        assertEquals("the LLM server is rate-limiting requests (HTTP 429)", f.reason());
        assertEquals(3, stub.requests().size());
    }

    @Test
    void doesNotRetryRefusedCredentials() {
        stub.script(r -> new Reply.Status(401));
        LlmFailure f = assertThrows(LlmFailure.class, () -> openAi(2, 2).complete("sys", "user"));
        assertTrue(f.reason().contains("credentials"), f.reason());
        assertFalse(f.reason().contains("sk-abc"));
        assertEquals(1, stub.requests().size());
    }

    @Test
    void timesOutASlowServer() {
        stub.script(r -> Reply.slow("late", 2_000));
        long t0 = System.nanoTime();
        LlmFailure f = assertThrows(LlmFailure.class, () -> openAi(0.3, 0).complete("sys", "user"));
        assertEquals("the LLM did not answer within the 0.3 s time limit", f.reason());
        assertTrue((System.nanoTime() - t0) / 1e6 < 1_500, "gave up near the timeout");
    }

    @Test
    void reportsARefusedConnection() {
        String closed;
        try (var gone = new StubLlmServer()) {
            closed = gone.openAiUrl();
        }
        LlmFailure f = assertThrows(LlmFailure.class,
                () -> client(LlmSettings.Provider.OPENAI, closed, 1, 1).complete("sys", "user"));
        assertEquals("could not connect to the LLM server", f.reason());
    }

    @ParameterizedTest
    @EnumSource(value = LlmSettings.Provider.class, names = {"OPENAI", "OLLAMA"})
    void retriesEmptyAndUnreadableReplies(LlmSettings.Provider provider) {
        String url = provider == LlmSettings.Provider.OPENAI ? stub.openAiUrl() : stub.ollamaUrl();
        stub.enqueue(Reply.text(""), new Reply.Malformed(), Reply.text("third time lucky"));
        assertEquals("third time lucky", client(provider, url, 2, 2).complete("sys", "user"));
        assertEquals(3, stub.requests().size());
        stub.reset();
        stub.script(r -> Reply.text(""));
        LlmFailure f = assertThrows(LlmFailure.class, () -> client(provider, url, 2, 1).complete("sys", "user"));
        assertEquals("the LLM returned an empty completion", f.reason());
    }

    @ParameterizedTest
    @EnumSource(value = LlmSettings.Provider.class, names = {"OPENAI", "OLLAMA"})
    void streamsTokensInOrder(LlmSettings.Provider provider) {
        String url = provider == LlmSettings.Provider.OPENAI ? stub.openAiUrl() : stub.ollamaUrl();
        stub.enqueue(new Reply.Text("one two three four", 0, 10));
        var tokens = new ArrayList<String>();
        String text = client(provider, url, 2, 0).stream("sys", "user", tokens::add);
        assertEquals("one two three four", text);
        assertEquals(java.util.List.of("one ", "two ", "three ", "four"), tokens);
        assertTrue(stub.lastRequest().streaming());
    }

    @ParameterizedTest
    @EnumSource(value = LlmSettings.Provider.class, names = {"OPENAI", "OLLAMA"})
    void aStreamThatStallsAfterItsFirstTokensFailsWithoutARetry(LlmSettings.Provider provider) {
        String url = provider == LlmSettings.Provider.OPENAI ? stub.openAiUrl() : stub.ollamaUrl();
        stub.script(r -> new Reply.StallMidStream("partial answer "));
        var tokens = new StringBuilder();
        long t0 = System.nanoTime();
        LlmFailure f = assertThrows(LlmFailure.class, () -> client(provider, url, 0.5, 2).stream("sys", "user", tokens::append));
        assertEquals("the LLM did not answer within the 0.5 s time limit (mid-stream)", f.reason());
        assertEquals("partial answer ", tokens.toString());
        assertEquals(1, stub.requests().size());
        assertTrue((System.nanoTime() - t0) / 1e6 < 2_000);
    }

    @Test
    void aStreamThatFailsBeforeItsFirstTokenIsRetried() {
        stub.enqueue(new Reply.Status(500), new Reply.Text("recovered", 0, 0));
        assertEquals("recovered", openAi(2, 1).stream("sys", "user", t -> { }));
        assertEquals(2, stub.requests().size());
    }

    @Test
    void theCapLetsTheConfiguredNumberInAndRefusesTheRestAfterTheWait() {
        var cap = new ConcurrencyCap(2, Duration.ofMillis(150));
        var a = cap.acquire();
        var b = cap.acquire();
        assertEquals(2, cap.inUse());
        long t0 = System.nanoTime();
        LlmBusyException busy = assertThrows(LlmBusyException.class, cap::acquire);
        assertTrue((System.nanoTime() - t0) / 1e6 >= 140, "waited for a slot first");
        assertEquals(1, busy.retryAfterSeconds());
        a.close();
        a.close();
        assertEquals(1, cap.inUse(), "closing twice frees one slot once");
        try (var c = cap.acquire()) {
            assertEquals(2, cap.inUse());
        }
        b.close();
        assertEquals(0, cap.inUse());
    }
}
