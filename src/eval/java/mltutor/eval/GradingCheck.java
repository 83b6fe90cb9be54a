package mltutor.eval;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import mltutor.corpus.Corpus;
import mltutor.corpus.Entry;
import mltutor.practice.ContradictionRules;
import mltutor.practice.KeyPointGrader;
import mltutor.practice.KeyPointGrader.Verdict;

/**
 * Grades a {@link GradedAnswerSet} and measures how honest the grader is: scores of correct and of reversed
 * answers, the gap between them, the confusion between covered, missing and wrong per key point, and the
 * contradiction rules' recall and false alarms per statement.
 */
public final class GradingCheck {
    /** A score at or below which a wrong answer counts as caught. */
    static final int WRONG_BOUND = 40;
    /** A correct answer at or above this is graded as an interviewer would. */
    static final int CORRECT_BOUND = 70;
    /** A gap at least this wide separates an entry's correct and wrong answers. */
    static final int GAP_BOUND = 20;

    /** Per-statement results of the rules alone: statements of each kind, and how many were flagged. */
    public record RuleCounts(int correct, int correctFlagged, int wrong, int wrongFlagged,
                             Map<ContradictionRules.Kind, Integer> byKind, List<String> flaggedCorrect,
                             List<String> unflaggedWrong) {
        public double recall() {
            return wrong == 0 ? 0 : (double) wrongFlagged / wrong;
        }

        public double falseAlarmRate() {
            return correct == 0 ? 0 : (double) correctFlagged / correct;
        }

        public double precision() {
            int flagged = wrongFlagged + correctFlagged;
            return flagged == 0 ? 0 : (double) wrongFlagged / flagged;
        }
    }

    /** Scores of one entry's two answers, and of its own model answer. */
    public record Scores(String entry, int own, int correct, int wrong, String correctVerdicts, String wrongVerdicts,
                         List<String> uncredited) {
        int gap() {
            return correct - wrong;
        }
    }

    /**
     * The result over the set.
     *
     * @param confusion expected verdict (from the labels) x the grader's verdict, counted over key points
     */
    public record Result(List<Scores> scores, long[][] confusion, RuleCounts rules) {
        /** The share of the entries' own model answers scoring at least {@link #CORRECT_BOUND}. */
        public double ownHigh() {
            return share(s -> s.own() >= CORRECT_BOUND);
        }

        public double wrongCaught() {
            return share(s -> s.wrong() <= WRONG_BOUND);
        }

        public double gapWide() {
            return share(s -> s.gap() >= GAP_BOUND);
        }

        public double correctHigh() {
            return share(s -> s.correct() >= CORRECT_BOUND);
        }

        public double meanGap() {
            return scores.stream().mapToInt(Scores::gap).average().orElse(0);
        }

        /** Of the key points a correct answer really covers, the share the grader credits as covered. */
        public double coveredCredited() {
            long[] row = confusion[Verdict.COVERED.ordinal()];
            long all = row[0] + row[1] + row[2];
            return all == 0 ? 0 : (double) row[Verdict.COVERED.ordinal()] / all;
        }

        private double share(java.util.function.Predicate<Scores> p) {
            return scores.isEmpty() ? 0 : (double) scores.stream().filter(p).count() / scores.size();
        }
    }

    private final Corpus corpus;
    private final KeyPointGrader coverage;
    private final ContradictionRules rules;

    /** {@code coverage} is the offline grader's judgement; its score is the one {@code /api/feedback} gives. */
    public GradingCheck(Corpus corpus, KeyPointGrader coverage, ContradictionRules rules) {
        this.corpus = corpus;
        this.coverage = coverage;
        this.rules = rules;
    }

    public Result run(GradedAnswerSet set) {
        var scores = new ArrayList<Scores>();
        long[][] confusion = new long[3][3];
        int correct = 0;
        int correctFlagged = 0;
        int wrong = 0;
        int wrongFlagged = 0;
        Map<ContradictionRules.Kind, Integer> byKind = new EnumMap<>(ContradictionRules.Kind.class);
        var falseAlarms = new ArrayList<String>();
        var unflagged = new ArrayList<String>();
        for (GradedAnswerSet.Item item : set.items()) {
            Entry e = corpus.entry(item.entry()).orElseThrow();
            String reference = ContradictionRules.reference(e);
            KeyPointGrader.Coverage right = coverage.grade(e, item.answer(true));
            KeyPointGrader.Coverage reversed = coverage.grade(e, item.answer(false));
            scores.add(new Scores(e.id(), coverage.grade(e, e.body()).score(), right.score(), reversed.score(), verdicts(right), verdicts(reversed),
                    uncredited(item, right)));
            count(confusion, e, item.correct(), right, Verdict.COVERED);
            count(confusion, e, item.wrong(), reversed, Verdict.WRONG);
            for (GradedAnswerSet.Statement s : item.correct()) {
                correct++;
                var findings = rules.check(e.keyPoints().get(s.point() - 1), s.text(), reference);
                if (!findings.isEmpty()) {
                    correctFlagged++;
                    falseAlarms.add(e.id() + " #" + s.point() + ": " + s.text() + "\n    "
                            + findings.stream().map(f -> f.kind() + ": " + f.explain()).toList());
                }
            }
            for (GradedAnswerSet.Statement s : item.wrong()) {
                wrong++;
                var findings = rules.check(e.keyPoints().get(s.point() - 1), s.text(), reference);
                if (findings.isEmpty()) {
                    unflagged.add(e.id() + " #" + s.point() + ": " + s.text() + "\n    point: "
                            + e.keyPoints().get(s.point() - 1));
                } else {
                    wrongFlagged++;
                    findings.stream().map(ContradictionRules.Finding::kind).distinct()
                            .forEach(k -> byKind.merge(k, 1, Integer::sum));
                }
            }
        }
        return new Result(List.copyOf(scores), confusion,
                new RuleCounts(correct, correctFlagged, wrong, wrongFlagged, byKind, List.copyOf(falseAlarms),
                List.copyOf(unflagged)));
    }

