package mltutor.llm;

import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.PartialResponse;
import dev.langchain4j.model.chat.response.PartialResponseContext;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.chat.response.StreamingHandle;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.time.Duration;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One system prompt and one user message in, the model's text out, for both providers, blocking or streamed.
 * Every call has one total deadline, the configured timeout: connecting, waiting for the first byte, reading the
 * whole body or the whole stream, every retry and every backoff all come out of it. The call runs on a worker
 * thread and the caller waits at most until the deadline; then the attempt is cancelled (the worker is
 * interrupted, which aborts the JDK HTTP exchange; a stream's handle is cancelled and its later tokens dropped)
 * and {@link LlmFailure} says the deadline passed. Retryable failures (refused connection, 429, 5xx, an empty or
 * unreadable reply) are retried with exponential backoff while the deadline leaves time; a stream is retried only
 * while it has not yet delivered a token. Callers answer offline on {@link LlmFailure}. The {@link ConcurrencyCap}
 * is the caller's to hold, per request rather than per call.
 */
public final class LlmClient {
    private static final Logger LOG = LoggerFactory.getLogger(LlmClient.class);
    static final long BACKOFF_MILLIS = 250;
    static final long MAX_BACKOFF_MILLIS = 2_000;

    private final LlmSettings settings;
    private final LangChainModels.Models models;
    private final ConcurrencyCap cap;
    /** Runs blocking calls so that the caller can stop waiting; idle workers end after a minute. */
    private final ExecutorService calls = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "llm-call");
        t.setDaemon(true);
        return t;
    });

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

    public LlmSettings settings() {
        return settings;
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
        return complete(system, user, read, settings.timeout());
    }

    /** {@link #complete(String, String, Function)} within {@code limit} instead of the configured time limit. */
    public <T> T complete(String system, String user, Function<String, T> read, Duration limit) {
        ChatRequest request = request(system, user);
        Deadline deadline = Deadline.after(limit);
        for (int attempt = 0; ; attempt++) {
            try {
                ChatResponse response = deadline.await(calls.submit(() -> models.chat().chat(request)));
                String text = response == null || response.aiMessage() == null ? null : response.aiMessage().text();
                if (text == null || text.isBlank()) {
                    throw new LlmFailure("the LLM returned an empty completion", true);
                }
                return read.apply(text);
            } catch (RuntimeException e) {
                backOffOrThrow(LlmFailure.classify(e), attempt, deadline);
            }
        }
    }

    /**
     * Streams the reply to {@code onToken} and returns the whole text. An exception from {@code onToken} ends the
     * call: an {@link LlmFailure} (the leak guard) as a failure of the call, anything else (the client has gone)
     * passes through unchanged, so the caller stops instead of writing an offline answer nobody reads.
     */
    public String stream(String system, String user, Consumer<String> onToken) {
        ChatRequest request = request(system, user);
        Deadline deadline = Deadline.after(settings.timeout());
        for (int attempt = 0; ; attempt++) {
            var sent = new StringBuilder();
            try {
                return streamOnce(request, deadline, token -> {
                    sent.append(token);
                    try {
                        onToken.accept(token);
                    } catch (LlmFailure e) {
                        throw e;
                    } catch (RuntimeException e) {
                        throw new ConsumerGone(e);
                    }
                });
            } catch (ConsumerGone gone) {
                LOG.info("LLM stream stopped after {} characters: the consumer gave up ({})", sent.length(),
                        describe(gone.getCause()));
                throw gone.cause();
            } catch (RuntimeException e) {
                LlmFailure f = LlmFailure.classify(e);
                if (!sent.isEmpty()) {
                    // The client already shows part of this reply; a second reply would not continue it.
                    LOG.warn("LLM stream broke after {} characters: {}", sent.length(), describe(e));
                    throw new LlmFailure(f.reason() + " (mid-stream)", false, e);
                }
                backOffOrThrow(f, attempt, deadline);
            }
        }
    }

    /** The consumer's own exception, carried past the failure classification. */
    private static final class ConsumerGone extends RuntimeException {
        ConsumerGone(RuntimeException cause) {
            super(cause);
        }

        RuntimeException cause() {
            return (RuntimeException) getCause();
        }
    }

    /**
     * One streamed call, waited for until the deadline. Once this side has given up (deadline, a consumer that
     * threw, an interrupt), the handler cancels the stream at its next event and forwards nothing more.
     */
    private String streamOnce(ChatRequest request, Deadline deadline, Consumer<String> onToken) {
        BlockingQueue<Object> events = new LinkedBlockingQueue<>();
        AtomicReference<StreamingHandle> handle = new AtomicReference<>();
        AtomicBoolean abandoned = new AtomicBoolean();
        models.streaming().chat(request, new StreamingChatResponseHandler() {
            @Override
            public void onPartialResponse(PartialResponse partial, PartialResponseContext context) {
                handle.set(context.streamingHandle());
                if (abandoned.get()) {
                    cancel(context.streamingHandle());
                    return;
                }
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
        try {
            return await(events, deadline, text, onToken);
        } catch (RuntimeException e) {
            // A consumer that rejects a token (the leak guard, a client that has gone) ends the stream as surely
            // as a server error or the deadline.
            abandoned.set(true);
            cancel(handle.get());
            throw e;
        }
    }

    private static String await(BlockingQueue<Object> events, Deadline deadline, StringBuilder text,
                                Consumer<String> onToken) {
        try {
            while (true) {
                Object event = events.poll(deadline.remainingNanos(), TimeUnit.NANOSECONDS);
                if (event == null) {
                    throw deadline.passed();
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

    /** Waits out the backoff and returns for the next attempt, or throws when no attempt or no time is left. */
    private void backOffOrThrow(LlmFailure f, int attempt, Deadline deadline) {
        long delay = Math.min(MAX_BACKOFF_MILLIS, BACKOFF_MILLIS << attempt);
        // A retry that could not finish before the deadline would only delay the offline answer.
        boolean time = deadline.remainingNanos() > TimeUnit.MILLISECONDS.toNanos(delay);
        if (!f.retryable() || attempt >= settings.retries() || !time) {
            LOG.warn("LLM call failed after {} attempt(s): {}{}", attempt + 1, f.reason(),
                    f.getCause() == null ? "" : " - " + describe(f.getCause()));
            throw f;
        }
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
        if (settings.apiKey().isPresent()) {
            msg = msg.replace(settings.apiKey().get(), "***");
        }
        msg = msg.replaceAll("\\s+", " ");
        return msg.length() > 300 ? msg.substring(0, 300) + "..." : msg;
    }

    private static ChatRequest request(String system, String user) {
        return ChatRequest.builder().messages(SystemMessage.from(system), UserMessage.from(user)).build();
    }
}
