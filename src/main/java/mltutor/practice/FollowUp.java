package mltutor.practice;

/**
 * A question an interviewer could ask next.
 *
 * @param rationale why this question: the key point it probes, or what else it moves to
 * @param entryId   the corpus entry that answers it, or null for the entry's own curated follow-ups
 * @param keyPoint  the key point of the original question it probes, or null when it goes beyond the rubric
 */
public record FollowUp(String question, String rationale, String entryId, String keyPoint) {
}
