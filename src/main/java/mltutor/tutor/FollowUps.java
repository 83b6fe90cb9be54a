package mltutor.tutor;

import java.util.List;
import mltutor.practice.FollowUp;
import mltutor.retrieval.Answerability;

/**
 * Follow-up questions for one interview question.
 *
 * @param id              the entry the follow-ups are for; null when the corpus does not cover the question
 * @param missedKeyPoints key points the candidate's answer does not cover (empty without an answer)
 * @param answerability   answerable, uncovered (an ML question the notes lack) or offTopic
 */
public record FollowUps(String id, String question, List<FollowUp> followUps, List<String> missedKeyPoints,
                        boolean inDomain, String generator, String fallbackReason,
                        Answerability.Decision answerability) {

    public FollowUps withFallback(String reason) {
        return new FollowUps(id, question, followUps, missedKeyPoints, inDomain, generator, reason, answerability);
    }
}
