package mltutor.tutor;

import java.util.List;
import mltutor.retrieval.Answerability;

/**
 * A model answer as a strong candidate would give it in an interview.
 *
 * @param id       the entry the draft is built on; null when the corpus does not cover the question
 * @param draft    Markdown: short answer first, then depth, an example, trade-offs
 * @param grounded true when the draft cites at least one given source
 * @param answerability answerable, uncovered (an ML question the notes lack) or offTopic
 */
public record Draft(String id, String question, String draft, List<String> keyPoints, List<Citation> citations,
                    boolean grounded, boolean inDomain, String generator, String fallbackReason,
                    int removedCitations, Answerability.Decision answerability) {

    public Draft withFallback(String reason) {
        return new Draft(id, question, draft, keyPoints, citations, grounded, inDomain, generator, reason, removedCitations,
                answerability);
    }
}
