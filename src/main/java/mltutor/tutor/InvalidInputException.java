package mltutor.tutor;

/** A request the tutor refuses (too long, too many turns, missing question); the message says what to fix. */
public final class InvalidInputException extends IllegalArgumentException {
    public InvalidInputException(String message) {
        super(message);
    }
}
