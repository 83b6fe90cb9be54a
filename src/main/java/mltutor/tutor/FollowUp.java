package mltutor.tutor;

/**
 * A question an interviewer could ask next.
 *
 * @param rationale what it probes, or which key point the candidate's answer missed
 * @param entryId   the corpus entry that answers it, or null
 */
public record FollowUp(String question, String rationale, String entryId) {
}
