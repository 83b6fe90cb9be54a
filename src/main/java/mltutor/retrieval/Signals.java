package mltutor.retrieval;

/**
 * The evidence behind an answerability decision, for one query and its top-ranked entry. Every value is
 * returned with a search so a decision can be inspected.
 *
 * @param nearest          cosine similarity of the query to its nearest chunk
 * @param topEntry         cosine similarity of the query to the top entry's best chunk
 * @param phrasing         cosine similarity of the query to the top entry's closest phrasing of its question (its
 *                         header, an alias or a search phrasing)
 * @param offTopicMargin   nearest minus the similarity to the nearest off-topic reference question
 * @param uncoveredMargin  topEntry minus the similarity to the nearest question on an ML topic the notes lack
 * @param centrality       IDF-weighted share of the query's known terms (used somewhere in the corpus) found in
 *                         what the top entry is about: its question, phrasings, tags, key points and headings
 * @param coverage         the same share counting the top entry's body too: terms mentioned in passing
 * @param rarestTerm       where the query's rarest known term appears in the top entry: 1 in its core fields,
 *                         0.5 only in its body, 0 nowhere
 * @param gap              fused score of the top entry minus that of the second
 * @param queryTerms       log(1 + number of distinct analysed query terms)
 * @param unknownTerms     share of the query's terms that no entry uses: typos, everyday words or a new subject
 * @param denseRank        1/rank of the top entry among the entries the dense side found (0 when it did not)
 * @param lexicalRank      1/rank of the top entry among the entries BM25 found (0 when it did not)
 * @param lexicalSupport   the top entry's BM25 score divided by the summed IDF of the query's known terms: how
 *                         strongly its fields match the query, on a scale that does not grow with query length
 * @param bestCentrality   the largest centrality among the top three entries: the query's subject is what some
 *                         nearby entry is about, even when the ranking put another entry first
 * @param anyPhrasing      cosine similarity of the query to the nearest phrasing of any entry's question
 * @param rarestIdf        IDF of the query's rarest known term: how specific the subject it names is
 */
public record Signals(double nearest, double topEntry, double phrasing, double offTopicMargin, double uncoveredMargin,
                      double centrality, double coverage, double rarestTerm, double gap, double queryTerms,
                      double unknownTerms, double denseRank, double lexicalRank, double lexicalSupport,
                      double bestCentrality, double anyPhrasing, double rarestIdf) {

    public static final java.util.List<String> NAMES = java.util.List.of("nearest", "topEntry", "phrasing", "offTopicMargin",
            "uncoveredMargin", "centrality", "coverage", "rarestTerm", "gap", "queryTerms", "unknownTerms", "denseRank",
            "lexicalRank", "lexicalSupport", "bestCentrality", "anyPhrasing", "rarestIdf");

    /** The signals in the order of {@link #NAMES}, the scorer's feature vector. */
    public double[] vector() {
        return new double[] {nearest, topEntry, phrasing, offTopicMargin, uncoveredMargin, centrality, coverage, rarestTerm, gap,
                queryTerms, unknownTerms, denseRank, lexicalRank, lexicalSupport, bestCentrality,
                anyPhrasing, rarestIdf};
    }

    public Signals rounded() {
        double[] v = java.util.Arrays.stream(vector()).map(ReportedScore::round).toArray();
        return new Signals(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9], v[10], v[11], v[12], v[13], v[14],
                v[15], v[16]);
    }

}
