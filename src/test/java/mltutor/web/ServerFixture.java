package mltutor.web;

import io.javalin.Javalin;
import java.util.function.Supplier;
import mltutor.Fixtures;
import mltutor.app.TutorApp;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** Starts the real HTTP server on the fixture corpus on a random port for a test class. */
public final class ServerFixture implements BeforeAllCallback, AfterAllCallback {
    private final Supplier<TutorApp> app;
    private Javalin server;
    private ApiClient client;

    /** A server on the shared fixture app. */
    public ServerFixture() {
        this(Fixtures::fixtureApp);
    }

    /** A server on an app made for the test class (say, one whose LLM points at a stub); built in beforeAll. */
    public ServerFixture(Supplier<TutorApp> app) {
        this.app = app;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        server = ApiServer.create(app.get().api()).start("127.0.0.1", 0);
        client = new ApiClient(server.port());
    }

    @Override
    public void afterAll(ExtensionContext context) {
        server.stop();
    }

    public ApiClient client() {
        return client;
    }

    /** The bound port, for a test that speaks raw HTTP (say, to hang up mid-stream). */
    public int port() {
        return server.port();
    }
}
