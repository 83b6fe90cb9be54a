package mltutor.cli;

import java.util.concurrent.Callable;
import mltutor.app.TutorApp;
import mltutor.tutor.Draft;
import mltutor.tutor.DraftRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tutor draft}: the model answer to an interview question, shaped for saying it out loud. */
@Command(name = "draft", mixinStandardHelpOptions = true,
        description = "Draft a model interview answer: short answer first, then depth, an example, trade-offs.")
final class DraftCommand implements Callable<Integer> {
    @Mixin
    ConfigOptions options;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "TEXT", arity = "0..*", description = "The interview question (or use --id).")
    String[] words;

    @Option(names = "--id", paramLabel = "ID", description = "A corpus entry id, e.g. kv-cache-why.")
    String id;

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        String question = words == null ? null : String.join(" ", words);
        try (TutorApp app = TutorApp.start(options.config(), false, System.err)) {
            Draft d = app.tutor().draft(new DraftRequest(question, id));
            if (d.id() != null) {
                out.println("## " + d.question());
                out.println();
            }
            out.println(d.draft());
            var md = new MarkdownPrinter(out);
            md.sources(d.citations());
            md.generator(d.generator(), d.fallbackReason());
            return 0;
        }
    }
}
