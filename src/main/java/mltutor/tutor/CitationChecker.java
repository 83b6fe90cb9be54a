package mltutor.tutor;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks the [n] citations in generated text against the sources that were actually given. Citations to
 * other numbers are removed (a model that cites [7] of five sources is inventing) and counted; the sources
 * that remain cited are the answer's citations, and an answer with none is not grounded.
 */
public final class CitationChecker {
    /** [3], [1, 2], [1;2]; not [^1] footnotes or [text](links). */
    private static final Pattern CITATION = Pattern.compile("\\s?\\[(\\s*\\d{1,4}\\s*(?:[,;]\\s*\\d{1,4}\\s*)*)](?!\\()");

    /** The cleaned text, the source numbers it cites (ascending) and how many citations were removed. */
    public record Checked(String text, List<Integer> cited, int removed) {
        public boolean grounded() {
            return !cited.isEmpty();
        }
    }

    public Checked check(String text, Set<Integer> given) {
        var cited = new TreeSet<Integer>();
        int removed = 0;
        Matcher m = CITATION.matcher(text);
        var out = new StringBuilder();
        while (m.find()) {
            var valid = new ArrayList<Integer>();
            for (String part : m.group(1).split("[,;]")) {
                int n = Integer.parseInt(part.strip());
                if (given.contains(n)) {
                    if (!valid.contains(n)) {
                        valid.add(n);
                    }
                } else {
                    removed++;
                }
            }
            cited.addAll(valid);
            String leading = m.group().startsWith("[") ? "" : m.group().substring(0, 1);
            String replacement = valid.isEmpty() ? "" : leading + "[" + String.join(", ", valid.stream().map(String::valueOf).toList()) + "]";
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        String cleaned = removed == 0 ? out.toString() : tidy(out.toString());
        return new Checked(cleaned, List.copyOf(cited), removed);
    }

    /** Removing a citation can leave "word ." or doubled spaces behind. */
    private static String tidy(String s) {
        return s.replaceAll("[ \\t]+([.,;:!?])", "$1").replaceAll("[ \\t]{2,}", " ");
    }
}
