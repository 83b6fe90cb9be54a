package mltutor.retrieval;

/**
 * A search whose answer is known, run for the health check: an entry's own question must find that entry first,
 * with a cosine similarity a healthy index gives (between {@value #MIN_SIMILARITY} and 1). A damaged index that
 * still opens fails it: wrong entries on top, or similarities far outside [-1, 1].
 */
public final class IndexCanary {
    /** Below this, the entry's own question is not recognised: an index a healthy build gives scores above 0.8. */
    static final double MIN_SIMILARITY = 0.5;

    /**
     * One run of the canary.
     *
     * @param ok            whether the expected entry came first with a sane similarity
     * @param foundEntry    the entry that came first, or "" when there was none
     * @param similarity    the query's cosine similarity to its nearest chunk
     * @param problem       what went wrong, or "" when ok
     */
    public record Result(boolean ok, String query, String expectedEntry, String foundEntry, double similarity,
                         String problem) {
    }

    private final Retriever retriever;
    private final String query;
    private final String expectedEntry;

    public IndexCanary(Retriever retriever, String query, String expectedEntry) {
        this.retriever = retriever;
        this.query = query;
        this.expectedEntry = expectedEntry;
    }

    public Result check() {
        SearchResponse r;
        try {
            r = retriever.search(query, 1, SearchMode.HYBRID);
        } catch (RuntimeException e) {
            // The health check reports any failure to search instead of failing itself.
            return result("", -1, "the search failed: " + e.getMessage());
        }
        String found = r.results().isEmpty() ? "" : r.results().get(0).entryId();
        double s = r.nearestSimilarity();
        if (!found.equals(expectedEntry)) {
            return result(found, s, "expected entry " + expectedEntry + " first, found " + (found.isEmpty() ? "none" : found));
        }
        if (!(s >= MIN_SIMILARITY && s <= 1.001)) {
            return result(found, s, "similarity " + s + " is outside [" + MIN_SIMILARITY + ", 1]");
        }
        return result(found, s, "");
    }

    private Result result(String found, double similarity, String problem) {
        return new Result(problem.isEmpty(), query, expectedEntry, found, similarity, problem);
    }
}
