package mltutor.llm;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Optional;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The LLM settings record on its own; how configuration reads it is tested in {@code config/LlmConfigTest}. */
class LlmSettingsTest {
    @Test
    void noneIsOfflineWithTheDocumentedLimits() {
        LlmSettings s = LlmSettings.none();
        assertFalse(s.enabled());
        assertEquals("none", s.label());
        assertEquals(Duration.ofSeconds(40), s.timeout());
        assertEquals(4, s.maxConcurrent());
    }

    @Test
    void aConversationTurnsWholeBudgetFitsInsideWhatThePageWaits() throws java.io.IOException {
        String api = java.nio.file.Files.readString(java.nio.file.Path.of("src/main/resources/web/js/api.js"));
        var m = java.util.regex.Pattern.compile("const TIMEOUT_MS = (\\d+);").matcher(api);
        assertTrue(m.find(), "api.js declares how long the page waits");
        Duration page = Duration.ofMillis(Long.parseLong(m.group(1)));
        LlmSettings s = LlmSettings.none();
        // The timeout bounds every attempt and backoff of a call. A conversation turn condenses (never queueing, within
        // the condense limit), then waits for a slot and answers: the longest a turn keeps a request before the
        // offline answer. The page must still be listening then.
        Duration turn = s.condenseTimeout().plus(s.queueWait()).plus(s.timeout());
        assertTrue(turn.compareTo(page) < 0, s.condenseTimeout() + " + " + s.queueWait() + " + " + s.timeout()
                + " must stay under the page's " + page);
    }

    @Test
    void labelsAProviderWithItsModel() {
        var s = LlmSettings.none().with(new LlmSettings.Endpoint(LlmSettings.Provider.OLLAMA,
                URI.create("http://localhost:11434"), "llama3.1:8b", Optional.empty()));
        assertTrue(s.enabled());
        assertEquals("ollama:llama3.1:8b", s.label());
    }

    @Test
    void neverPrintsTheKey() {
        var s = LlmSettings.none().with(new LlmSettings.Endpoint(LlmSettings.Provider.OPENAI,
                URI.create("https://api.openai.com/v1"), "gpt-4o-mini", Optional.of("sk-very-secret")));
        assertFalse(s.toString().contains("sk-very-secret"), s.toString());
        assertTrue(s.toString().contains("key set"), s.toString());
    }
}
