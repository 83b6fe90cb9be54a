package mltutor.tutor;

import java.util.List;

/**
 * A model answer as a strong candidate would give it in an interview.
 *
 * @param id       the entry the draft is built on; null when the corpus does not cover the question
 * @param draft    Markdown: short answer first, then depth, an example, trade-offs
 * @param grounded true when the draft cites at least one given source
 */
public record Draft(String id, String question, String draft, List<String> keyPoints, List<Citation> citations,
                    boolean grounded, boolean inDomain, String generator, String fallbackReason,
                    int removedCitations) {

    public Draft withFallback(String reason) {
        return new Draft(id, question, draft, keyPoints, citations, grounded, inDomain, generator, reason, removedCitations);
    }
}
