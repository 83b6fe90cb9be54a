package mltutor.text;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Content words of a text, lower-cased and lightly stemmed, for cheap lexical matching of passages to a query. */
public final class Terms {
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N}+#.-]*");
    private static final Set<String> STOP = Set.of(
            "a", "an", "and", "are", "as", "at", "be", "been", "but", "by", "can", "could", "did", "do", "does",
            "doing", "for", "from", "had", "has", "have", "how", "i", "if", "in", "into", "is", "it", "its", "me",
            "more", "most", "my", "no", "not", "of", "on", "or", "other", "our", "out", "over", "should", "so",
            "some", "such", "than", "that", "the", "their", "them", "then", "there", "these", "they", "this",
            "those", "to", "up", "use", "used", "using", "vs", "versus", "was", "we", "were", "what", "when",
            "where", "which", "while", "who", "why", "will", "with", "would", "you", "your", "about", "also",
            "between", "difference", "differ", "explain", "work", "works", "mean", "means", "tell", "describe",
            "much", "many", "one", "two", "only", "very", "just", "like", "get", "gets", "give", "gives", "make",
            "makes", "way", "ways", "thing", "things", "need", "needs", "happen", "happens", "change", "changes",
            "compare", "compared", "comparison", "better", "worse", "choose", "pick", "prefer", "best", "good", "bad",
            "example", "i'm", "want", "know", "understand", "help", "please", "am", "any", "all", "each", "both");

    private Terms() {
    }

    public static Set<String> of(String text) {
        var out = new LinkedHashSet<String>();
        Matcher m = WORD.matcher(text.toLowerCase(Locale.ROOT));
        while (m.find()) {
            String w = m.group();
            while (w.endsWith(".") || w.endsWith("-")) {
                w = w.substring(0, w.length() - 1);
            }
            if (w.isEmpty() || STOP.contains(w) || (w.length() < 2 && !Character.isDigit(w.charAt(0)))) {
                continue;
            }
            out.add(stem(w));
        }
        return out;
    }

    /** Plural and common suffixes only; "layers" and "layer", "scaling" and "scale" should meet. */
    public static String stem(String w) {
        if (w.length() > 5 && w.endsWith("ing")) {
            return w.substring(0, w.length() - 3);
        }
        if (w.length() > 4 && w.endsWith("ies")) {
            return w.substring(0, w.length() - 3) + "y";
        }
        if (w.length() > 4 && w.endsWith("es") && (w.endsWith("ches") || w.endsWith("shes") || w.endsWith("xes") || w.endsWith("sses"))) {
            return w.substring(0, w.length() - 2);
        }
        if (w.length() > 3 && w.endsWith("s") && !w.endsWith("ss") && !w.endsWith("us") && !w.endsWith("is")) {
            return w.substring(0, w.length() - 1);
        }
        if (w.length() > 4 && w.endsWith("ed")) {
            return w.substring(0, w.length() - 2);
        }
        if (w.length() > 4 && w.endsWith("e")) {
            return w.substring(0, w.length() - 1);
        }
        return w;
    }

    /** The share of {@code part}'s terms that occur in {@code whole}'s terms; 0 when {@code part} has none. */
    public static double recall(Set<String> part, Set<String> whole) {
        return part.isEmpty() ? 0 : (double) overlap(part, whole) / part.size();
    }

    /** How many of {@code query}'s terms occur in {@code text}'s terms. */
    public static int overlap(Set<String> query, Set<String> text) {
        int n = 0;
        for (String q : query) {
            if (text.contains(q)) {
                n++;
            }
        }
        return n;
    }
}
