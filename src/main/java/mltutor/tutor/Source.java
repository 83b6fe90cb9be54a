package mltutor.tutor;

import java.util.ArrayList;
import java.util.List;
import mltutor.llm.prompt.Passage;
import mltutor.retrieval.SearchResult;

/**
 * A passage given to a generator under a number; an answer cites it as [n].
 *
 * @param kind "entry" or "resource"
 */
public record Source(int n, String entryId, String question, String section, String heading, String kind, String text,
                     String url) {

    /** Search results as sources [1]..[k], each represented by its best-matching chunk. */
    public static List<Source> numbered(List<SearchResult> results) {
        var out = new ArrayList<Source>(results.size());
        for (SearchResult r : results) {
            out.add(new Source(out.size() + 1, r.entryId(), r.question(), r.section(), r.heading(),
                    "resource".equals(r.origin()) ? "resource" : "entry", r.text(), r.url()));
        }
        return out;
    }

    /** This source as a prompt shows it. */
    public Passage passage() {
        return new Passage(n, question, heading, "resource".equals(kind), text);
    }

    static List<Passage> passages(List<Source> sources) {
        return sources.stream().map(Source::passage).toList();
    }

    public Citation citation() {
        return new Citation(n, entryId, question, section, heading, url);
    }
}
