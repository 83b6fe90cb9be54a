package mltutor.tutor;

import java.util.List;

/**
 * A grounded explanation.
 *
 * @param query            the standalone query retrieval used (the question itself, or condensed with the history)
 * @param grounded         true when the answer cites at least one given source
 * @param inDomain         false when the corpus does not cover the question; the answer then says so
 * @param generator        "offline", "openai:&lt;model&gt;" or "ollama:&lt;model&gt;"
 * @param fallbackReason   why the configured LLM was not used for this answer, or null
 * @param removedCitations citations to source numbers that were never given, removed from the text
 */
public record AskAnswer(String question, String query, String answer, List<Citation> citations, boolean grounded,
                        boolean inDomain, String generator, String fallbackReason, List<RelatedQuestion> related,
                        int removedCitations) {

    public AskAnswer withFallback(String reason) {
        return new AskAnswer(question, query, answer, citations, grounded, inDomain, generator, reason, related,
                removedCitations);
    }
}
