package mltutor.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import mltutor.app.TutorApp;
import mltutor.practice.FollowUp;
import mltutor.tutor.FollowUpRequest;
import mltutor.tutor.FollowUps;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import mltutor.io.FileErrorMessage;

/** {@code tutor followups}: what an interviewer would ask next, aimed at what the candidate's answer missed. */
@Command(name = "followups", mixinStandardHelpOptions = true,
        description = "Suggest an interviewer's follow-up questions, targeting what --answer missed when given.")
final class FollowUpsCommand implements Callable<Integer> {
    @Mixin
    ConfigOptions options;

    @Spec
    CommandSpec spec;

    @Mixin
    QuestionOrId target;

    @Option(names = "--answer", paramLabel = "TEXT", description = "The candidate's answer.")
    String answer;

    @Option(names = "--answer-file", paramLabel = "FILE", description = "Read the candidate's answer from a file ('-' for stdin).")
    Path answerFile;

    @Option(names = "-n", paramLabel = "N", description = "How many follow-ups, 1-10 (default: 3).")
    Integer n;

    @Override
    public Integer call() {
        if (answer != null && answerFile != null) {
            throw new IllegalArgumentException("give --answer or --answer-file, not both");
        }
        String candidate = answerFile == null ? answer : read(answerFile);
        var out = spec.commandLine().getOut();
        try (TutorApp app = TutorApp.start(options.config(), false, System.err)) {
            FollowUps f = app.tutor().followUps(new FollowUpRequest(target.question(), target.id, candidate, n));
            if (!f.inDomain()) {
                out.println("The tutor's notes do not cover this question, so it has no follow-ups for it.");
                return 0;
            }
            out.println("Follow-ups for: " + f.question() + " (" + f.id() + ")");
            out.println();
            int i = 1;
            for (FollowUp q : f.followUps()) {
                out.printf("%d. %s%n   _%s_%s%n", i++, q.question(), q.rationale(),
                        q.entryId() == null ? "" : " (see " + q.entryId() + ")");
            }
            if (!f.missedKeyPoints().isEmpty()) {
                out.println();
                out.println("Key points the answer missed:");
                f.missedKeyPoints().forEach(k -> out.println("- " + k));
            }
            new MarkdownPrinter(out).generator(f.generator(), f.fallbackReason());
            return 0;
        }
    }

    private static String read(Path file) {
        try {
            return file.toString().equals("-") ? new String(System.in.readAllBytes(), StandardCharsets.UTF_8)
                    : Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + FileErrorMessage.reason(e), e);
        }
    }
}
