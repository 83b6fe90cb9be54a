package mltutor.tutor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import mltutor.corpus.Entry;

/**
 * An entry's model answer split at its {@code ## } headings ("Short answer", "Explanation", "Example / math",
 * "Trade-offs and pitfalls", "In the interview"), each section as a list of Markdown blocks (paragraphs,
 * lists, tables, code), so generators can quote whole blocks instead of cutting through a list or formula.
 */
public record EntrySections(Map<String, List<String>> sections) {
    public static final String SHORT_ANSWER = "Short answer";
    public static final String EXPLANATION = "Explanation";
    public static final String EXAMPLE = "Example";
    public static final String TRADE_OFFS = "Trade-offs";
    public static final String INTERVIEW = "In the interview";

    public static EntrySections of(Entry e) {
        var sections = new LinkedHashMap<String, List<String>>();
        String heading = "";
        var blocks = new ArrayList<String>();
        var block = new StringBuilder();
        boolean fenced = false;
        for (String line : e.body().split("\n", -1)) {
            if (line.strip().startsWith("```")) {
                fenced = !fenced;
            }
            if (!fenced && line.startsWith("## ")) {
                flush(block, blocks);
                if (!blocks.isEmpty()) {
                    sections.put(heading, List.copyOf(blocks));
                }
                heading = line.substring(3).strip();
                blocks = new ArrayList<>();
            } else if (!fenced && line.isBlank()) {
                flush(block, blocks);
            } else {
                block.append(block.isEmpty() ? "" : "\n").append(line);
            }
        }
        flush(block, blocks);
        if (!blocks.isEmpty()) {
            sections.put(heading, List.copyOf(blocks));
        }
        return new EntrySections(sections);
    }

    private static void flush(StringBuilder block, List<String> blocks) {
        String text = block.toString().strip();
        if (!text.isEmpty()) {
            blocks.add(isPlainProse(text) ? text.replaceAll("\\s*\n\\s*", " ") : text);
        }
        block.setLength(0);
    }

    /** Prose hard-wrapped in the source reads better re-flowed; lists, tables, code and display math keep their lines. */
    static boolean isPlainProse(String block) {
        return block.lines().noneMatch(l -> l.matches("^\\s*([-*+]|\\d+[.)]|\\||```|\\$\\$|>|#).*"));
    }

    /** The blocks of the first section whose heading starts with {@code prefix} (case-insensitive), or none. */
    public List<String> section(String prefix) {
        String p = prefix.toLowerCase(Locale.ROOT);
        return sections.entrySet().stream()
                .filter(s -> s.getKey().toLowerCase(Locale.ROOT).startsWith(p))
                .map(Map.Entry::getValue)
                .findFirst().orElse(List.of());
    }

    /** The short answer as one paragraph; every entry has one (the corpus checks require it). */
    public String shortAnswer() {
        return String.join("\n\n", section(SHORT_ANSWER));
    }

    /** Section headings in order, with their blocks. */
    public Map<String, List<String>> all() {
        return sections;
    }
}
