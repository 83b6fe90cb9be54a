package mltutor.cli;

import java.util.concurrent.Callable;
import mltutor.app.TutorApp;
import mltutor.tutor.Draft;
import mltutor.tutor.DraftRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code tutor draft}: the model answer to an interview question, shaped for saying it out loud. */
@Command(name = "draft", mixinStandardHelpOptions = true,
        description = "Draft a model interview answer: short answer first, then depth, an example, trade-offs.")
final class DraftCommand implements Callable<Integer> {
    @Mixin
    ConfigOptions options;

    @Spec
    CommandSpec spec;

    @Mixin
    QuestionOrId target;

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        try (TutorApp app = TutorApp.start(options.config(), false, System.err)) {
            Draft d = app.tutor().draft(new DraftRequest(target.question(), target.id));
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
