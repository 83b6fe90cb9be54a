package mltutor.tutor;

/**
 * The interview question (by entry id or text), optionally the candidate's answer, and how many follow-ups.
 *
 * @param n null for the default
 */
public record FollowUpRequest(String question, String id, String answer, Integer n) {
}
