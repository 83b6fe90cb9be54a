package mltutor.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import mltutor.Fixtures;
import mltutor.config.ServerAccess;
import org.junit.jupiter.api.Test;

/**
 * {@code tutor serve} opens the port before the services are ready: until they are switched in, the page is served
 * and every API call gets a JSON 503 asking to retry; afterwards the same server answers with them.
 */
class ServiceSwitchTest {
    @Test
    void answersStartingUntilTheServicesAreSwitchedIn() {
        var services = new ServiceSwitch();
        var server = ApiServer.create(services, ServerAccess.localOnly()).start("127.0.0.1", 0);
        try {
            var api = new ApiClient(server.port());
            for (String path : new String[] {"/api/health", "/api/search?q=dropout", "/api/questions"}) {
                var starting = api.get(path);
                assertEquals(503, starting.status(), path);
                assertEquals(503, starting.json().path("error").path("status").asInt(), path);
                assertTrue(starting.json().path("error").path("message").asText().contains("starting"), path);
                assertEquals("1", starting.header("Retry-After"), path);
            }
            assertEquals(503, api.post("/api/ask", "{\"question\":\"what is dropout\"}").status());
            assertEquals(200, api.get("/").status(), "the page loads while the services start");
            assertEquals(404, api.get("/api/no-such-route").status(), "unknown routes stay unknown");

            services.switchTo(Fixtures.fixtureApp().api());
            assertEquals("ok", api.get("/api/health").json().path("status").asText());
            assertEquals(200, api.get("/api/search?q=dropout").status());
        } finally {
            server.stop();
        }
    }
}
