package mltutor.embedding;

/** A model or tokenizer file that is missing or cannot be loaded; the message says which file and how to fix it. */
public final class ModelLoadException extends RuntimeException {
    public ModelLoadException(String message) {
        super(message);
    }

    public ModelLoadException(String message, Throwable cause) {
        super(message, cause);
    }
}
