package mltutor.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import mltutor.retrieval.Fusion;
import mltutor.retrieval.Ranking;
import mltutor.retrieval.Retriever;
import mltutor.retrieval.SearchMode;
import mltutor.retrieval.SearchResponse;
import mltutor.retrieval.SearchResult;

/** Scores retrieval on an evaluation set: hit@k and MRR on in-domain rows, in-domain detection on all rows. */
public final class RetrievalEvaluator {
    /** Ranks up to this depth count towards MRR. */
    static final int DEPTH = 10;

    private final List<EvalQuery> queries;

    public RetrievalEvaluator(List<EvalQuery> queries) {
        this.queries = List.copyOf(queries);
    }

    public RetrievalScores score(Retriever retriever, SearchMode mode, Fusion fusion) {
        String label = mode == SearchMode.HYBRID ? "hybrid " + fusion : mode.id();
        return score(label, (q, k) -> retriever.search(q, k, mode, fusion));
    }

    public RetrievalScores score(Retriever retriever, SearchMode mode, Ranking ranking) {
        return score(ranking.toString(), (q, k) -> retriever.search(q, k, mode, ranking));
    }

    /** Scores any search function; the benchmark uses this for the in-memory baseline too. */
    public RetrievalScores score(String label, BiFunction<String, Integer, SearchResponse> search) {
        int inDomain = 0, none = 0, h1 = 0, h3 = 0, h5 = 0, noneOk = 0, kept = 0;
        double rr = 0;
        for (EvalQuery q : queries) {
            SearchResponse r = search.apply(q.query(), DEPTH);
            if (q.outOfDomain()) {
                none++;
                noneOk += r.answerable() ? 0 : 1;
                continue;
            }
            inDomain++;
            kept += r.answerable() ? 1 : 0;
            int rank = rankOfHit(q, r.results());
            h1 += rank == 1 ? 1 : 0;
            h3 += rank >= 1 && rank <= 3 ? 1 : 0;
            h5 += rank >= 1 && rank <= 5 ? 1 : 0;
            rr += rank >= 1 ? 1.0 / rank : 0;
        }
        return new RetrievalScores(label, queries.size(), ratio(h1, inDomain), ratio(h3, inDomain), ratio(h5, inDomain),
                inDomain == 0 ? 0 : rr / inDomain, ratio(noneOk, none), ratio(kept, inDomain));
    }

    /** In-domain rows whose expected question is not first, for reading what went wrong. */
    public List<String> misses(Retriever retriever, SearchMode mode) {
        var out = new ArrayList<String>();
        for (EvalQuery q : queries) {
            SearchResponse r = retriever.search(q.query(), DEPTH, mode);
            if (q.outOfDomain()) {
                if (r.answerable()) {
                    out.add(String.format("NONE answered (score %.3f): %s -> %s", r.confidence(), q.query(),
                            r.results().isEmpty() ? "-" : r.results().get(0).question()));
                }
                continue;
            }
            int rank = rankOfHit(q, r.results());
            if (rank != 1 || !r.answerable()) {
                out.add(String.format("rank %s%s: %s%n    expected: %s%n    got:      %s", rank < 1 ? ">" + DEPTH : rank,
                        r.answerable() ? "" : String.format(" (flagged %s, score %.3f)", r.answerability().id(), r.confidence()),
                        q.query(), q.expected(), r.results().isEmpty() ? "-" : r.results().get(0).question()));
            }
        }
        return out;
    }

    /** The similarity to the nearest chunk for each query, split by whether the query is in domain. */
    public record Similarities(List<Double> inDomain, List<Double> outOfDomain) {
    }

    public Similarities similarities(Retriever retriever) {
        var in = new ArrayList<Double>();
        var out = new ArrayList<Double>();
        for (EvalQuery q : queries) {
            double s = retriever.search(q.query(), 1, SearchMode.VECTOR).domainMargin();
            (q.outOfDomain() ? out : in).add(s);
        }
        return new Similarities(in, out);
    }

    private static int rankOfHit(EvalQuery q, List<SearchResult> results) {
        for (int i = 0; i < results.size(); i++) {
            if (q.accepts(results.get(i).question())) {
                return i + 1;
            }
        }
        return -1;
    }

    private static double ratio(int a, int b) {
        return b == 0 ? 0 : (double) a / b;
    }
}
