package mltutor.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import mltutor.chunking.Chunk;
import mltutor.index.ChunkIndex.FieldWeights;
import mltutor.retrieval.Fusion;
import mltutor.retrieval.OriginWeights;
import mltutor.retrieval.Ranking;

/** The retrieval levers, each changed on its own from the configured ranking, for the ablation table. */
public final class RankingAblation {
    private RankingAblation() {
    }

    public static List<Ranking> variants(Ranking base) {
        var out = new ArrayList<Ranking>();
        out.add(base.withDenseKinds(Set.of("entry", "resource", Chunk.ALIAS)));
        out.add(base.withDenseKinds(Set.of("entry", "resource", Chunk.ALIAS, Chunk.QUERY)));
        out.add(base.withDenseKinds(Set.of("entry", "resource", Chunk.ALIAS, Chunk.QUERY, Chunk.KEY_POINT)));
        out.add(base.withDenseKinds(Set.of("entry", "resource")));
        out.add(base.with(Ranking.Lexical.CHUNKS, base.fields()));
        out.add(base.with(Ranking.Lexical.ENTRIES, FieldWeights.BODY_ONLY));
        var f = base.fields();
        out.add(base.with(Ranking.Lexical.ENTRIES, new FieldWeights(f.question(), f.phrasings(), f.tags(), f.keyPoints(),
                f.headings(), f.body(), 0)));
        out.add(base.with(Ranking.Lexical.ENTRIES, new FieldWeights(2, 1.5f, 1.5f, 1, 1, 1, 1)));
        out.add(base.with(Ranking.Lexical.ENTRIES, new FieldWeights(3, 2, 2, 1.5f, 1, 1, 1)));
        for (double extra : new double[] {0.8, 0.9, 1.0}) {
            out.add(base.with(new OriginWeights(extra, base.weights().resource())));
        }
        for (double w : new double[] {0.3, 0.4, 0.5, 0.6, 0.7}) {
            out.add(base.with(Fusion.weighted(w)));
        }
        out.add(base.with(Fusion.rrf(60)));
        return out;
    }
}
