package mltutor.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import mltutor.app.TutorApp;
import mltutor.practice.Assessment;
import mltutor.practice.GraderCalibration;
import mltutor.tutor.InputLimits;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import mltutor.io.FileErrorMessage;

/** {@code tutor feedback}: grade an answer offline, or calibrate the grader on the corpus. */
@Command(name = "feedback", mixinStandardHelpOptions = true,
        description = "Grade an answer to a corpus entry offline (ID plus --answer or --answer-file), "
                + "or print the grader calibration (--calibrate).")
final class FeedbackCommand implements Callable<Integer> {
    @Mixin
    ConfigOptions options;

    @Parameters(paramLabel = "ID", arity = "0..1", description = "The entry id, e.g. kv-cache-why.")
    String id;

    @Option(names = "--answer", paramLabel = "TEXT", description = "The answer to grade.")
    String answer;

    @Option(names = "--answer-file", paramLabel = "FILE", description = "Read the answer from a file ('-' for stdin).")
    String answerFile;

    @Option(names = "--calibrate", description = "Print key-point similarity distributions and the threshold sweep.")
    boolean calibrate;

    @Override
    public Integer call() {
        if (!calibrate && id == null) {
            throw new IllegalArgumentException("give an entry ID and --answer TEXT (or --answer-file), or --calibrate");
        }
        String text = calibrate ? null : answerText();
        try (TutorApp app = TutorApp.start(options.config(), false, System.err)) {
            if (calibrate) {
                long start = System.nanoTime();
                var p = app.practice();
                var calibration = new GraderCalibration(app.corpus(), p.vectors(), p.background(), System.err);
                System.err.printf("embedded and graded in %.1f s%n", (System.nanoTime() - start) / 1e9);
                calibration.report(app.config().grading(), System.out);
                return 0;
            }
            var entry = app.corpus().entry(id).orElseThrow(() ->
                    new IllegalArgumentException("no entry with id '" + id + "' (see 'tutor search' or /api/questions)"));
            Assessment a = app.practice().grader().assess(entry, text);
            System.out.println("# " + entry.question() + "\n");
            System.out.println(a.feedback());
            System.out.println("**Follow-up:** " + a.followUp().question() + "  \n_" + a.followUp().rationale() + "_");
            return 0;
        }
    }

    private String answerText() {
        if ((answer == null) == (answerFile == null)) {
            throw new IllegalArgumentException("give the answer with exactly one of --answer or --answer-file");
        }
        String text;
        try {
            text = answer != null ? answer
                    : answerFile.equals("-") ? new String(System.in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
                    : Files.readString(Path.of(answerFile));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the answer from " + answerFile + ": " + FileErrorMessage.reason(e), e);
        }
        return InputLimits.answer(text, "the answer");
    }
}
