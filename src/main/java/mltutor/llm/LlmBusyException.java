package mltutor.llm;

/** Every LLM slot stayed taken for the whole queue wait; the client should retry after {@link #retryAfterSeconds}. */
public final class LlmBusyException extends RuntimeException {
    private final int retryAfterSeconds;

    public LlmBusyException(int retryAfterSeconds) {
        super("the tutor is answering as many LLM requests as it is configured for; retry in " + retryAfterSeconds + " s");
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public int retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
