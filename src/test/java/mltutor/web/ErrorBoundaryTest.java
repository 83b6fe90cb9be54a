package mltutor.web;

import static org.junit.jupiter.api.Assertions.*;

import io.javalin.Javalin;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import mltutor.index.IndexReadException;
import mltutor.llm.LlmBusyException;
import mltutor.tutor.InvalidInputException;
import mltutor.tutor.UnknownEntryException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * ApiServer's error mapping on its own, with routes that throw what the services throw: each exception gets its
 * status once, a failure after an event stream began becomes an {@code error} event, and only a client that went
 * away is a 499.
 */
class ErrorBoundaryTest {
    private static Javalin server;
    private static ApiClient api;

    @BeforeAll
    static void start() {
        server = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.routes.get("/invalid", ctx -> {
                throw new InvalidInputException("'question' is required and must not be blank");
            });
            cfg.routes.get("/unknown", ctx -> {
                throw new UnknownEntryException("nope");
            });
            cfg.routes.get("/busy", ctx -> {
                throw new LlmBusyException(2);
            });
            cfg.routes.get("/index", ctx -> {
                throw new IndexReadException("the search index could not be read: Input/output error",
                        new IOException("Input/output error"));
            });
            cfg.routes.get("/io", ctx -> {
                throw new UncheckedIOException(new IOException("/srv/data/secret-path unreadable"));
            });
            cfg.routes.get("/gone", ctx -> {
                throw new ClientGoneException(new IOException("broken pipe"));
            });
            cfg.routes.get("/stream-fails", ctx -> {
                SseWriter sse = SseWriter.on(ctx);
                sse.send("token", Map.of("text", "The KV cache"));
                throw new IndexReadException("the search index could not be read: Input/output error", null);
            });
            cfg.routes.get("/stream-refused", ctx -> {
                SseWriter.on(ctx);
                throw new InvalidInputException("'question' is 2001 characters; the limit is 2000");
            });
            ApiServer.mapErrors(cfg);
        }).start("127.0.0.1", 0);
        api = new ApiClient(server.port());
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    @Test
    void mapsEachServiceExceptionToItsStatusWithItsMessage() {
        ApiServerTest.assertError(api.get("/invalid"), 400, "'question' is required");
        ApiServerTest.assertError(api.get("/unknown"), 404, "no entry with id 'nope'");
        var busy = api.get("/busy");
        ApiServerTest.assertError(busy, 503, "retry in 2 s");
        assertEquals("2", busy.header("Retry-After"));
        ApiServerTest.assertError(api.get("/index"), 500, "the search index could not be read: Input/output error");
    }

    @Test
    void anIoFailureOfTheServerIsA500NotAClosedClient() {
        var r = api.get("/io");
        ApiServerTest.assertError(r, 500, "internal error; the server log has details");
        assertFalse(r.body().contains("secret-path"), "details stay in the log: " + r.body());
        assertEquals(ApiServer.CLIENT_CLOSED, api.get("/gone").status(), "499 is kept for a client that went away");
    }

    @Test
    void aFailureAfterTheStreamBeganIsAnErrorEventAndBeforeItAJsonError() {
        var r = api.get("/stream-fails");
        assertEquals(200, r.status());
        List<ApiClient.Event> events = ApiClient.events(r.body());
        assertEquals(List.of("token", "error"), events.stream().map(ApiClient.Event::name).toList());
        assertEquals(500, events.get(1).data().get("status").asInt());
        assertEquals("the search index could not be read: Input/output error",
                events.get(1).data().get("message").asText());

        ApiServerTest.assertError(api.get("/stream-refused"), 400, "the limit is 2000");
    }
}
