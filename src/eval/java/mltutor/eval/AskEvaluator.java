package mltutor.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import mltutor.tutor.AskAnswer;

/**
 * Scores answers on an evaluation set: on in-domain rows, the share answered grounded whose first citation is
 * the expected entry (or an also-ok one); on NONE rows, the share refused (not grounded, marked out of domain).
 */
public final class AskEvaluator {
    private final List<EvalQuery> queries;

    public AskEvaluator(List<EvalQuery> queries) {
        this.queries = List.copyOf(queries);
    }

    /** The scores, with the rows that missed for reading. */
    public record Scores(int inDomain, int groundedOnExpected, int none, int refused, List<String> misses,
                         double medianMillis) {
        public double groundedShare() {
            return inDomain == 0 ? 0 : (double) groundedOnExpected / inDomain;
        }

        public double refusedShare() {
            return none == 0 ? 0 : (double) refused / none;
        }
    }

    public Scores score(Function<String, AskAnswer> ask) {
        int in = 0, ok = 0, none = 0, refused = 0;
        var misses = new ArrayList<String>();
        var millis = new ArrayList<Double>();
        for (EvalQuery q : queries) {
            long t0 = System.nanoTime();
            AskAnswer a = ask.apply(q.query());
            millis.add((System.nanoTime() - t0) / 1e6);
            String first = a.citations().isEmpty() ? "-" : a.citations().get(0).question();
            if (q.outOfDomain()) {
                none++;
                if (!a.grounded()) {
                    refused++;
                } else {
                    misses.add("NONE answered: " + q.query() + " -> " + first);
                }
                continue;
            }
            in++;
            if (a.grounded() && !a.citations().isEmpty() && q.accepts(first)) {
                ok++;
            } else {
                misses.add((a.inDomain() ? "wrong first citation" : "refused") + ": " + q.query()
                        + "\n    expected: " + q.expected() + "\n    cited:    " + first);
            }
        }
        millis.sort(Double::compare);
        double median = millis.isEmpty() ? 0 : millis.get(millis.size() / 2);
        return new Scores(in, ok, none, refused, misses, median);
    }
}
