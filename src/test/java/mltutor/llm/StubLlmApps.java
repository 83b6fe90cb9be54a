package mltutor.llm;

import java.util.HashMap;
import java.util.Map;
import mltutor.Fixtures;
import mltutor.app.TutorApp;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A stub LLM server and two tutors on the fixture corpus wired to it, one through the real OpenAI client and
 * one through the real Ollama client. The stub is reset before each test.
 */
public final class StubLlmApps implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback {
    private final Map<String, String> settings;
    private StubLlmServer stub;
    private TutorApp openAi;
    private TutorApp ollama;

    /** @param settings LLM settings (model, key, timeouts, ...) on top of the provider and base URL */
    public StubLlmApps(Map<String, String> settings) {
        this.settings = Map.copyOf(settings);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        stub = new StubLlmServer();
        openAi = Fixtures.fixtureAppWith(withProvider(settings, "openai", stub.openAiUrl()));
        ollama = Fixtures.fixtureAppWith(withProvider(settings, "ollama", stub.ollamaUrl()));
    }

    /** The settings plus the provider and its base URL, for a tutor wired to some other server. */
    public static Map<String, String> withProvider(Map<String, String> settings, String provider, String url) {
        var all = new HashMap<>(settings);
        all.put("TUTOR_LLM", provider);
        all.put("TUTOR_LLM_BASE_URL", url);
        return all;
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        stub.reset();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        openAi.close();
        ollama.close();
        stub.close();
    }

    public StubLlmServer stub() {
        return stub;
    }

    /** The tutor wired to the given provider, "openai" or "ollama". */
    public TutorApp app(String provider) {
        return provider.equals("openai") ? openAi : ollama;
    }
}
