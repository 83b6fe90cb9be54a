package mltutor.web;

import static mltutor.web.ApiClient.encode;
import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import java.util.Map;
import mltutor.Fixtures;
import mltutor.app.TutorApp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A search index that cannot be read is a 500 whose message says so: not a 499 "client closed" and not a bare
 * "internal error", and no stack trace. The index of a running server is closed under it, so every request that
 * reaches Lucene really fails there (ChunkIndexTest injects disk errors below Lucene for the same exception).
 */
class IndexReadFailureTest {
    private static TutorApp app;

    @RegisterExtension
    static final ServerFixture SERVER = new ServerFixture(() -> {
        app = Fixtures.fixtureAppWith(Map.of());
        return app;
    });

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void anIndexReadFailureIsA500WithAMessage() {
        ApiClient api = SERVER.client();
        assertEquals(200, api.get("/api/search?q=" + encode("kv cache memory")).status(), "the index works at first");

        app.index().index().close();

        List<ApiClient.Response> failed = List.of(
                api.get("/api/search?q=" + encode("kv cache memory")),
                api.post("/api/search", "{\"q\":\"kv cache memory\",\"mode\":\"bm25\"}"),
                api.post("/api/ask", "{\"question\":\"What is the KV cache and why is it used?\"}"),
                api.post("/api/ask/stream", "{\"question\":\"What is the KV cache and why is it used?\"}"),
                api.post("/api/followups", "{\"question\":\"What is the KV cache?\"}"),
                api.post("/api/feedback", "{\"id\":\"kv-cache\",\"answer\":\"It keeps past keys and values.\"}"));
        for (ApiClient.Response r : failed) {
            ApiServerTest.assertError(r, 500, "the search index could not be read: ");
            assertFalse(r.body().contains("\tat ") || r.body().contains("mltutor."), "no stack trace: " + r.body());
        }
        // The health check's canary search reads the index, so it reports the failure instead of "ok".
        var health = api.get("/api/health");
        assertEquals(503, health.status(), health.body());
        assertEquals("degraded", health.json().get("status").asText());
        assertTrue(health.json().get("canary").get("problem").asText().contains("the search index could not be read"),
                health.body());
        assertEquals(200, api.get("/api/questions/kv-cache").status(), "what does not read the index still answers");
    }
}
