package mltutor.web;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import mltutor.Fixtures;
import mltutor.retrieval.IndexCanary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code /api/health} runs a canary search over HTTP: the first entry's own question must find that entry first
 * with a sane cosine similarity. (IndexReadFailureTest covers the 503 when the index cannot be read.)
 */
class HealthCanaryTest {
    @RegisterExtension
    static final ServerFixture SERVER = new ServerFixture();

    @Test
    void aHealthyIndexPassesTheCanary() {
        var r = SERVER.client().get("/api/health");
        assertEquals(200, r.status(), r.body());
        JsonNode h = r.json();
        assertEquals("ok", h.get("status").asText());
        JsonNode canary = h.get("canary");
        assertTrue(canary.get("ok").asBoolean(), r.body());
        // The fixture corpus's first entry by id.
        assertEquals("attention-scaling", canary.get("expectedEntry").asText());
        assertEquals("attention-scaling", canary.get("foundEntry").asText());
        double s = canary.get("similarity").asDouble();
        assertTrue(s >= 0.5 && s <= 1.001, "similarity " + s);
        assertEquals("", canary.get("problem").asText());
        assertFalse(canary.get("query").asText().isBlank());
    }

    @Test
    void aCanaryThatFindsAnotherEntryFirstIsNotOk() {
        var app = Fixtures.fixtureApp();
        var wrong = new IndexCanary(app.retriever(), "why divide attention scores by sqrt dk", "dropout").check();
        assertFalse(wrong.ok());
        assertEquals("attention-scaling", wrong.foundEntry());
        assertEquals("expected entry dropout first, found attention-scaling", wrong.problem());
    }
}
