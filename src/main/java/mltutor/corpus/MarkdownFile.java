package mltutor.corpus;

import java.util.Optional;

/** A Markdown file split into its YAML front matter and its body. */
record MarkdownFile(String frontMatter, String body) {

    /** Splits text that starts with a {@code ---} line and has a closing {@code ---} line; empty if it has none. */
    static Optional<MarkdownFile> split(String text) {
        String t = text.replace("\r\n", "\n");
        if (t.startsWith("\uFEFF")) {
            t = t.substring(1);
        }
        if (!t.startsWith("---\n")) {
            return Optional.empty();
        }
        int end = t.indexOf("\n---\n", 3);
        int endAtEof = t.endsWith("\n---") ? t.length() - 4 : -1;
        if (end < 0 && endAtEof < 0) {
            return Optional.empty();
        }
        if (end < 0) {
            return Optional.of(new MarkdownFile(t.substring(4, endAtEof), ""));
        }
        return Optional.of(new MarkdownFile(t.substring(4, end), t.substring(end + 5)));
    }
}
