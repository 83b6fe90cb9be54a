package mltutor.llm;

import dev.langchain4j.exception.HttpException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.util.concurrent.TimeoutException;

/**
 * An LLM call that did not produce a usable reply. {@link #reason} is a short description that is safe to show
 * a client (no server addresses' secrets, no keys, no stack traces); the log gets the underlying exception.
 */
public final class LlmFailure extends RuntimeException {
    private final String reason;
    private final boolean retryable;

    public LlmFailure(String reason, boolean retryable) {
        super(reason);
        this.reason = reason;
        this.retryable = retryable;
    }

    public LlmFailure(String reason, boolean retryable, Throwable cause) {
        super(reason, cause);
        this.reason = reason;
        this.retryable = retryable;
    }

    public String reason() {
        return reason;
    }

    public boolean retryable() {
        return retryable;
    }

    /** Sorts any exception from a client call into a failure: timeouts, refused connections, 429 and 5xx are retryable. */
    public static LlmFailure classify(Throwable e) {
        if (e instanceof LlmFailure f) {
            return f;
        }
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof HttpException h) {
                int s = h.statusCode();
                boolean retry = s == 429 || s == 408 || s >= 500;
                String what = switch (s) {
                    case 401, 403 -> "the LLM server refused the credentials (HTTP " + s + ")";
                    case 404 -> "the LLM server does not know the model or endpoint (HTTP 404)";
                    case 429 -> "the LLM server is rate-limiting requests (HTTP 429)";
                    default -> "the LLM server answered HTTP " + s;
                };
                return new LlmFailure(what, retry, e);
            }
            if (c instanceof dev.langchain4j.exception.TimeoutException || c instanceof HttpTimeoutException
                    || c instanceof SocketTimeoutException || c instanceof TimeoutException) {
                return new LlmFailure("the LLM did not answer in time", true, e);
            }
            if (c instanceof ConnectException) {
                return new LlmFailure("could not connect to the LLM server", true, e);
            }
            if (c instanceof com.fasterxml.jackson.core.JacksonException) {
                return new LlmFailure("the LLM reply could not be read", true, e);
            }
            if (c instanceof UnknownHostException || c instanceof UnresolvedAddressException) {
                return new LlmFailure("the LLM server's host name does not resolve", false, e);
            }
        }
        String name = e.getClass().getSimpleName();
        // Parsing errors of a reply (malformed JSON, missing fields) are worth one more try.
        boolean malformed = name.contains("Json") || name.contains("Parse") || e instanceof NullPointerException
                || e instanceof IllegalArgumentException || e instanceof IllegalStateException;
        return new LlmFailure(malformed ? "the LLM reply could not be read" : "the LLM call failed (" + name + ")", true, e);
    }
}
