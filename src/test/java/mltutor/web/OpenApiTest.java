package mltutor.web;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import mltutor.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The served OpenAPI document and the routes the server registers are the same set of operations. */
class OpenApiTest {
    @RegisterExtension
    static final ServerFixture SERVER = new ServerFixture();

    @Test
    void documentsExactlyTheRegisteredRoutes() {
        JsonNode doc = SERVER.client().get("/openapi.json").json();
        assertEquals("3.0.3", doc.get("openapi").asText());
        Set<String> documented = new TreeSet<>();
        doc.get("paths").fields().forEachRemaining(path -> path.getValue().fieldNames()
                .forEachRemaining(method -> documented.add(method.toUpperCase(Locale.ROOT) + " " + path.getKey())));
        Set<String> registered = new TreeSet<>();
        ApiServer.routes()
                .forEach(r -> registered.add(r.method().name() + " " + r.path().replace("{id}", "{id}")));
        assertEquals(registered, documented);
    }

    @Test
    void documentsTheLimitsTheServerServesAndEnforces() {
        JsonNode doc = SERVER.client().get("/openapi.json").json();
        JsonNode limits = SERVER.client().get("/api/limits").json();
        JsonNode schemas = doc.get("components").get("schemas");
        int question = limits.get("questionChars").asInt();
        int answer = limits.get("answerChars").asInt();
        assertEquals(question, doc.at("/paths/~1api~1search/get/parameters/0/schema/maxLength").asInt());
        assertEquals(limits.get("maxSearchK").asInt(), doc.at("/paths/~1api~1search/get/parameters/1/schema/maximum").asInt());
        assertEquals(question, schemas.at("/SearchRequest/properties/q/maxLength").asInt());
        assertEquals(limits.get("maxSearchK").asInt(), schemas.at("/SearchRequest/properties/k/maximum").asInt());
        for (String request : new String[] {"AskRequest", "DraftRequest", "FollowUpRequest"}) {
            assertEquals(question, schemas.at("/" + request + "/properties/question/maxLength").asInt(), request);
        }
        for (String request : new String[] {"FollowUpRequest", "FeedbackRequest", "Turn"}) {
            assertEquals(answer, schemas.at("/" + request + "/properties/answer/maxLength").asInt(), request);
        }
        assertEquals(limits.get("turnChars").asInt(), schemas.at("/ConversationTurn/properties/content/maxLength").asInt());
        assertEquals(limits.get("historyTurns").asInt(), schemas.at("/AskRequest/properties/history/maxItems").asInt());
        assertEquals(limits.get("maxK").asInt(), schemas.at("/AskRequest/properties/k/maximum").asInt());
        assertEquals(limits.get("maxFollowUps").asInt(), schemas.at("/FollowUpRequest/properties/n/maximum").asInt());
        Set<String> documented = new TreeSet<>();
        schemas.get("Limits").get("properties").fieldNames().forEachRemaining(documented::add);
        Set<String> served = new TreeSet<>();
        limits.fieldNames().forEachRemaining(served::add);
        assertEquals(served, documented);
    }

    @Test
    void documentsEveryFieldOfTheFeedbackResponseAndItsPointVerdicts() {
        JsonNode schemas = SERVER.client().get("/openapi.json").json().get("components").get("schemas");
        JsonNode fb = SERVER.client().post("/api/feedback", "{\"id\":\"kv-cache\",\"answer\":\"The KV cache stores the"
                + " keys and values of previous tokens so they are not recomputed.\"}").json();
        assertEquals(fieldNames(schemas.get("Feedback").get("properties")), fieldNames(fb));
        assertFalse(fb.get("points").isEmpty());
        for (JsonNode point : fb.get("points")) {
            assertEquals(fieldNames(schemas.get("PointVerdict").get("properties")), fieldNames(point));
        }
    }

    private static Set<String> fieldNames(JsonNode node) {
        Set<String> out = new TreeSet<>();
        node.fieldNames().forEachRemaining(out::add);
        return out;
    }

    @Test
    void everyDocumentedOperationIsServed() {
        JsonNode doc = SERVER.client().get("/openapi.json").json();
        doc.get("paths").fields().forEachRemaining(path -> path.getValue().fieldNames().forEachRemaining(method -> {
            String url = path.getKey().replace("{id}", "kv-cache");
            var r = method.equals("get") ? SERVER.client().get(url) : SERVER.client().post(url, "{}");
            assertTrue(r.status() == 200 || r.status() == 400, method + " " + url + " -> " + r.status());
            if (r.status() == 400) {
                assertTrue(r.json().has("error"));
            }
        }));
    }
}
