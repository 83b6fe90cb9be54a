package mltutor.retrieval;

/** One entry (or resource) in a result list, represented by its best-matching chunk. */
public record SearchResult(
        String entryId,
        String question,
        String section,
        String origin,
        String chunkId,
        String heading,
        String text,
        double score,
        String url) {
}
