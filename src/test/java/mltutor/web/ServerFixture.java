package mltutor.web;

import io.javalin.Javalin;
import mltutor.Fixtures;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** Starts the real HTTP server on the fixture corpus on a random port for a test class. */
public final class ServerFixture implements BeforeAllCallback, AfterAllCallback {
    private Javalin server;
    private ApiClient client;

    @Override
    public void beforeAll(ExtensionContext context) {
        server = ApiServer.create(Fixtures.fixtureApp()).start("127.0.0.1", 0);
        client = new ApiClient(server.port());
    }

    @Override
    public void afterAll(ExtensionContext context) {
        server.stop();
    }

    public ApiClient client() {
        return client;
    }
}
