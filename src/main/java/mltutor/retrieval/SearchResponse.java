package mltutor.retrieval;

import java.util.List;

/**
 * What a search found, and whether the notes answer the question.
 *
 * @param answerability     answerable (the top entry answers it), uncovered (an ML/LLM question the notes do not
 *                          cover) or offTopic (not an ML interview topic)
 * @param confidence        P(ML topic) x P(the notes answer it), 0..1; the fitted thresholds, not 0.5, decide
 * @param inDomain          true unless the question is off-topic: answerable and uncovered questions are ML questions
 * @param domainScore       probability (0..1) that the question is an ML/LLM interview topic at all
 * @param nearestSimilarity cosine similarity of the query to its nearest chunk
 * @param domainMargin      nearestSimilarity minus the similarity to the nearest off-topic reference question
 * @param signals           every signal the decision was made from
 */
public record SearchResponse(String query, String mode, Answerability.Decision answerability, double confidence,
                             boolean inDomain, double domainScore, double nearestSimilarity, double domainMargin,
                             Signals signals, List<SearchResult> results) {

    public boolean answerable() {
        return answerability == Answerability.Decision.ANSWERABLE;
    }
}
