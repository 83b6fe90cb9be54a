package mltutor.llm;

import java.net.URI;
import java.time.Duration;

/**
 * Which language model, if any, writes the answers, and how the service treats it.
 *
 * @param provider      NONE means the offline generator answers everything
 * @param baseUrl       the OpenAI-compatible base URL (ending in /v1) or the Ollama server URL; null for NONE
 * @param model         the model name sent with every request; null for NONE
 * @param apiKey        bearer token for OpenAI-compatible servers, or null; never printed (see {@link #toString})
 * @param timeout       total time limit of one LLM call: connecting, the first byte, the whole body or stream, every
 *                      retry and backoff; past it the call is cancelled and the answer is written offline
 * @param retries       extra attempts after a retryable failure (refused connection, 429, 5xx, empty reply), while
 *                      the time limit leaves room
 * @param maxConcurrent LLM-backed requests served at once; more wait up to {@code queueWait}, then get 503
 */
public record LlmSettings(
        Provider provider,
        URI baseUrl,
        String model,
        String apiKey,
        Duration timeout,
        double temperature,
        int maxTokens,
        int retries,
        int maxConcurrent,
        Duration queueWait) {

    /** The supported model servers. */
    public enum Provider {
        NONE, OPENAI, OLLAMA;

        /** The base URL used when none is configured. */
        public String defaultUrl() {
            return switch (this) {
                case OPENAI -> "https://api.openai.com/v1";
                case OLLAMA -> "http://localhost:11434";
                case NONE -> "";
            };
        }

        /** A model name to suggest when none is configured. */
        public String exampleModel() {
            return switch (this) {
                case OPENAI -> "gpt-4o-mini";
                case OLLAMA -> "llama3.1:8b";
                case NONE -> "";
            };
        }
    }

    /**
     * No LLM, with the defaults every provider starts from (the configuration documents these). The page gives up
     * on a request after 60 s (web/js/api.js): a call's 40 s limit plus the 10 s queue wait fit inside it.
     */
    public static LlmSettings none() {
        return new LlmSettings(Provider.NONE, null, null, null, Duration.ofSeconds(40), 0.2, 800, 2, 4,
                Duration.ofSeconds(10));
    }

    public boolean enabled() {
        return provider != Provider.NONE;
    }

    /** What health and responses report: {@code none}, {@code openai:<model>} or {@code ollama:<model>}. */
    public String label() {
        return enabled() ? provider.name().toLowerCase(java.util.Locale.ROOT) + ":" + model : "none";
    }

    /** Keeps the key out of logs and error messages that print the settings. */
    @Override
    public String toString() {
        return "LlmSettings[" + label() + " at " + baseUrl + ", key " + (apiKey == null ? "unset" : "set")
                + ", timeout " + timeout + ", temperature " + temperature + ", maxTokens " + maxTokens
                + ", retries " + retries + ", maxConcurrent " + maxConcurrent + ", queueWait " + queueWait + "]";
    }
}
