package mltutor.corpus;

import java.util.List;

/**
 * One part of a Markdown body: the heading above it (empty before the first heading) and its top-level
 * blocks (paragraphs, lists, tables, code, display math) as their source text.
 */
public record Section(String heading, List<String> blocks) {
    public Section {
        blocks = List.copyOf(blocks);
    }

    /** Whether the heading starts with {@code prefix}, ignoring case: "Example" matches "Example / math". */
    public boolean isNamed(String prefix) {
        return heading.regionMatches(true, 0, prefix, 0, prefix.length());
    }

    /**
     * The blocks as a reader should see them: prose hard-wrapped in the source re-flowed into one line;
     * lists, tables, code and display math keep their lines.
     */
    public List<String> readable() {
        return blocks.stream().map(b -> isPlainProse(b) ? b.replaceAll("\\s*\n\\s*", " ") : b).toList();
    }

    /** The readable blocks as one text. */
    public String text() {
        return String.join("\n\n", readable());
    }

    static boolean isPlainProse(String block) {
        return block.lines().noneMatch(l -> l.matches("^\\s*([-*+]|\\d+[.)]|\\||```|\\$\\$|>|#).*"));
    }
}
