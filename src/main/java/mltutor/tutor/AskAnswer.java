package mltutor.tutor;

import java.util.List;
import mltutor.retrieval.Answerability;

/**
 * A grounded explanation.
 *
 * @param query            the standalone query retrieval used (the question itself, or condensed with the history)
 * @param grounded         true when the answer cites at least one given source
 * @param inDomain         false when the question is not an ML interview topic; the answer then says so
 * @param answerability    answerable, uncovered (an ML question the notes lack) or offTopic
 * @param source           where the answer comes from: "notes" (grounded in the corpus), "model" (the LLM's own
 *                         knowledge, for an uncovered question when that is allowed) or "none" (a refusal)
 * @param generator        "offline", "openai:&lt;model&gt;" or "ollama:&lt;model&gt;"
 * @param fallbackReason   why the configured LLM was not used for this answer, or null
 * @param removedCitations citations to source numbers that were never given, removed from the text
 */
public record AskAnswer(String question, String query, String answer, List<Citation> citations, boolean grounded,
                        boolean inDomain, String generator, String fallbackReason, List<RelatedQuestion> related,
                        int removedCitations, Answerability.Decision answerability, String source) {
    public static final String NOTES = "notes", MODEL = "model", NONE = "none";


    public AskAnswer withFallback(String reason) {
        return new AskAnswer(question, query, answer, citations, grounded, inDomain, generator, reason, related,
                removedCitations, answerability, source);
    }
}
