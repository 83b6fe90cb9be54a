package mltutor.tutor;

/** A request named an entry id the corpus does not have. */
public final class UnknownEntryException extends IllegalArgumentException {
    public UnknownEntryException(String id) {
        super("no entry with id '" + id + "'");
    }
}
