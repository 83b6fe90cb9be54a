package mltutor.retrieval;

/**
 * How hybrid search combines the vector and BM25 lists.
 *
 * @param method  WEIGHTED: w * minmax(cosine) + (1 - w) * bm25 / max(bm25); RRF: sum of 1 / (k + rank)
 * @param weight  the vector weight w for WEIGHTED
 * @param rrfK    the rank constant k for RRF
 */
public record Fusion(Method method, double weight, int rrfK) {
    public enum Method { WEIGHTED, RRF }

    public static Fusion weighted(double weight) {
        return new Fusion(Method.WEIGHTED, weight, 60);
    }

    public static Fusion rrf(int k) {
        return new Fusion(Method.RRF, 0, k);
    }

    @Override
    public String toString() {
        return method == Method.WEIGHTED ? "weighted(w=" + weight + ")" : "rrf(k=" + rrfK + ")";
    }
}
