package mltutor.corpus;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.BulletList;
import org.commonmark.node.Heading;
import org.commonmark.node.Link;
import org.commonmark.node.ListItem;
import org.commonmark.node.Node;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;
import mltutor.io.FileErrorMessage;

/**
 * The user's question list, parsed from its Markdown: questions under their {@code ##} section, and the
 * links of the "Learning Resources" section, which ends the list.
 */
public record SeedList(List<Question> questions, List<String> resourceUrls) {
    /** A question of the list and the section it is listed under. */
    public record Question(String section, String text) {
    }

    private static final String RESOURCES_SECTION = "Learning Resources";

    public static SeedList read(Path file) {
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the question list " + file + ": " + FileErrorMessage.reason(e), e);
        }
    }

    public static SeedList parse(String markdown) {
        var questions = new ArrayList<Question>();
        var urls = new ArrayList<String>();
        String section = null;
        for (Node n = Parser.builder().build().parse(markdown).getFirstChild(); n != null; n = n.getNext()) {
            if (n instanceof Heading h && h.getLevel() == 2) {
                if (RESOURCES_SECTION.equals(section)) {
                    break;
                }
                section = text(h);
            } else if (RESOURCES_SECTION.equals(section)) {
                n.accept(new AbstractVisitor() {
                    @Override
                    public void visit(Link link) {
                        urls.add(link.getDestination());
                    }
                });
            } else if (section != null && n instanceof BulletList list) {
                for (Node item = list.getFirstChild(); item != null; item = item.getNext()) {
                    if (item instanceof ListItem) {
                        questions.add(new Question(section, text(item)));
                    }
                }
            }
        }
        return new SeedList(List.copyOf(questions), List.copyOf(urls));
    }

    private static String text(Node node) {
        var sb = new StringBuilder();
        node.accept(new AbstractVisitor() {
            @Override
            public void visit(Text t) {
                sb.append(t.getLiteral());
            }
        });
        return sb.toString().strip();
    }
}
