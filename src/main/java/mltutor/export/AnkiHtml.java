package mltutor.export;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.commonmark.node.Image;
import org.commonmark.node.Node;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.NodeRenderer;
import org.commonmark.renderer.html.HtmlNodeRendererContext;
import org.commonmark.renderer.html.HtmlRenderer;

/**
 * Corpus Markdown as the HTML of an Anki field. Formulas are cut out before Markdown runs (so their underscores
 * and asterisks are not read as emphasis) with the same rules as the web page, and put back in the delimiters
 * Anki's MathJax reads: {@code \(...\)} inline, {@code \[...\]} display. Raw HTML in the source is escaped,
 * images become their alt text, so a card loads nothing from outside.
 */
final class AnkiHtml {
    /** {@code $$..$$}, {@code \(..\)}, {@code \[..\]}, and {@code $..$} not touching a word or another dollar. */
    private static final Pattern MATH = Pattern.compile("\\$\\$([\\s\\S]+?)\\$\\$|\\\\\\(([\\s\\S]+?)\\\\\\)"
            + "|\\\\\\[([\\s\\S]+?)\\\\\\]|(?<![\\\\$\\w])\\$(?!\\s)((?:\\\\\\$|[^$\\n])+?)(?<!\\s)\\$(?![\\w$])");
    /** Code keeps its dollar signs. */
    private static final Pattern CODE = Pattern.compile("```[\\s\\S]*?```|`[^`\\n]*`");
    /** Private-use characters: they never occur in the corpus, and Markdown leaves them alone. */
    private static final Pattern PLACEHOLDER = Pattern.compile("\uE000(\\d+)\uE001");

    private static final Parser MARKDOWN = Parser.builder().build();
    private static final HtmlRenderer HTML = HtmlRenderer.builder()
            .escapeHtml(true)
            .sanitizeUrls(true)
            .nodeRendererFactory(AltTextForImages::new)
            .build();

    private AnkiHtml() {
    }

    /** Markdown blocks as HTML. */
    static String blocks(String markdown) {
        var formulas = new ArrayList<String>();
        String html = HTML.render(MARKDOWN.parse(protect(markdown, formulas))).strip();
        return restore(html, formulas);
    }

    /** One line of Markdown (a question, a key point) as inline HTML, without the paragraph around it. */
    static String inline(String markdown) {
        String html = blocks(markdown);
        if (html.startsWith("<p>") && html.endsWith("</p>") && html.indexOf("<p>", 3) < 0) {
            return html.substring(3, html.length() - 4);
        }
        return html;
    }

    /** Plain text with the formulas in MathJax delimiters and no Markdown: the field Anki sorts and checks by. */
    static String plain(String markdown) {
        var out = new StringBuilder();
        int last = 0;
        Matcher m = MATH.matcher(markdown);
        while (m.find()) {
            out.append(markdown, last, m.start()).append(delimited(m));
            last = m.end();
        }
        return out.append(markdown.substring(last)).toString().strip();
    }

    static String escape(String text) {
        var sb = new StringBuilder(text.length() + 16);
        for (char c : text.toCharArray()) {
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    private static String protect(String markdown, List<String> formulas) {
        var out = new StringBuilder();
        int last = 0;
        Matcher code = CODE.matcher(markdown);
        while (code.find()) {
            out.append(protectMath(markdown.substring(last, code.start()), formulas)).append(code.group());
            last = code.end();
        }
        return out.append(protectMath(markdown.substring(last), formulas)).toString();
    }

    private static String protectMath(String text, List<String> formulas) {
        Matcher m = MATH.matcher(text);
        var out = new StringBuilder();
        while (m.find()) {
            formulas.add(escape(delimited(m)));
            m.appendReplacement(out, "\uE000" + (formulas.size() - 1) + "\uE001");
        }
        m.appendTail(out);
        return out.toString();
    }

    /** The formula of a match in Anki's MathJax delimiters. */
    private static String delimited(Matcher m) {
        boolean display = m.group(1) != null || m.group(3) != null;
        String tex = m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2)
                : m.group(3) != null ? m.group(3) : m.group(4);
        return display ? "\\[" + tex.strip() + "\\]" : "\\(" + tex + "\\)";
    }

    private static String restore(String html, List<String> formulas) {
        return PLACEHOLDER.matcher(html).replaceAll(m -> Matcher.quoteReplacement(formulas.get(Integer.parseInt(m.group(1)))));
    }

    /** Renders an image as its alt text: an Anki card should not fetch anything from the network. */
    private static final class AltTextForImages implements NodeRenderer {
        private final HtmlNodeRendererContext context;

        AltTextForImages(HtmlNodeRendererContext context) {
            this.context = context;
        }

        @Override
        public Set<Class<? extends Node>> getNodeTypes() {
            return Set.of(Image.class);
        }

        @Override
        public void render(Node node) {
            var alt = new StringBuilder();
            collectText(node, alt);
            context.getWriter().text(alt.toString());
        }

        private static void collectText(Node node, StringBuilder sb) {
            for (Node c = node.getFirstChild(); c != null; c = c.getNext()) {
                if (c instanceof Text t) {
                    sb.append(t.getLiteral());
                } else {
                    collectText(c, sb);
                }
            }
        }
    }
}
