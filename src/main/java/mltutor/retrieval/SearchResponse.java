package mltutor.retrieval;

import java.util.List;

/**
 * What a search found, and whether the question is something the corpus covers at all.
 *
 * @param confidence        0..1; 0.5 is the calibrated in-domain threshold
 * @param nearestSimilarity cosine similarity of the query to its nearest chunk
 * @param domainMargin      nearestSimilarity minus the similarity to the nearest off-topic subject: the signal
 *                          behind inDomain and confidence
 */
public record SearchResponse(String query, String mode, boolean inDomain, double confidence, double nearestSimilarity,
                             double domainMargin, List<SearchResult> results) {
}
