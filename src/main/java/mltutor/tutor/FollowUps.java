package mltutor.tutor;

import java.util.List;

/**
 * Follow-up questions for one interview question.
 *
 * @param id              the entry the follow-ups are for; null when the corpus does not cover the question
 * @param missedKeyPoints key points the candidate's answer does not cover (empty without an answer)
 */
public record FollowUps(String id, String question, List<FollowUp> followUps, List<String> missedKeyPoints,
                        boolean inDomain, String generator, String fallbackReason) {

    public FollowUps withFallback(String reason) {
        return new FollowUps(id, question, followUps, missedKeyPoints, inDomain, generator, reason);
    }
}
