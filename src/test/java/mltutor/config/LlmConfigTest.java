package mltutor.config;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Optional;
import java.time.Duration;
import java.util.Map;
import mltutor.llm.LlmSettings;
import org.junit.jupiter.api.Test;

/** The LLM settings as TutorConfig reads and validates them. */
class LlmConfigTest {
    private static LlmSettings llm(Map<String, String> env) {
        return TutorConfig.from(env, Map.of()).llm();
    }

    @Test
    void isOfflineOnAFreshMachine() {
        LlmSettings s = llm(Map.of());
        assertFalse(s.enabled());
        assertEquals("none", s.label());
        assertEquals(4, s.maxConcurrent());
        assertEquals(Duration.ofSeconds(40), s.timeout());
    }

    @Test
    void readsAnOpenAiCompatibleServer() {
        LlmSettings s = llm(Map.of("TUTOR_LLM", "OpenAI", "TUTOR_LLM_BASE_URL", "http://localhost:8000/v1/",
                "TUTOR_LLM_MODEL", "qwen2.5-7b-instruct", "TUTOR_LLM_TIMEOUT", "2.5", "TUTOR_LLM_TEMPERATURE", "0",
                "TUTOR_LLM_MAX_TOKENS", "512", "TUTOR_LLM_MAX_CONCURRENT", "8", "TUTOR_LLM_QUEUE_WAIT", "3",
                "TUTOR_LLM_RETRIES", "0"));
        assertEquals(LlmSettings.Provider.OPENAI, s.endpoint().orElseThrow().provider());
        assertEquals("http://localhost:8000/v1", s.endpoint().orElseThrow().baseUrl().toString());
        assertEquals("openai:qwen2.5-7b-instruct", s.label());
        assertEquals(Duration.ofMillis(2500), s.timeout());
        assertEquals(0.0, s.temperature());
        assertEquals(512, s.maxTokens());
        assertEquals(8, s.maxConcurrent());
        assertEquals(Duration.ofSeconds(3), s.queueWait());
        assertEquals(0, s.retries());
        assertEquals(Optional.empty(), s.apiKey(), "a local server needs no key");
    }

    @Test
    void defaultsOllamaToItsLocalPort() {
        LlmSettings s = llm(Map.of("TUTOR_LLM", "ollama", "TUTOR_LLM_MODEL", "llama3.1:8b"));
        assertEquals("http://localhost:11434", s.endpoint().orElseThrow().baseUrl().toString());
        assertEquals("ollama:llama3.1:8b", s.label());
    }

    @Test
    void readsOpenAiApiKeyWhenTheTutorKeyIsUnset() {
        assertEquals(Optional.of("sk-from-openai"), llm(Map.of("TUTOR_LLM", "openai", "TUTOR_LLM_MODEL", "gpt-4o-mini",
                "OPENAI_API_KEY", "sk-from-openai")).apiKey());
        assertEquals(Optional.of("sk-tutor"), TutorConfig.from(Map.of("TUTOR_LLM", "openai", "TUTOR_LLM_MODEL", "gpt-4o-mini",
                "OPENAI_API_KEY", "sk-from-openai"), Map.of("TUTOR_LLM_API_KEY", "sk-tutor")).llm().apiKey());
    }

    @Test
    void neverPrintsTheKey() {
        LlmSettings s = llm(Map.of("TUTOR_LLM", "openai", "TUTOR_LLM_MODEL", "gpt-4o-mini", "OPENAI_API_KEY", "sk-very-secret"));
        assertFalse(s.toString().contains("sk-very-secret"), s.toString());
        assertTrue(s.toString().contains("key set"));
        assertFalse(TutorConfig.from(Map.of("TUTOR_LLM", "openai", "TUTOR_LLM_MODEL", "m", "OPENAI_API_KEY", "sk-very-secret"),
                Map.of()).toString().contains("sk-very-secret"));
    }

    @Test
    void stopsWithOneClearLineOnInvalidSettings() {
        assertInvalid(Map.of("TUTOR_LLM", "claude"), "TUTOR_LLM: must be 'none', 'openai' or 'ollama', got 'claude'");
        assertInvalid(Map.of("TUTOR_LLM", "ollama"), "TUTOR_LLM_MODEL: required when TUTOR_LLM=ollama (e.g. llama3.1:8b)");
        assertInvalid(Map.of("TUTOR_LLM", "openai", "TUTOR_LLM_MODEL", "m", "TUTOR_LLM_BASE_URL", "localhost:8000"),
                "TUTOR_LLM_BASE_URL: must be an absolute http:// or https:// URL with a host, got 'localhost:8000'");
        assertInvalid(Map.of("TUTOR_LLM", "openai", "TUTOR_LLM_MODEL", "m", "TUTOR_LLM_BASE_URL", "http://exa mple/v1"),
                "TUTOR_LLM_BASE_URL: not a valid URL: Illegal character in authority");
        assertInvalid(Map.of("TUTOR_LLM", "openai", "TUTOR_LLM_MODEL", "m", "TUTOR_LLM_BASE_URL", "http://user:sk-pw@host/v1"),
                "TUTOR_LLM_BASE_URL: must not contain credentials; use TUTOR_LLM_API_KEY");
        assertInvalid(Map.of("TUTOR_LLM", "openai", "TUTOR_LLM_MODEL", "gpt-4o-mini"),
                "TUTOR_LLM_API_KEY: required for api.openai.com (or set OPENAI_API_KEY)");
        assertInvalid(Map.of("TUTOR_LLM_TIMEOUT", "soon"), "TUTOR_LLM_TIMEOUT: must be a number, got 'soon'");
        assertInvalid(Map.of("TUTOR_LLM_TEMPERATURE", "3"), "TUTOR_LLM_TEMPERATURE: must be between 0.0 and 2.0, got 3");
        assertInvalid(Map.of("TUTOR_LLM_MAX_CONCURRENT", "0"), "TUTOR_LLM_MAX_CONCURRENT: must be between 1 and 1024, got 0");
    }

    private static void assertInvalid(Map<String, String> env, String message) {
        ConfigException e = assertThrows(ConfigException.class, () -> TutorConfig.from(env, Map.of()));
        assertEquals(message, e.getMessage());
        assertEquals(1, e.getMessage().lines().count());
    }
}
