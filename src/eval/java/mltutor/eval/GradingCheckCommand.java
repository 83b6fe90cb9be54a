package mltutor.eval;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import mltutor.app.TutorApp;
import mltutor.cli.ConfigOptions;
import mltutor.practice.ContradictionRules;
import mltutor.practice.KeyPointGrader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code tutor grading-check FILE}: how honestly the offline grader scores answers whose right grade is known. */
@Command(name = "grading-check", mixinStandardHelpOptions = true,
        description = "Grade a set of correct and reversed answers (YAML, see src/test/resources/grading) offline: "
                + "score distributions, covered/missing/wrong confusion, contradiction-rule recall and false alarms.")
final class GradingCheckCommand implements Callable<Integer> {
    @Mixin
    ConfigOptions options;

    @Parameters(paramLabel = "FILE", description = "The graded-answer set, e.g. src/test/resources/grading/graded-answers.yaml.")
    Path file;

    @Option(names = "--per-entry", description = "Also print each entry's two scores.")
    boolean perEntry;

    @Option(names = "--false-alarms", description = "Also list the correct statements the contradiction rules flag.")
    boolean falseAlarms;

    @Option(names = "--missed", description = "Also list the wrong statements the contradiction rules miss.")
    boolean missed;

    @Override
    public Integer call() {
        try (TutorApp app = TutorApp.start(options.config(), false, System.err)) {
            GradedAnswerSet set = GradedAnswerSet.read(file, app.corpus());
            var rules = ContradictionRules.load();
            var coverage = new KeyPointGrader(app.practice().vectors(), app.practice().background(),
                    app.config().grading(), rules);
            var check = new GradingCheck(app.corpus(), coverage, rules);
            GradingCheck.Result result = check.run(set);
            if (perEntry) {
                result.scores().forEach(s -> System.out.printf("%-36s own %3d correct %3d %-9s wrong %3d %s%s%n", s.entry(), s.own(),
                        s.correct(), s.correctVerdicts(), s.wrong(), s.wrongVerdicts(),
                        s.uncredited().stream().map(u -> "\n    " + u).collect(java.util.stream.Collectors.joining())));
            }
            GradingCheck.print(result, System.out);
            if (falseAlarms) {
                System.out.println("\ncorrect statements flagged:");
                result.rules().flaggedCorrect().forEach(System.out::println);
            }
            if (missed) {
                System.out.println("\nwrong statements not flagged:");
                result.rules().unflaggedWrong().forEach(System.out::println);
            }
        }
        return 0;
    }
}
