package mltutor.retrieval;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import mltutor.chunking.Chunk;
import mltutor.embedding.LocalEmbedder;
import mltutor.index.ChunkIndex;
import mltutor.index.ChunkIndex.Hit;

/**
 * Finds the entries that answer a query. Each retriever's chunk list is collapsed to one score per
 * entry (its best chunk), so one long entry cannot fill the top-k; hybrid mode then fuses the two
 * entry lists. BM25 runs on a second thread while the query is embedded, so hybrid costs about one
 * embedding call.
 */
public final class Retriever implements AutoCloseable {
    private final ChunkIndex index;
    private final LocalEmbedder embedder;
    private final DomainDetector domain;
    private final Fusion fusion;
    private final OriginWeights weights;
    private final int candidates;
    private final ExecutorService lexical = Executors.newFixedThreadPool(2, r -> {
        Thread t = new Thread(r, "bm25");
        t.setDaemon(true);
        return t;
    });

    /**
     * @param candidates how many chunks each retriever returns before collapsing; more than k because
     *                   several chunks share an entry and HNSW recall improves with a wider beam
     */
    public Retriever(ChunkIndex index, LocalEmbedder embedder, DomainDetector domain, Fusion fusion, OriginWeights weights,
                     int candidates) {
        this.index = index;
        this.embedder = embedder;
        this.domain = domain;
        this.fusion = fusion;
        this.weights = weights;
        this.candidates = candidates;
    }

    public Fusion fusion() {
        return fusion;
    }

    public SearchResponse search(String query, int k, SearchMode mode) {
        return search(query, k, mode, fusion);
    }

    /** Search with an explicit fusion; the evaluation uses this to compare fusions on one index. */
    public SearchResponse search(String query, int k, SearchMode mode, Fusion fusion) {
        CompletableFuture<List<Hit>> bm25 = mode == SearchMode.VECTOR
                ? CompletableFuture.completedFuture(List.of())
                : CompletableFuture.supplyAsync(() -> index.bm25(query, candidates), lexical);
        // The vector side always runs: in-domain detection needs the query's nearest chunk.
        float[] vector = embedder.embedQuery(query);
        List<Hit> dense = index.knn(vector, candidates);
        double topCosine = dense.isEmpty() ? -1 : dense.get(0).score();
        double margin = domain.margin(vector, topCosine);

        List<Scored> ranked = switch (mode) {
            case VECTOR -> collapse(dense);
            case BM25 -> collapse(bm25.join());
            case HYBRID -> fuse(collapse(dense), collapse(bm25.join()), fusion, this::originWeight);
        };
        var results = ranked.stream().limit(k).map(this::toResult).toList();
        return new SearchResponse(query, mode.id(), domain.inDomain(margin), round(domain.confidence(margin)),
                round(topCosine), round(margin), results);
    }

    /** An entry with its score and the chunk that best represents it. */
    private record Scored(String entryId, double score, int bestDoc) {
    }

    /** One score per entry: the score of its best chunk, in descending order. */
    private List<Scored> collapse(List<Hit> hits) {
        var best = new LinkedHashMap<String, Scored>();
        for (Hit h : hits) {
            String entry = index.chunk(h.doc()).entryId();
            Scored prev = best.get(entry);
            if (prev == null || h.score() > prev.score()) {
                best.put(entry, new Scored(entry, h.score(), h.doc()));
            }
        }
        var out = new ArrayList<>(best.values());
        out.sort(Comparator.comparingDouble(Scored::score).reversed());
        return out;
    }

    /** How much an entry's fused score counts, from its origin (see {@link OriginWeights}). */
    interface EntryWeight {
        double of(String entryId, int doc);
    }

    /**
     * Fuses two collapsed entry lists; an entry keeps the chunk that scored best on the vector side.
     * Origin weights apply to the weighted fusion only: its scores are normalised to 0..1, so a weight
     * demotes an entry by a bounded amount. On RRF's compressed scale (all near 1/61) even a 0.9 weight
     * would bury the best extra entry below a mediocre seed entry.
     */
    static List<Scored> fuse(List<Scored> dense, List<Scored> lexical, Fusion fusion, EntryWeight weight) {
        var fused = new HashMap<String, Double>();
        var bestDoc = new HashMap<String, Integer>();
        lexical.forEach(s -> bestDoc.put(s.entryId(), s.bestDoc()));
        dense.forEach(s -> bestDoc.put(s.entryId(), s.bestDoc()));
        if (fusion.method() == Fusion.Method.RRF) {
            for (int r = 0; r < dense.size(); r++) {
                fused.merge(dense.get(r).entryId(), 1.0 / (fusion.rrfK() + r + 1), Double::sum);
            }
            for (int r = 0; r < lexical.size(); r++) {
                fused.merge(lexical.get(r).entryId(), 1.0 / (fusion.rrfK() + r + 1), Double::sum);
            }
        } else {
            double max = dense.isEmpty() ? 0 : dense.get(0).score();
            double min = dense.isEmpty() ? 0 : dense.get(dense.size() - 1).score();
            double range = Math.max(max - min, 1e-9);
            for (Scored s : dense) {
                fused.merge(s.entryId(), fusion.weight() * (s.score() - min) / range, Double::sum);
            }
            double maxLex = lexical.isEmpty() ? 1 : Math.max(lexical.get(0).score(), 1e-9);
            for (Scored s : lexical) {
                fused.merge(s.entryId(), (1 - fusion.weight()) * s.score() / maxLex, Double::sum);
            }
        }
        var out = new ArrayList<Scored>(fused.size());
        boolean weighted = fusion.method() == Fusion.Method.WEIGHTED;
        fused.forEach((entry, score) -> out.add(new Scored(entry,
                weighted ? score * weight.of(entry, bestDoc.get(entry)) : score, bestDoc.get(entry))));
        out.sort(Comparator.comparingDouble(Scored::score).reversed().thenComparing(Scored::entryId));
        return out;
    }

    private double originWeight(String entryId, int doc) {
        return weights.of(index.chunk(doc).origin());
    }

    private SearchResult toResult(Scored s) {
        Chunk c = index.chunk(s.bestDoc());
        return new SearchResult(c.entryId(), c.question(), c.section(), c.origin(), c.chunkId(), c.heading(), c.text(),
                round(s.score()), c.url());
    }

    private static double round(double v) {
        return Math.round(v * 10000.0) / 10000.0;
    }

    @Override
    public void close() {
        lexical.shutdownNow();
    }
}
