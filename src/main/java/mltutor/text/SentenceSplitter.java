package mltutor.text;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The one sentence splitter. {@link #split} cuts an answer (plain text or Markdown) into sentences for grading:
 * headings, list markers and emphasis are dropped; math stays, since key points often name the same formula.
 * {@link #sentences} and {@link #lead} cut prose that is quoted or packed as it is.
 */
public final class SentenceSplitter {
    /** A sentence ends at . ! ? followed by space and something that can start a sentence. */
    private static final Pattern BOUNDARY = Pattern.compile("(?<=[.!?])[\"')\\]]*\\s+(?=[A-Z0-9$(\"'*`\\[])");
    private static final Pattern ABBREVIATION = Pattern.compile(
            "(?i)(?:\\b(?:e\\.g|i\\.e|vs|etc|cf|approx|fig|eq|al|resp|no|dr|mr|ms)\\.|\\b[A-Z]\\.)$");
    private static final Pattern LIST_MARKER = Pattern.compile("^\\s*(?:[-*+]|\\d+[.)])\\s+");
    private static final Pattern EMPHASIS = Pattern.compile("\\*\\*|__|(?<![\\w$])[*_](?=\\S)|(?<=\\S)[*_](?![\\w$])");
    private static final int MIN_WORDS = 3;
    private static final Pattern HEADING = Pattern.compile("^#{1,6}\\s+");
    /** A "heading" longer than this is text that happens to start with '#', e.g. a pasted one-line answer. */
    private static final int MAX_HEADING_WORDS = 10;

    private SentenceSplitter() {
    }

    public static List<String> split(String text) {
        var out = new ArrayList<String>();
        boolean inCode = false;
        var paragraph = new StringBuilder();
        for (String raw : text.replace("\r", "").split("\n")) {
            String line = raw.strip();
            if (line.startsWith("```")) {
                inCode = !inCode;
                flush(paragraph, out);
                continue;
            }
            if (inCode) {
                // Code lines are kept whole: each is its own statement.
                addSentence(line, out);
                continue;
            }
            if (HEADING.matcher(line).find() && words(line) > MAX_HEADING_WORDS) {
                line = HEADING.matcher(line).replaceFirst("");
            }
            if (line.isEmpty() || line.startsWith("#") || line.startsWith("|---") || LIST_MARKER.matcher(line).find()
                    || line.startsWith(">")) {
                flush(paragraph, out);
                if (line.startsWith("#") || line.isEmpty() || line.startsWith("|---")) {
                    continue;
                }
                line = LIST_MARKER.matcher(line).replaceFirst("");
                line = line.startsWith(">") ? line.substring(1).strip() : line;
            }
            if (!paragraph.isEmpty()) {
                paragraph.append(' ');
            }
            paragraph.append(line);
        }
        flush(paragraph, out);
        return mergeFragments(out);
    }

    private static void flush(StringBuilder paragraph, List<String> out) {
        if (paragraph.isEmpty()) {
            return;
        }
        String text = EMPHASIS.matcher(paragraph.toString()).replaceAll("").replace('|', ' ').replace('`', ' ');
        paragraph.setLength(0);
        sentences(text).forEach(sentence -> addSentence(sentence, out));
    }

    /**
     * One paragraph of prose cut at its sentence boundaries, the text left as it is (no Markdown cleaning,
     * no merging of short pieces): for quoting and for packing text into a budget.
     */
    public static List<String> sentences(String prose) {
        var out = new ArrayList<String>();
        var pending = new StringBuilder();
        int start = 0;
        var m = BOUNDARY.matcher(prose);
        while (m.find()) {
            String piece = prose.substring(start, m.start());
            pending.append(piece);
            start = m.end();
            if (ABBREVIATION.matcher(piece).find()) {
                pending.append(' ');
                continue;
            }
            add(pending.toString(), out);
            pending.setLength(0);
        }
        pending.append(prose.substring(start));
        add(pending.toString(), out);
        return out;
    }

    private static void add(String sentence, List<String> out) {
        if (!sentence.isBlank()) {
            out.add(sentence.strip());
        }
    }

    /** The leading sentences of a paragraph that fit in {@code maxWords} (at least one), joined by spaces. */
    public static String lead(String paragraph, int maxWords) {
        var kept = new ArrayList<String>();
        int total = 0;
        for (String s : sentences(paragraph.strip())) {
            int w = words(s);
            if (!kept.isEmpty() && total + w > maxWords) {
                break;
            }
            kept.add(s);
            total += w;
        }
        return String.join(" ", kept);
    }

    private static void addSentence(String s, List<String> out) {
        String t = s.replaceAll("\\s+", " ").strip();
        if (!t.isEmpty()) {
            out.add(t);
        }
    }

    /** Very short pieces ("Yes.", "O(n)") carry little meaning alone: attach them to the sentence before. */
    private static List<String> mergeFragments(List<String> sentences) {
        var out = new ArrayList<String>();
        for (String s : sentences) {
            if (words(s) < MIN_WORDS && !out.isEmpty()) {
                out.set(out.size() - 1, out.get(out.size() - 1) + " " + s);
            } else {
                out.add(s);
            }
        }
        if (out.size() > 1 && words(out.get(0)) < MIN_WORDS) {
            out.set(1, out.get(0) + " " + out.get(1));
            out.remove(0);
        }
        return out;
    }

    /** The number of whitespace-separated words. */
    public static int words(String text) {
        String t = text.strip();
        return t.isEmpty() ? 0 : t.split("\\s+").length;
    }
}