    /** The points a correct answer addresses but does not get credit for, with why. */
    private static List<String> uncredited(GradedAnswerSet.Item item, KeyPointGrader.Coverage graded) {
        var out = new ArrayList<String>();
        for (GradedAnswerSet.Statement s : item.correct()) {
            var p = graded.points().get(s.point() - 1);
            if (!p.covered()) {
                out.add(String.format("#%d %s sim %.3f needs %.3f credit %.2f%s", s.point(), p.verdict(),
                        p.similarity(), p.required(), p.credit(), p.findings().isEmpty() ? ""
                                : " " + p.findings().get(0).explain()));
            }
        }
        return out;
    }

    /** One letter per key point: c(overed), m(issing), w(rong). */
    private static String verdicts(KeyPointGrader.Coverage c) {
        var out = new StringBuilder();
        c.points().forEach(p -> out.append(Character.toLowerCase(p.verdict().name().charAt(0))));
        return out.toString();
    }

    /** Touched points are expected as {@code touched}, the others as missing. */
    private static void count(long[][] confusion, Entry e, List<GradedAnswerSet.Statement> statements,
                              KeyPointGrader.Coverage graded, Verdict touched) {
        Set<Integer> points = new HashSet<>();
        statements.forEach(s -> points.add(s.point() - 1));
        for (int p = 0; p < e.keyPoints().size(); p++) {
            Verdict expected = points.contains(p) ? touched : Verdict.MISSING;
            confusion[expected.ordinal()][graded.points().get(p).verdict().ordinal()]++;
        }
    }

    public static void print(Result r, PrintStream out) {
        out.printf("%d entries, each graded with a correct and a reversed answer%n", r.scores().size());
        out.println("answer     min  p25  median  p75  max  mean");
        out.println(distribution("correct", r.scores().stream().mapToInt(Scores::correct).sorted().toArray()));
        out.println(distribution("wrong", r.scores().stream().mapToInt(Scores::wrong).sorted().toArray()));
        out.printf("wrong answers scoring <= %d: %.2f   gap >= %d points: %.2f   mean gap: %.1f%n", WRONG_BOUND,
                r.wrongCaught(), GAP_BOUND, r.gapWide(), r.meanGap());
        out.printf("correct answers scoring >= %d: %.2f   covered points credited: %.2f   own model answers >= %d: %.2f%n",
                CORRECT_BOUND, r.correctHigh(), r.coveredCredited(), CORRECT_BOUND, r.ownHigh());
        out.println("\nkey points: expected (rows) x graded (columns)");
        out.printf("%-10s %8s %8s %8s%n", "", "covered", "missing", "wrong");
        for (Verdict v : Verdict.values()) {
            long[] row = r.confusion()[v.ordinal()];
            out.printf("%-10s %8d %8d %8d%n", v.name().toLowerCase(), row[0], row[1], row[2]);
        }
        RuleCounts c = r.rules();
        out.printf("%ncontradiction rules per statement: recall %.2f (%d of %d wrong statements), "
                        + "false alarms %.3f (%d of %d correct statements), precision %.2f%n",
                c.recall(), c.wrongFlagged(), c.wrong(), c.falseAlarmRate(), c.correctFlagged(), c.correct(), c.precision());
        out.println("wrong statements flagged, by rule: " + c.byKind());
    }

    private static String distribution(String label, int[] sorted) {
        return String.format("%-9s %4d %4d %7d %4d %4d %5.1f", label, sorted[0], sorted[sorted.length / 4],
                sorted[sorted.length / 2], sorted[(3 * sorted.length) / 4], sorted[sorted.length - 1],
                java.util.Arrays.stream(sorted).average().orElse(0));
    }
}
