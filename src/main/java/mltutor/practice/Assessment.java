package mltutor.practice;

import java.util.List;

/**
 * A grader's verdict on one answer: the body of {@code POST /api/feedback}.
 *
 * @param score          0-100
 * @param covered        the entry's key points the answer covers, in rubric order
 * @param missing        the entry's key points it does not cover, in rubric order
 * @param feedback       Markdown: what was good, what was missing, how to say it better
 * @param followUp       the question to answer next
 * @param generator      "offline", or the LLM that judged ("openai:model", "ollama:model")
 * @param fallbackReason why an LLM judge was not used for this answer, or null
 */
public record Assessment(String id, int score, List<String> covered, List<String> missing, String feedback,
                         FollowUp followUp, String generator, String fallbackReason) {
    public Assessment {
        if (score < 0 || score > 100) {
            throw new IllegalArgumentException("score out of range: " + score);
        }
        covered = List.copyOf(covered);
        missing = List.copyOf(missing);
    }

    /** This assessment, marked as the fallback for a judge that could not be used. */
    public Assessment withFallback(String reason) {
        return new Assessment(id, score, covered, missing, feedback, followUp, generator, reason);
    }
}
