package mltutor.tutor;

/** Which question to draft a model answer for: a corpus entry id, or a question matched by retrieval. */
public record DraftRequest(String question, String id) {
}
