package mltutor.eval;

/**
 * Retrieval quality over an evaluation set.
 *
 * @param noneRecognised share of out-of-domain queries marked not in domain
 * @param inDomainKept   share of in-domain queries marked in domain
 */
public record RetrievalScores(String label, int queries, double hit1, double hit3, double hit5, double mrr,
                              double noneRecognised, double inDomainKept) {

    public String row() {
        return String.format("%-22s %6.3f %6.3f %6.3f %6.3f %8.3f %8.3f", label, hit1, hit3, hit5, mrr, noneRecognised, inDomainKept);
    }

    public static String header() {
        return String.format("%-22s %6s %6s %6s %6s %8s %8s", "mode", "hit@1", "hit@3", "hit@5", "MRR", "NONE-ok", "in-kept");
    }
}
