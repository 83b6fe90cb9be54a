package mltutor.export;

/**
 * An export that cannot be made as asked: an unknown section or origin, a filter nothing matches, or a link base
 * that is not an http(s) URL. The message says what would be valid; the CLI prints it as one line and the API
 * answers 400 with it.
 */
public final class InvalidExportException extends IllegalArgumentException {
    public InvalidExportException(String message) {
        super(message);
    }
}
