package mltutor.retrieval;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
    private final ReferenceQuestions offTopic;
    private final ReferenceQuestions uncovered;
    private final AnswerabilityScorer scorer;
    private final Ranking ranking;
    private final ExecutorService lexical;

    public Retriever(ChunkIndex index, LocalEmbedder embedder, ReferenceQuestions offTopic, ReferenceQuestions uncovered,
                     AnswerabilityScorer scorer, Ranking ranking) {
        this(index, embedder, offTopic, uncovered, scorer, ranking, Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "bm25");
            t.setDaemon(true);
            return t;
        }));
    }

    private Retriever(ChunkIndex index, LocalEmbedder embedder, ReferenceQuestions offTopic, ReferenceQuestions uncovered,
                      AnswerabilityScorer scorer, Ranking ranking, ExecutorService lexical) {
        this.lexical = lexical;
        this.index = index;
        this.embedder = embedder;
        this.offTopic = offTopic;
        this.uncovered = uncovered;
        this.scorer = scorer;
        this.ranking = ranking;
    }

    /**
     * The same index, references and BM25 threads with another scorer, for tests and fitting; closing either
     * retriever stops the shared threads.
     */
    public Retriever withScorer(AnswerabilityScorer other) {
        return new Retriever(index, embedder, offTopic, uncovered, other, ranking, lexical);
    }

    /**
     * What a search must not see when it scores a question taken from the training data: the phrasing it
     * was taken from (for a question written for an entry), or the subject it belongs to (for an off-topic
     * or uncovered question), so the features look as they would for a new question of the same kind.
     */
    public record Holdout(String entryId, String phrasing, String offTopicGroup, String uncoveredGroup) {
        public static final Holdout NONE = new Holdout(null, null, null, null);

        boolean hides(Chunk c) {
            return phrasing != null && c.entryId().equals(entryId) && c.phrasing() && c.text().equals(phrasing);
        }
    }

    public Ranking ranking() {
        return ranking;
    }

    public Fusion fusion() {
        return ranking.fusion();
    }

    public SearchResponse search(String query, int k, SearchMode mode) {
        return search(query, k, mode, ranking);
    }

    /** Search with an explicit fusion; the evaluation uses this to compare fusions on one index. */
    public SearchResponse search(String query, int k, SearchMode mode, Fusion fusion) {
        return search(query, k, mode, ranking.with(fusion));
    }

    /** Search with an explicit ranking; the evaluation uses this to compare rankings on one index. */
    public SearchResponse search(String query, int k, SearchMode mode, Ranking ranking) {
        return search(query, k, mode, ranking, Holdout.NONE);
    }

    public SearchResponse search(String query, int k, SearchMode mode, Ranking ranking, Holdout holdout) {
        int candidates = ranking.candidates();
        CompletableFuture<List<Hit>> bm25 = mode == SearchMode.VECTOR
                ? CompletableFuture.completedFuture(List.of())
                : CompletableFuture.supplyAsync(() -> ranking.lexical() == Ranking.Lexical.ENTRIES
                        ? index.bm25Entries(query, candidates, holdout.phrasing() == null ? ranking.fields()
                                : ranking.fields().withoutPhrasings())
                        : index.bm25(query, candidates), lexical);
        // The vector side always runs: in-domain detection needs the query's nearest chunk.
        float[] vector = embedder.embedQuery(query);
        List<Hit> dense = index.knn(vector, candidates, ranking.denseKinds());
        if (holdout.phrasing() != null) {
            dense = dense.stream().filter(h -> !holdout.hides(index.chunk(h.doc()))).toList();
        }

        List<Scored> denseEntries = collapse(dense);
        List<Scored> lexicalEntries = collapse(bm25.join());
        List<Scored> ranked = switch (mode) {
            case VECTOR -> denseEntries;
            case BM25 -> lexicalEntries;
            case HYBRID -> fuse(denseEntries, lexicalEntries, ranking.fusion(),
                    (entry, doc) -> ranking.weights().of(index.chunk(doc).origin()));
        };
        var results = ranked.stream().limit(k).map(this::toResult).toList();
        Signals signals = signals(query, vector, dense, ranked, denseEntries, lexicalEntries, holdout);
        Answerability a = scorer.decide(signals);
        return new SearchResponse(query, mode.id(), a.decision(), a.score(),
                a.decision() != Answerability.Decision.OFF_TOPIC, a.domainScore(), ReportedScore.round(signals.nearest()),
                ReportedScore.round(signals.offTopicMargin()), signals.rounded(), results);
    }

    /**
     * Entries that mention the query's rarest term only in passing (in their body, not in what they are
     * about), best-ranked first: where a subject the notes do not explain still comes up.
     */
    public List<String> mentionsInPassing(String query, List<SearchResult> ranked, int limit) {
        String rarest = null;
        double best = -1;
        for (String t : index.terms(query)) {
            if (!index.known(t)) {
                continue; // a typo or a word no entry uses cannot be mentioned anywhere
            }
            double idf = index.idf(t);
            if (idf > best) {
                best = idf;
                rarest = t;
            }
        }
        if (rarest == null) {
            return List.of();
        }
        String term = rarest;
        var out = new java.util.LinkedHashSet<String>();
        ranked.forEach(r -> out.add(r.entryId()));
        out.addAll(index.entryIds());
        return out.stream().filter(id -> index.entryTerms(id).map(t -> t.body().contains(term) && !t.core().contains(term)
                && t.phrasings().stream().noneMatch(p -> p.terms().contains(term))).orElse(false)).limit(limit).toList();
    }

    private Signals signals(String query, float[] vector, List<Hit> dense, List<Scored> ranked, List<Scored> denseEntries,
                            List<Scored> lexicalEntries, Holdout holdout) {
        double nearest = dense.isEmpty() ? -1 : dense.get(0).score();
        double floor = dense.isEmpty() ? -1 : dense.get(dense.size() - 1).score();
        String top = ranked.isEmpty() ? null : ranked.get(0).entryId();
        double topEntry = floor, phrasing = floor;
        boolean seen = false;
        for (Hit h : dense) {
            Chunk c = index.chunk(h.doc());
            if (c.entryId().equals(top)) {
                if (!seen) {
                    topEntry = h.score();
                    seen = true;
                }
                if (c.phrasing() || c.chunkId().endsWith("#0")) {
                    phrasing = h.score();
                    break;
                }
            }
        }
        double offRef = offTopic.nearest(vector, holdout.offTopicGroup()).similarity();
        double uncRef = uncovered.nearest(vector, holdout.uncoveredGroup()).similarity();
        double gap = ranked.isEmpty() ? 0 : ranked.get(0).score() - (ranked.size() > 1 ? ranked.get(1).score() : 0);

        Set<String> all = index.terms(query);
        Map<String, Double> terms = index.idfOfKnown(all); // the known terms, with their IDF
        double unknown = all.isEmpty() ? 0 : (double) (all.size() - terms.size()) / all.size();
        double idfSum = 0, rarestIdf = 0;
        for (double idf : terms.values()) {
            idfSum += idf;
            rarestIdf = Math.max(rarestIdf, idf);
        }
        Placement placement = placement(terms, idfSum, top, holdout);
        double bestCentrality = placement.centrality();
        for (int i = 1; i < Math.min(3, ranked.size()); i++) {
            bestCentrality = Math.max(bestCentrality, placement(terms, idfSum, ranked.get(i).entryId(), holdout).centrality());
        }
        double anyPhrasing = floor;
        for (Hit h : dense) {
            Chunk c = index.chunk(h.doc());
            if (c.phrasing() || c.chunkId().endsWith("#0")) {
                anyPhrasing = h.score();
                break;
            }
        }
        double lexicalSupport = 0;
        for (Scored s : idfSum == 0 ? List.<Scored>of() : lexicalEntries) {
            if (s.entryId().equals(top)) {
                lexicalSupport = s.score() / idfSum;
                break;
            }
        }
        return new Signals(nearest, topEntry, phrasing, nearest - offRef, topEntry - uncRef, placement.centrality(),
                placement.coverage(), placement.rarest(), gap, Math.log(1 + all.size()), unknown,
                reciprocalRank(denseEntries, top), reciprocalRank(lexicalEntries, top), lexicalSupport, bestCentrality,
                anyPhrasing, rarestIdf);
    }

    /**
     * Where the query's known terms sit in one entry, IDF-weighted: the share in what it is about (question,
     * phrasings, tags, key points, headings), the share anywhere in it, and where the rarest term sits (1 core,
     * 0.5 body only, 0 nowhere).
     */
    private record Placement(double centrality, double coverage, double rarest) {
        static final Placement NONE = new Placement(0, 0, 0);
    }

    private Placement placement(Map<String, Double> terms, double idfSum, String entryId, Holdout holdout) {
        var entry = entryId == null ? java.util.Optional.<ChunkIndex.EntryTerms>empty() : index.entryTerms(entryId);
        if (terms.isEmpty() || entry.isEmpty()) {
            return Placement.NONE;
        }
        var core = new java.util.HashSet<>(entry.get().core());
        for (ChunkIndex.Phrasing p : entry.get().phrasings()) {
            if (!(p.text().equals(holdout.phrasing()) && entryId.equals(holdout.entryId()))) {
                core.addAll(p.terms());
            }
        }
        Set<String> body = entry.get().body();
        double inCore = 0, anywhere = 0, rarestIdf = -1, rarest = 0;
        for (var term : terms.entrySet()) {
            String t = term.getKey();
            double idf = term.getValue();
            double where = core.contains(t) ? 1 : body.contains(t) ? 0.5 : 0;
            inCore += where == 1 ? idf : 0;
            anywhere += where > 0 ? idf : 0;
            if (idf > rarestIdf) {
                rarestIdf = idf;
                rarest = where;
            }
        }
        return new Placement(inCore / idfSum, anywhere / idfSum, rarest);
    }

    /** 1/rank of the entry in one retriever's list, 0 when that retriever did not find it: do both sides agree? */
    private static double reciprocalRank(List<Scored> entries, String entryId) {
        for (int i = 0; i < entries.size(); i++) {
            if (entries.get(i).entryId().equals(entryId)) {
                return 1.0 / (i + 1);
            }
        }
        return 0;
    }

    /** An entry with its score and the passage that best represents it. */
    record Scored(String entryId, double score, int bestDoc) {
    }

    /**
     * One score per entry: the score of its best chunk, in descending order. The entry is represented by
     * its best-scoring passage (a section of its answer), not by a one-line unit such as an alias or key
     * point, since what is shown and quoted must read on its own; failing that, by its header chunk.
     */
    private List<Scored> collapse(List<Hit> hits) {
        var score = new LinkedHashMap<String, Double>();
        var passage = new HashMap<String, Integer>();
        for (Hit h : hits) {
            Chunk c = index.chunk(h.doc());
            score.merge(c.entryId(), (double) h.score(), Math::max);
            if (!c.standalone() && !c.kind().equals(Chunk.ENTRY_DOC)) {
                passage.putIfAbsent(c.entryId(), h.doc());
            }
        }
        var out = new ArrayList<Scored>(score.size());
        score.forEach((entry, s) -> {
            int doc = passage.getOrDefault(entry, index.firstChunk(entry));
            if (doc >= 0) { // an entry with a lexical document but no chunk (an empty summary) has nothing to show
                out.add(new Scored(entry, s, doc));
            }
        });
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

    private SearchResult toResult(Scored s) {
        Chunk c = index.chunk(s.bestDoc());
        return new SearchResult(c.entryId(), c.question(), c.section(), c.origin(), c.chunkId(), c.heading(), c.text(),
                ReportedScore.round(s.score()), c.url());
    }


    @Override
    public void close() {
        lexical.shutdownNow();
    }
}
