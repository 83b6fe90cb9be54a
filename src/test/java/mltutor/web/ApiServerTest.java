package mltutor.web;

import static mltutor.web.ApiClient.encode;
import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ApiServerTest {
    @RegisterExtension
    static final ServerFixture SERVER = new ServerFixture();

    private final ApiClient api = SERVER.client();

    @Test
    void reportsHealthWithCountsAndModel() {
        JsonNode h = ok(api.get("/api/health"));
        assertEquals("ok", h.get("status").asText());
        assertEquals(6, h.get("entries").asInt());
        assertTrue(h.get("chunks").asInt() > 6);
        assertEquals("bge-small-en-v1.5-q", h.get("embeddingModel").asText());
        assertEquals("none", h.get("llm").asText());
    }

    @Test
    void searchesInEveryModeWithTheDocumentedFields() {
        for (String mode : new String[] {"hybrid", "vector", "bm25"}) {
            JsonNode r = ok(api.get("/api/search?q=" + encode("kv cache during decoding") + "&k=3&mode=" + mode));
            assertEquals("kv cache during decoding", r.get("query").asText());
            assertTrue(r.get("inDomain").asBoolean());
            assertEquals("answerable", r.get("answerability").asText(), mode);
            double confidence = r.get("confidence").asDouble();
            assertTrue(confidence > 0 && confidence <= 1);
            JsonNode first = r.get("results").get(0);
            assertEquals("kv-cache", first.get("entryId").asText(), mode);
            for (String field : new String[] {"entryId", "question", "section", "origin", "chunkId", "text", "score", "url"}) {
                assertTrue(first.has(field), "missing " + field);
            }
            assertTrue(r.get("results").size() <= 3);
        }
    }

    @Test
    void searchAcceptsAJsonBody() {
        JsonNode r = ok(api.post("/api/search", "{\"q\":\"lasso sparse weights\",\"k\":2,\"mode\":\"vector\"}"));
        assertEquals("l1-vs-l2", r.get("results").get(0).get("entryId").asText());
        assertEquals(2, r.get("results").size());
    }

    @Test
    void marksAnOffTopicQuestionAsNotInDomain() {
        JsonNode r = ok(api.get("/api/search?q=" + encode("sourdough starter feeding schedule")));
        assertFalse(r.get("inDomain").asBoolean());
        assertEquals("offTopic", r.get("answerability").asText());
        for (String signal : mltutor.retrieval.Signals.NAMES) {
            assertTrue(r.get("signals").has(signal), "the decision can be inspected: " + signal);
        }
    }

    @Test
    void listsSectionsQuestionsAndWholeEntries() {
        JsonNode sections = ok(api.get("/api/sections"));
        var counts = new java.util.HashMap<String, Integer>();
        sections.forEach(s -> counts.put(s.get("section").asText(), s.get("count").asInt()));
        assertEquals(java.util.Map.of("Transformers", 2, "Deep Learning", 1, "Fundamental Concepts", 1,
                "Evaluation Metrics", 1, "Optimization", 1), counts);

        JsonNode all = ok(api.get("/api/questions"));
        assertEquals(6, all.size());
        JsonNode transformers = ok(api.get("/api/questions?section=" + encode("Transformers")));
        assertEquals(2, transformers.size());
        JsonNode filtered = ok(api.get("/api/questions?q=" + encode("gradient clipping")));
        assertEquals("gradient-clipping", filtered.get(0).get("id").asText());
        assertEquals(1, filtered.size());

        JsonNode entry = ok(api.get("/api/questions/kv-cache"));
        assertEquals("What is KV cache and why is it used?", entry.get("question").asText());
        assertTrue(entry.get("answer").asText().startsWith("## Short answer"));
        assertEquals(4, entry.get("keyPoints").size());
        assertEquals(3, entry.get("followUps").size());
        assertEquals("attention-scaling", entry.get("related").get(0).get("id").asText());
        assertEquals("https://arxiv.org/abs/1706.03762", entry.get("resources").get(0).get("url").asText());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "/api/search|400|'q' is required",
            "/api/search?q=%20%20|400|'q' is required",
            "/api/search?q=x&k=0|400|'k' must be an integer from 1 to 50",
            "/api/search?q=x&k=51|400|'k' must be an integer from 1 to 50",
            "/api/search?q=x&k=abc|400|'k' must be an integer from 1 to 50",
            "/api/search?q=x&mode=fuzzy|400|unknown mode 'fuzzy'",
            "/api/questions/no-such-entry|404|no entry with id 'no-such-entry'",
            "/api/nothing-here|404|no such endpoint"})
    void answersBadRequestsWithAJsonError(String path, int status, String message) {
        assertError(api.get(path), status, message);
    }

    @Test
    void servesTheInputLimitsItEnforces() {
        JsonNode limits = ok(api.get("/api/limits"));
        var declared = mltutor.tutor.InputLimits.published();
        assertEquals(new com.fasterxml.jackson.databind.ObjectMapper().valueToTree(declared), limits);
        assertEquals(2000, limits.get("questionChars").asInt());
        assertEquals(10000, limits.get("answerChars").asInt());
        int question = limits.get("questionChars").asInt();
        assertEquals(200, api.get("/api/search?q=" + "a".repeat(question)).status());
        assertError(api.get("/api/search?q=" + "a".repeat(question + 1)), 400, "the limit is " + question);
        assertError(api.get("/api/questions?q=" + "a".repeat(question + 1)), 400, "the limit is " + question);
        int k = limits.get("maxSearchK").asInt();
        assertEquals(200, api.get("/api/search?q=x&k=" + k).status());
        assertError(api.get("/api/search?q=x&k=" + (k + 1)), 400, "from 1 to " + k);
    }

    @Test
    void refusesAQueryOver2000Characters() {
        assertError(api.get("/api/search?q=" + "a".repeat(2001)), 400, "the limit is 2000");
        assertEquals(200, api.get("/api/search?q=" + "a".repeat(2000)).status());
        assertError(api.post("/api/search", "{\"q\":\"" + "b".repeat(2001) + "\"}"), 400, "the limit is 2000");
    }

    @Test
    void refusesMalformedOrWrongJson() {
        assertError(api.post("/api/search", "{\"q\": \"unterminated"), 400, "malformed JSON");
        assertError(api.post("/api/search", "[1,2,3]"), 400, "malformed JSON");
        assertError(api.post("/api/search", ""), 400, "must be a JSON object");
        assertError(api.post("/api/search", "null"), 400, "must be a JSON object");
        assertError(api.post("/api/search", "{\"q\":\"x\",\"k\":99}"), 400, "'k' must be an integer from 1 to 50");
        assertError(api.post("/api/search", "{\"q\":\"x\",\"k\":\"5\"}"), 400, "'k' must be a whole number");
        assertError(api.post("/api/search", "{\"q\":\"x\",\"k\":5.7}"), 400, "'k' must be a whole number");
        assertError(api.post("/api/search", "{\"q\":123}"), 400, "'q' must be a string");
        assertError(api.post("/api/search", "{\"q\":\"x\"} {}"), 400, "unexpected content after the JSON object");
        assertError(api.post("/api/search", "{\"q\":\"x\"} trailing"), 400, "not valid JSON at line 1, column 11");
    }

    @Test
    void refusesAnOversizedBodyWith413() {
        String huge = "{\"q\":\"" + "x".repeat(400_000) + "\"}";
        assertError(api.post("/api/search", huge), 413, "too large");
    }

    @Test
    void answersAWrongMethodWithJson() {
        var r = api.method("DELETE", "/api/search");
        assertError(r, 405, "method not allowed: DELETE /api/search");
    }

    private static JsonNode ok(ApiClient.Response r) {
        assertEquals(200, r.status(), r.body());
        assertTrue(r.header("Content-Type").startsWith("application/json"));
        return r.json();
    }

    static void assertError(ApiClient.Response r, int status, String message) {
        assertEquals(status, r.status(), r.body());
        JsonNode error = r.json().get("error");
        assertEquals(status, error.get("status").asInt());
        assertTrue(error.get("message").asText().contains(message), error.get("message").asText());
        assertFalse(r.body().contains("Exception"), "no stack trace or exception names: " + r.body());
        for (String javaName : java.util.List.of("java.", "mltutor.", "Cannot deserialize")) {
            assertFalse(r.body().contains(javaName), "no Java type names: " + r.body());
        }
    }
}
