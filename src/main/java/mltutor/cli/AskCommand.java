package mltutor.cli;

import java.util.concurrent.Callable;
import mltutor.app.TutorApp;
import mltutor.tutor.AskAnswer;
import mltutor.tutor.AskRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code tutor ask}: a grounded explanation with its sources, as Markdown. */
@Command(name = "ask", mixinStandardHelpOptions = true,
        description = "Answer an ML question from the corpus, with [n] citations (offline unless an LLM is configured).")
final class AskCommand implements Callable<Integer> {
    @Mixin
    ConfigOptions options;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "TEXT", arity = "1..*", description = "The question.")
    String[] words;

    @Option(names = "-k", paramLabel = "N", description = "Entries to retrieve as sources, 1-10 (default: 5).")
    Integer k;

    @Option(names = "--stream", description = "Print the answer as it is generated.")
    boolean stream;

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        var req = new AskRequest(String.join(" ", words), null, k);
        try (TutorApp app = TutorApp.start(options.config(), false, System.err)) {
            AskAnswer a;
            if (stream) {
                a = app.tutor().ask(req, token -> {
                    out.print(token);
                    out.flush();
                });
                out.println();
            } else {
                a = app.tutor().ask(req);
                out.println(a.answer());
            }
            var md = new MarkdownPrinter(out);
            md.sources(a.citations());
            md.related(a.related());
            md.generator(a.generator(), a.fallbackReason());
            return 0;
        }
    }
}
