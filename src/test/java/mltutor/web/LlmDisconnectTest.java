package mltutor.web;

import static org.junit.jupiter.api.Assertions.*;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.function.BooleanSupplier;
import mltutor.llm.ConcurrencyCap;
import mltutor.llm.StubLlmServer;
import mltutor.llm.StubLlmServer.Reply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Over real HTTP, with one LLM slot: a client that hangs up mid-stream frees the slot at the next token, long
 * before the LLM time limit, and the LLM stream is cancelled; a client that gives up on a stalled LLM leaves
 * the slot held only until the limit. Either way the next request gets the LLM, not a 503.
 */
class LlmDisconnectTest {
    static final long DEADLINE_MILLIS = 6_000;
    @RegisterExtension
    static final StubLlmServer STUB = new StubLlmServer();
    @RegisterExtension
    static final ServerFixture SERVER = ServerFixture.onStubLlm(STUB, Map.of("TUTOR_LLM_TIMEOUT", "6"));

    private final ApiClient api = SERVER.client();

    /** A first request pays for cold caches; the timings below are about the LLM, so it goes first. */
    @BeforeAll
    static void warmUp() {
        STUB.script(r -> new Reply.Text("Dropout zeroes activations at random during training [1].", 0, 0));
        assertEquals(200, SERVER.client().post("/api/ask", "{\"question\":\"what does dropout do?\"}").status());
        SERVER.client().post("/api/ask/stream", "{\"question\":\"what does dropout do?\"}");
    }

    @AfterAll
    static void stop() {
        SERVER.app().close();
    }

    private static ConcurrencyCap slots() {
        return SERVER.app().llmSlots().orElseThrow();
    }

    private static long waitUntil(BooleanSupplier done, long maxMillis) throws InterruptedException {
        long t0 = System.nanoTime();
        while (!done.getAsBoolean() && (System.nanoTime() - t0) / 1_000_000 < maxMillis) {
            Thread.sleep(20);
        }
        return (System.nanoTime() - t0) / 1_000_000;
    }

    private void assertTheNextRequestGetsTheLlm() {
        STUB.script(r -> new Reply.Text("Dropout zeroes activations at random during training [1].", 0, 0));
        var r = api.post("/api/ask", "{\"question\":\"what does dropout do?\"}");
        assertEquals(200, r.status(), r.body());
        assertEquals("openai:stub-model", r.json().get("generator").asText(), r.body());
    }

    @Test
    void hangingUpMidStreamFreesTheSlotAndCancelsTheLlmStream() throws Exception {
        STUB.script(r -> new Reply.Drip(20));
        String body = "{\"question\":\"what does dropout do?\"}";
        try (Socket socket = new Socket("127.0.0.1", SERVER.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/ask/stream HTTP/1.1\r\nHost: 127.0.0.1:" + SERVER.port()
                    + "\r\nContent-Type: application/json\r\nContent-Length: " + body.getBytes(StandardCharsets.UTF_8).length
                    + "\r\nConnection: close\r\n\r\n" + body).getBytes(StandardCharsets.UTF_8));
            out.flush();
            var in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            String line;
            while ((line = in.readLine()) != null && !line.equals("event: token")) {
                // the status line, headers, then the first event
            }
            assertEquals("event: token", line, "the answer was streaming");
            assertEquals(1, slots().inUse(), "the stream holds the slot");
        }
        long released = waitUntil(() -> slots().inUse() == 0, DEADLINE_MILLIS + 3_000);
        System.out.printf("disconnect: slot freed %d ms after the client hung up (limit %d ms)%n", released, DEADLINE_MILLIS);
        assertEquals(0, slots().inUse());
        assertTrue(released < DEADLINE_MILLIS / 2, "freed by the hang-up, not the limit: " + released + " ms");
        waitUntil(() -> STUB.dripping() == 0, 3_000);
        assertEquals(0, STUB.dripping(), "the LLM stream was cancelled");
        assertTheNextRequestGetsTheLlm();
    }

    @Test
    void aClientThatGivesUpOnAStalledLlmLeavesTheSlotHeldOnlyUntilTheLimit() throws Exception {
        STUB.script(r -> new Reply.HeadersThenStall());
        long t0 = System.nanoTime();
        HttpClient http = HttpClient.newHttpClient();
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + SERVER.port() + "/api/ask"))
                .header("Content-Type", "application/json").timeout(Duration.ofMillis(500))
                .POST(HttpRequest.BodyPublishers.ofString("{\"question\":\"what does dropout do?\"}")).build();
        assertThrows(HttpTimeoutException.class, () -> http.send(request, HttpResponse.BodyHandlers.ofString()));
        waitUntil(() -> STUB.requests().size() == 1, 5_000);
        assertEquals(1, slots().inUse(), "the abandoned request still holds the slot while the LLM stalls");
        waitUntil(() -> slots().inUse() == 0, DEADLINE_MILLIS + 5_000);
        long released = (System.nanoTime() - t0) / 1_000_000;
        System.out.printf("gave up: slot freed %d ms after the request (limit %d ms)%n", released, DEADLINE_MILLIS);
        assertEquals(0, slots().inUse(), "the slot comes back");
        assertTrue(released < DEADLINE_MILLIS + 2_000, released + " ms");
        assertTheNextRequestGetsTheLlm();
    }

    @Test
    void aStalledLlmCostsAnAskAtMostTheLimitThenItIsAnsweredOffline() {
        STUB.script(r -> new Reply.HeadersThenStall());
        long t0 = System.nanoTime();
        var r = api.post("/api/ask", "{\"question\":\"what does dropout do?\"}");
        long elapsed = (System.nanoTime() - t0) / 1_000_000;
        System.out.printf("stalled LLM: /api/ask answered %d after %d ms (limit %d ms)%n", r.status(), elapsed, DEADLINE_MILLIS);
        assertEquals(200, r.status(), r.body());
        assertEquals("offline", r.json().get("generator").asText());
        assertEquals("the LLM did not answer within the 6 s time limit", r.json().get("fallbackReason").asText());
        assertTrue(elapsed < DEADLINE_MILLIS + 2_000, elapsed + " ms");
        assertEquals(0, slots().inUse());
    }
}
