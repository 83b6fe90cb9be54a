package mltutor.web;

import io.javalin.Javalin;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import mltutor.Fixtures;
import mltutor.app.TutorApp;
import mltutor.llm.StubLlmApps;
import mltutor.llm.StubLlmServer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** Starts the real HTTP server on the fixture corpus on a random port for a test class. */
public final class ServerFixture implements BeforeAllCallback, AfterAllCallback {
    private final Supplier<TutorApp> app;
    private TutorApp started;
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

    /**
     * A server whose tutor talks to {@code stub} over the OpenAI protocol with one LLM slot and a short queue
     * wait, so that tests can fill the cap; {@code settings} add to or override that. The test class closes
     * {@link #app()} when it is done.
     */
    public static ServerFixture onStubLlm(StubLlmServer stub, Map<String, String> settings) {
        return new ServerFixture(() -> {
            var all = new HashMap<>(StubLlmApps.withProvider(Map.of(), "openai", stub.openAiUrl()));
            all.put("TUTOR_LLM_MODEL", "stub-model");
            all.put("TUTOR_LLM_MAX_CONCURRENT", "1");
            all.put("TUTOR_LLM_QUEUE_WAIT", "0.3");
            all.putAll(settings);
            return Fixtures.fixtureAppWith(all);
        });
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        started = app.get();
        server = ApiServer.create(started.api()).start("127.0.0.1", 0);
        client = new ApiClient(server.port());
    }

    @Override
    public void afterAll(ExtensionContext context) {
        server.stop();
    }

    /** The app the server runs on. */
    public TutorApp app() {
        return started;
    }

    public ApiClient client() {
        return client;
    }

    /** The bound port, for a test that speaks raw HTTP (say, to hang up mid-stream). */
    public int port() {
        return server.port();
    }
}
