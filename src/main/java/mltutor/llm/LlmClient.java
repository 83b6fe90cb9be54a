package mltutor.llm;

import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.PartialResponse;
import dev.langchain4j.model.chat.response.PartialResponseContext;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.chat.response.StreamingHandle;
import java.util.function.Function;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One system prompt and one user message in, the model's text out, for both providers, blocking or streamed.
 * Retryable failures (timeout, refused connection, 429, 5xx, an empty or unreadable reply) are retried with
 * exponential backoff; a stream is retried only while it has not yet delivered a token. What still fails
 * surfaces as {@link LlmFailure}, which callers answer offline. The {@link ConcurrencyCap} is the caller's
 * to hold, per request rather than per call.
 */
public final class LlmClient {
    private static final Logger LOG = LoggerFactory.getLogger(LlmClient.class);
    static final long BACKOFF_MILLIS = 250;
    static final long MAX_BACKOFF_MILLIS = 2_000;

    private final LlmSettings settings;
    private final LangChainModels.Models models;
    private final ConcurrencyCap cap;

    public LlmClient(LlmSettings settings, LangChainModels.Models models) {
        this.settings = settings;
        this.models = models;
        this.cap = new ConcurrencyCap(settings.maxConcurrent(), settings.queueWait());
    }

    public static LlmClient create(LlmSettings settings) {
        return new LlmClient(settings, LangChainModels.build(settings));
    }

    /** "openai:&lt;model&gt;" or "ollama:&lt;model&gt;". */
    public String label() {
        return settings.label();
    }

    public ConcurrencyCap cap() {
        return cap;
    }

    public String complete(String system, String user) {
        return complete(system, user, Function.identity());
    }

    /**
     * A blocking call whose reply is turned into a result by {@code read}; a reply that {@code read} rejects
     * with a retryable {@link LlmFailure} (say, JSON that does not parse) counts as a failed attempt.
     */
    public <T> T complete(String system, String user, Function<String, T> read) {
        ChatRequest request = request(system, user);
        for (int attempt = 0; ; attempt++) {
            try {
                ChatResponse response = models.chat().chat(request);
                String text = response == null || response.aiMessage() == null ? null : response.aiMessage().text();
                if (text == null || text.isBlank()) {
                    throw new LlmFailure("the LLM returned an empty completion", true);
                }
                return read.apply(text);
            } catch (RuntimeException e) {
                backOffOrThrow(LlmFailure.classify(e), attempt);
            }
        }
    }

    /** Streams the reply to {@code onToken} and returns the whole text. */
    public String stream(String system, String user, Consumer<String> onToken) {
        ChatRequest request = request(system, user);
        for (int attempt = 0; ; attempt++) {
            var sent = new StringBuilder();
            try {
                return streamOnce(request, token -> {
                    sent.append(token);
                    onToken.accept(token);
                });
            } catch (RuntimeException e) {
                LlmFailure f = LlmFailure.classify(e);
                if (!sent.isEmpty()) {
                    // The client already shows part of this reply; a second reply would not continue it.
                    LOG.warn("LLM stream broke after {} characters: {}", sent.length(), describe(e));
                    throw new LlmFailure(f.reason() + " (mid-stream)", false, e);
                }
                backOffOrThrow(f, attempt);
            }
        }
    }

    /** One streamed call; the wait for each next event is bounded by the timeout, so a stalled server cannot hang us. */
    private String streamOnce(ChatRequest request, Consumer<String> onToken) {
        BlockingQueue<Object> events = new LinkedBlockingQueue<>();
        AtomicReference<StreamingHandle> handle = new AtomicReference<>();
        models.streaming().chat(request, new StreamingChatResponseHandler() {
            @Override
            public void onPartialResponse(PartialResponse partial, PartialResponseContext context) {
                handle.set(context.streamingHandle());
                events.add(partial);
            }

            @Override
            public void onCompleteResponse(ChatResponse response) {
                events.add(response);
            }

            @Override
            public void onError(Throwable error) {
                events.add(error);
            }
        });
        var text = new StringBuilder();
        long timeoutMillis = settings.timeout().toMillis();
        try {
            return await(events, timeoutMillis, text, onToken, handle);
        } catch (RuntimeException e) {
            // A consumer that rejects a token (the leak guard) ends the stream as surely as a server error.
            cancel(handle.get());
            throw e;
        }
    }

    private static String await(BlockingQueue<Object> events, long timeoutMillis, StringBuilder text,
                                Consumer<String> onToken, AtomicReference<StreamingHandle> handle) {
        try {
            while (true) {
                Object event = events.poll(timeoutMillis, TimeUnit.MILLISECONDS);
                if (event == null) {
                    cancel(handle.get());
                    throw new LlmFailure("the LLM did not answer in time", true);
                }
                if (event instanceof PartialResponse p) {
                    if (p.text() != null && !p.text().isEmpty()) {
                        text.append(p.text());
                        onToken.accept(p.text());
                    }
                } else if (event instanceof ChatResponse r) {
                    String full = text.isEmpty() && r.aiMessage() != null && r.aiMessage().text() != null
                            ? r.aiMessage().text() : text.toString();
                    if (full.isBlank()) {
                        throw new LlmFailure("the LLM returned an empty completion", true);
                    }
                    if (text.isEmpty()) {
                        onToken.accept(full);
                    }
                    return full;
                } else if (event instanceof Throwable t) {
                    throw t instanceof RuntimeException re ? re : new RuntimeException(t);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            cancel(handle.get());
            throw new LlmFailure("interrupted while waiting for the LLM", false, e);
        }
    }

    private static void cancel(StreamingHandle handle) {
        if (handle != null && !handle.isCancelled()) {
            try {
                handle.cancel();
            } catch (RuntimeException e) {
                LOG.debug("cancelling a stream failed", e);
            }
        }
    }

    private void backOffOrThrow(LlmFailure f, int attempt) {
        if (!f.retryable() || attempt >= settings.retries()) {
            LOG.warn("LLM call failed after {} attempt(s): {}{}", attempt + 1, f.reason(),
                    f.getCause() == null ? "" : " - " + describe(f.getCause()));
            throw f;
        }
        long delay = Math.min(MAX_BACKOFF_MILLIS, BACKOFF_MILLIS << attempt);
        LOG.warn("LLM call failed ({}), retrying in {} ms", f.reason(), delay);
        try {
            Thread.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw f;
        }
    }

    /** An exception for the log, one line, with the API key masked should a server have echoed it. */
    String describe(Throwable e) {
        String msg = e.getClass().getSimpleName() + ": " + e.getMessage();
        if (settings.apiKey() != null && !settings.apiKey().isEmpty()) {
            msg = msg.replace(settings.apiKey(), "***");
        }
        msg = msg.replaceAll("\\s+", " ");
        return msg.length() > 300 ? msg.substring(0, 300) + "..." : msg;
    }

    private static ChatRequest request(String system, String user) {
        return ChatRequest.builder().messages(SystemMessage.from(system), UserMessage.from(user)).build();
    }
}
