package mltutor.llm;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Which language model, if any, writes the answers, and how the service treats it.
 *
 * @param endpoint      the model server and model; empty means the offline generator answers everything
 * @param timeout       total time limit of one LLM call: connecting, the first byte, the whole body or stream, every
 *                      retry and backoff; past it the call is cancelled and the answer is written offline
 * @param retries       extra attempts after a retryable failure (refused connection, 429, 5xx, empty reply), while
 *                      the time limit leaves room
 * @param maxConcurrent LLM-backed requests served at once; more wait up to {@code queueWait}, then get 503
 */
public record LlmSettings(
        Optional<Endpoint> endpoint,
        Duration timeout,
        double temperature,
        int maxTokens,
        int retries,
        int maxConcurrent,
        Duration queueWait) {

    /** The supported model servers. */
    public enum Provider {
        OPENAI, OLLAMA;

        /** The base URL used when none is configured. */
        public String defaultUrl() {
            return switch (this) {
                case OPENAI -> "https://api.openai.com/v1";
                case OLLAMA -> "http://localhost:11434";
            };
        }

        /** A model name to suggest when none is configured. */
        public String exampleModel() {
            return switch (this) {
                case OPENAI -> "gpt-4o-mini";
                case OLLAMA -> "llama3.1:8b";
            };
        }
    }

    /**
     * A model on a server.
     *
     * @param baseUrl the OpenAI-compatible base URL (ending in /v1) or the Ollama server URL
     * @param model   the model name sent with every request
     * @param apiKey  bearer token for OpenAI-compatible servers; empty for local servers and Ollama; never printed
     */
    public record Endpoint(Provider provider, URI baseUrl, String model, Optional<String> apiKey) {
        public Endpoint {
            Objects.requireNonNull(provider, "provider");
            Objects.requireNonNull(baseUrl, "baseUrl");
            Objects.requireNonNull(model, "model");
            apiKey = apiKey.filter(k -> !k.isBlank());
        }

        /** Keeps the key out of logs and error messages that print the endpoint. */
        @Override
        public String toString() {
            return provider.name().toLowerCase(Locale.ROOT) + ":" + model + " at " + baseUrl + ", key "
                    + (apiKey.isPresent() ? "set" : "unset");
        }
    }

    /**
     * No LLM, with the defaults every provider starts from (the configuration documents these). The page gives up
     * on a request after 60 s (web/js/api.js): a call's 40 s limit plus the 10 s queue wait fit inside it.
     */
    public static LlmSettings none() {
        return new LlmSettings(Optional.empty(), Duration.ofSeconds(40), 0.2, 800, 2, 4, Duration.ofSeconds(10));
    }

    /** These settings with the LLM at {@code endpoint}. */
    public LlmSettings with(Endpoint endpoint) {
        return new LlmSettings(Optional.of(endpoint), timeout, temperature, maxTokens, retries, maxConcurrent, queueWait);
    }

    /**
     * The time limit of condensing a conversation into one query, a one-line reply: a fifth of the call limit, so a
     * conversation turn (condense, then wait for a slot and answer) stays within the page's 60 s with the defaults
     * (8 + 10 + 40 s). Past it the offline condenser writes the query.
     */
    public Duration condenseTimeout() {
        return timeout.dividedBy(5);
    }

    public boolean enabled() {
        return endpoint.isPresent();
    }

    /** What health and responses report: {@code none}, {@code openai:<model>} or {@code ollama:<model>}. */
    public String label() {
        return endpoint.map(e -> e.provider().name().toLowerCase(Locale.ROOT) + ":" + e.model()).orElse("none");
    }

    /** The API key, when one is configured. */
    public Optional<String> apiKey() {
        return endpoint.flatMap(Endpoint::apiKey);
    }

    @Override
    public String toString() {
        return "LlmSettings[" + endpoint.map(Endpoint::toString).orElse("none") + ", timeout " + timeout
                + ", temperature " + temperature + ", maxTokens " + maxTokens + ", retries " + retries
                + ", maxConcurrent " + maxConcurrent + ", queueWait " + queueWait + "]";
    }
}
