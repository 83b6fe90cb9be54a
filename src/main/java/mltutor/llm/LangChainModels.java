package mltutor.llm;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.ollama.OllamaChatModel;
import dev.langchain4j.model.ollama.OllamaStreamingChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;

/**
 * Builds the LangChain4j chat models for the configured provider. Their own retries are off, because
 * {@link LlmClient} retries with the same policy for both providers and for streaming; request logging is
 * off, so prompts and keys stay out of the log.
 */
public final class LangChainModels {
    /** Sent to OpenAI-compatible servers that need no key (vLLM, llama.cpp, LM Studio): the client insists on one. */
    static final String NO_KEY = "no-key";

    /** The blocking and the streaming model for one configuration. */
    public record Models(ChatModel chat, StreamingChatModel streaming) {
    }

    private LangChainModels() {
    }

    public static Models build(LlmSettings s) {
        LlmSettings.Endpoint e = s.endpoint().orElseThrow(() -> new IllegalArgumentException("no LLM is configured"));
        String url = e.baseUrl().toString();
        String key = e.apiKey().orElse(NO_KEY);
        return switch (e.provider()) {
            case OPENAI -> new Models(
                    OpenAiChatModel.builder().baseUrl(url).apiKey(key).modelName(e.model())
                            .temperature(s.temperature()).maxTokens(s.maxTokens()).timeout(httpTimeout(s))
                            .maxRetries(0).logRequests(false).logResponses(false).build(),
                    OpenAiStreamingChatModel.builder().baseUrl(url).apiKey(key).modelName(e.model())
                            .temperature(s.temperature()).maxTokens(s.maxTokens()).timeout(httpTimeout(s))
                            .logRequests(false).logResponses(false).build());
            case OLLAMA -> new Models(
                    OllamaChatModel.builder().baseUrl(url).modelName(e.model()).temperature(s.temperature())
                            .numPredict(s.maxTokens()).timeout(httpTimeout(s)).maxRetries(0)
                            .logRequests(false).logResponses(false).build(),
                    OllamaStreamingChatModel.builder().baseUrl(url).modelName(e.model()).temperature(s.temperature())
                            .numPredict(s.maxTokens()).timeout(httpTimeout(s)).logRequests(false).logResponses(false).build());
        };
    }

    /**
     * The HTTP clients' own connect and read timeouts, a backstop behind {@link LlmClient}'s total deadline: a
     * little longer, so that the deadline, which also bounds the body and the stream, is what ends a call.
     */
    static java.time.Duration httpTimeout(LlmSettings s) {
        return s.timeout().plusSeconds(1);
    }
}
