package mltutor.eval;

import java.util.List;

/**
 * One row of an evaluation set.
 *
 * @param expected the seed question that should come first, or null when the query is out of domain
 * @param alsoOk   other questions that count as a hit
 */
public record EvalQuery(String query, String expected, List<String> alsoOk) {
    public boolean outOfDomain() {
        return expected == null;
    }

    public boolean accepts(String question) {
        String q = question.strip();
        return q.equals(expected) || alsoOk.contains(q);
    }
}
