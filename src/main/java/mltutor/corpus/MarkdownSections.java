package mltutor.corpus;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.commonmark.node.Heading;
import org.commonmark.node.Node;
import org.commonmark.node.SourceSpan;
import org.commonmark.node.Text;
import org.commonmark.parser.IncludeSourceSpans;
import org.commonmark.parser.Parser;

/**
 * The one Markdown parse of an entry or resource body: top-level blocks grouped under the nearest heading
 * above them (levels 1-3), each block kept as its source lines so lists, tables and formulas stay intact.
 */
public final class MarkdownSections {
    private static final Parser MARKDOWN = Parser.builder().includeSourceSpans(IncludeSourceSpans.BLOCKS).build();

    private MarkdownSections() {
    }

    public static List<Section> parse(String body) {
        String[] lines = body.split("\n", -1);
        var sections = new ArrayList<Section>();
        String heading = "";
        var blocks = new ArrayList<String>();
        for (Node n = MARKDOWN.parse(body).getFirstChild(); n != null; n = n.getNext()) {
            if (n instanceof Heading h && h.getLevel() <= 3) {
                if (!blocks.isEmpty()) {
                    sections.add(new Section(heading, blocks));
                }
                heading = plainText(h);
                blocks = new ArrayList<>();
            } else {
                String source = source(n, lines);
                if (!source.isBlank()) {
                    blocks.add(source);
                }
            }
        }
        if (!blocks.isEmpty()) {
            sections.add(new Section(heading, blocks));
        }
        return List.copyOf(sections);
    }

    private static String plainText(Node node) {
        var sb = new StringBuilder();
        for (Node c = node.getFirstChild(); c != null; c = c.getNext()) {
            sb.append(c instanceof Text t ? t.getLiteral() : plainText(c));
        }
        return sb.toString().strip();
    }

    private static String source(Node n, String[] lines) {
        List<SourceSpan> spans = n.getSourceSpans();
        if (spans.isEmpty()) {
            return "";
        }
        int first = spans.get(0).getLineIndex();
        int last = spans.get(spans.size() - 1).getLineIndex();
        return String.join("\n", Arrays.copyOfRange(lines, first, last + 1)).strip();
    }
}
