package mltutor.tutor;

/** A corpus entry worth reading next. */
public record RelatedQuestion(String id, String question) {
}
