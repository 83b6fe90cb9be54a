package mltutor.cli;

import java.io.PrintWriter;
import java.util.List;
import mltutor.tutor.Citation;
import mltutor.tutor.RelatedQuestion;

/** Prints the parts generation commands share: sources, related questions, and who generated the text. */
final class MarkdownPrinter {
    private final PrintWriter out;

    MarkdownPrinter(PrintWriter out) {
        this.out = out;
    }

    void sources(List<Citation> citations) {
        if (citations.isEmpty()) {
            return;
        }
        out.println();
        out.println("Sources:");
        for (Citation c : citations) {
            out.printf("[%d] %s (%s%s)%s%n", c.n(), c.question(), c.entryId(),
                    c.heading() == null || c.heading().isEmpty() ? "" : ", " + c.heading(),
                    c.url() == null ? "" : " " + c.url());
        }
    }

    void related(List<RelatedQuestion> related) {
        if (related.isEmpty()) {
            return;
        }
        out.println();
        out.println("Related:");
        related.forEach(r -> out.printf("- %s (%s)%n", r.question(), r.id()));
    }

    void generator(String generator, String fallbackReason) {
        out.println();
        out.println("_generator: " + generator + (fallbackReason == null ? "" : " (fallback: " + fallbackReason + ")") + "_");
    }
}
