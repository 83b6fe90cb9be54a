package mltutor.web;

import static org.junit.jupiter.api.Assertions.*;

import io.javalin.Javalin;
import java.util.List;
import java.util.Optional;
import mltutor.Fixtures;
import mltutor.config.ServerAccess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A server started with an API token and one extra host name: who gets in, and what everyone gets back. */
class RequestGuardTest {
    static final String TOKEN = "test-token-0123456789";
    private static Javalin server;
    private static int port;

    @BeforeAll
    static void start() {
        var access = new ServerAccess(List.of("tutor.example"), Optional.of(TOKEN));
        server = ApiServer.create(Fixtures.fixtureApp().api(), access).start("127.0.0.1", 0);
        port = server.port();
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    private static ProbeSuiteTest.Raw get(String path, String host, String authorization) {
        return ProbeSuiteTest.send(port, "GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n"
                + (authorization == null ? "" : "Authorization: " + authorization + "\r\n") + "\r\n");
    }

    private static void assertRefused(ProbeSuiteTest.Raw r, int status, String message) {
        assertEquals(status, r.status(), r.body());
        assertTrue(r.header("Content-Type").startsWith("application/json"), r.headers());
        assertTrue(r.body().contains(message), r.body());
        assertFalse(r.body().contains(TOKEN), "the token is never echoed");
    }

    @Test
    void apiCallsNeedTheBearerToken() {
        assertRefused(get("/api/health", "127.0.0.1", null), 401, "needs its API token");
        assertRefused(get("/api/health", "127.0.0.1", "Bearer wrong-token-0123456789"), 401, "needs its API token");
        assertRefused(get("/openapi.json", "127.0.0.1", null), 401, "needs its API token");
        assertEquals(200, get("/api/health", "127.0.0.1", "Bearer " + TOKEN).status());
        assertEquals(200, get("/api/health", "127.0.0.1", "bearer " + TOKEN).status());
    }

    @Test
    void thePageItselfLoadsWithoutTheTokenAndWithSecurityHeaders() {
        var page = get("/", "127.0.0.1", null);
        assertEquals(200, page.status());
        assertTrue(page.body().contains("<script type=\"module\" src=\"/js/app.js\">"), "no inline script needed");
        String csp = page.header("Content-Security-Policy");
        assertNotNull(csp, page.headers());
        assertTrue(csp.contains("script-src 'self';") && csp.contains("frame-ancestors 'none'"), csp);
        assertFalse(csp.contains("script-src 'self' 'unsafe-inline'"), csp);
        assertEquals("nosniff", page.header("X-Content-Type-Options"));
        assertEquals("no-referrer", page.header("Referrer-Policy"));
        assertEquals("nosniff", get("/js/render.js", "127.0.0.1", null).header("X-Content-Type-Options"));
        assertEquals("nosniff", get("/api/health", "127.0.0.1", "Bearer " + TOKEN).header("X-Content-Type-Options"));
    }

    @Test
    void hostMustBeAnAddressALoopbackNameOrAConfiguredName() {
        String auth = "Bearer " + TOKEN;
        for (String host : List.of("127.0.0.1:" + port, "localhost:" + port, "LOCALHOST", "[::1]:" + port,
                "10.1.2.3", "tutor.example", "Tutor.Example:" + port, "app.localhost")) {
            assertEquals(200, get("/api/health", host, auth).status(), host);
        }
        for (String host : List.of("evil.example", "evil.example:" + port, "tutor.example.evil.example",
                "127.0.0.1.nip.io")) {
            assertRefused(get("/api/health", host, auth), 403, "is not allowed");
            assertRefused(get("/", host, null), 403, "TUTOR_ALLOWED_HOSTS");
        }
    }
}
