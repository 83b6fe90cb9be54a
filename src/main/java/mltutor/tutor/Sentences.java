package mltutor.tutor;

import java.util.ArrayList;
import java.util.regex.Pattern;

/** Word counts and leading sentences of prose, for composing offline answers within a word budget. */
final class Sentences {
    private static final Pattern BOUNDARY = Pattern.compile("(?<=[.!?])(?<!e\\.g\\.)(?<!i\\.e\\.)(?<!vs\\.)\\s+(?=[A-Z0-9\"'(*$\\[])");

    private Sentences() {
    }

    static int words(String text) {
        String t = text.strip();
        return t.isEmpty() ? 0 : t.split("\\s+").length;
    }

    /** The leading sentences of a paragraph that fit in {@code maxWords} (at least one), joined by spaces. */
    static String lead(String paragraph, int maxWords) {
        var kept = new ArrayList<String>();
        int words = 0;
        for (String s : BOUNDARY.split(paragraph.strip())) {
            int w = words(s);
            if (!kept.isEmpty() && words + w > maxWords) {
                break;
            }
            kept.add(s.strip());
            words += w;
        }
        return String.join(" ", kept);
    }
}
