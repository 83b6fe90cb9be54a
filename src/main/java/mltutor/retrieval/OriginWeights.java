package mltutor.retrieval;

/**
 * Score multipliers by where an entry comes from. The user's own question list (seed) comes first;
 * extra entries fill gaps and should not take a query that a seed entry answers about as well;
 * resource summaries are further reading and rank below the entries that cite them.
 */
public record OriginWeights(double extra, double resource) {
    public OriginWeights {
        if (!(extra > 0 && extra <= 1) || !(resource > 0 && resource <= 1)) {
            throw new IllegalArgumentException("origin weights must be in (0, 1]");
        }
    }

    double of(String origin) {
        return switch (origin) {
            case "extra" -> extra;
            case "resource" -> resource;
            default -> 1.0;
        };
    }
}
