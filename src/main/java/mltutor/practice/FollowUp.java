package mltutor.practice;

/**
 * The question an interviewer would ask next.
 *
 * @param keyPoint the missed key point it probes, or null when it goes beyond the rubric
 */
public record FollowUp(String question, String rationale, String keyPoint) {
}
