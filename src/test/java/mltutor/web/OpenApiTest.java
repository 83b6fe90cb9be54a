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
        ApiServer.routes(Fixtures.fixtureApp())
                .forEach(r -> registered.add(r.method().name() + " " + r.path().replace("{id}", "{id}")));
        assertEquals(registered, documented);
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
