package mltutor.retrieval;

import java.util.Set;
import mltutor.index.ChunkIndex.FieldWeights;

/**
 * How search turns chunk hits into a ranked entry list: which chunks the dense side may match, which
 * lexical index it asks, and how the two lists are fused. The evaluation compares rankings on one index.
 *
 * @param denseKinds the chunk kinds dense search matches, or null for every kind in the index
 * @param lexical    BM25 over chunks, or field-weighted BM25 over one lexical document per entry
 * @param fields     field weights for {@link Lexical#ENTRIES}
 * @param candidates how many hits each retriever returns before collapsing to entries; more than k because
 *                   several chunks share an entry and HNSW recall improves with a wider beam
 */
public record Ranking(Fusion fusion, OriginWeights weights, Set<String> denseKinds, Lexical lexical,
                      FieldWeights fields, int candidates) {
    public enum Lexical { CHUNKS, ENTRIES }

    /** Every kind of chunk the index holds. */
    public static final Set<String> DEFAULT_DENSE_KINDS = null;

    public Ranking {
        denseKinds = denseKinds == null ? null : Set.copyOf(denseKinds);
    }

    public Ranking with(Fusion f) {
        return new Ranking(f, weights, denseKinds, lexical, fields, candidates);
    }

    public Ranking with(OriginWeights w) {
        return new Ranking(fusion, w, denseKinds, lexical, fields, candidates);
    }

    public Ranking withDenseKinds(Set<String> kinds) {
        return new Ranking(fusion, weights, kinds, lexical, fields, candidates);
    }

    public Ranking with(Lexical l, FieldWeights f) {
        return new Ranking(fusion, weights, denseKinds, l, f, candidates);
    }

    @Override
    public String toString() {
        return fusion + " extra=" + weights.extra() + " dense=" + (denseKinds == null ? "all" : String.join("+",
                new java.util.TreeSet<>(denseKinds))) + " lex=" + lexical.name().toLowerCase(java.util.Locale.ROOT)
                + (lexical == Lexical.ENTRIES ? "(bigrams " + fields.bigrams() + ")" : "");
    }
}
