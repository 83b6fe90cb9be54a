package mltutor.eval;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import mltutor.app.TutorApp;
import mltutor.cli.ConfigOptions;
import mltutor.retrieval.Answerability;
import mltutor.retrieval.Fusion;
import mltutor.retrieval.SearchResponse;
import mltutor.retrieval.Ranking;
import mltutor.retrieval.SearchMode;
import mltutor.tutor.AskRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code tutor eval FILE}: retrieval quality on a query set, per mode and fusion. */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = "Score retrieval on a TSV query set (query, expected, also_ok): hit@1/3/5, MRR, in-domain detection.")
final class EvalCommand implements Callable<Integer> {
    @Mixin
    ConfigOptions options;

    @Parameters(paramLabel = "FILE", description = "The query set, e.g. ../shared/eval/dev-queries.tsv.")
    Path file;

    @Option(names = "--misses", description = "Also list the queries hybrid search (and, with --ask, the offline ask) gets wrong.")
    boolean misses;

    @Option(names = "--ask", description = "Also score the offline ask: grounded with the expected first citation; NONE refused.")
    boolean ask;

    @Option(names = "--ablation", description = "Also score hybrid search with each retrieval lever removed or changed.")
    boolean ablation;

    @Option(names = "--uncovered",
            description = "FILE is a list of ML questions the notes do not cover (question<TAB>topic): print the share "
                    + "flagged uncovered and the offline answers given as grounded.")
    boolean uncoveredList;

    @Option(names = "--signals", paramLabel = "OUT",
            description = "Also write every query's answerability signals and decision to OUT (TSV), for inspection.")
    Path signalsOut;

    @Option(names = "--calibrate", description = "Also print the off-topic margins (nearest chunk minus nearest off-topic reference question).")
    boolean calibrate;

    @Override
    public Integer call() {
        if (uncoveredList) {
            return uncovered();
        }
        List<EvalQuery> queries = EvalSet.read(file);
        try (TutorApp app = TutorApp.start(options.config(), false, System.err)) {
            var evaluator = new RetrievalEvaluator(queries);
            var retriever = app.retriever();
            long none = queries.stream().filter(EvalQuery::outOfDomain).count();
            System.out.printf("%s: %d queries (%d in domain, %d NONE); model %s%n", file,
                    queries.size(), queries.size() - none, none, app.embedder().spec().name());
            System.out.println(RetrievalScores.header());
            System.out.println(evaluator.score(retriever, SearchMode.VECTOR, retriever.fusion()).row());
            System.out.println(evaluator.score(retriever, SearchMode.BM25, retriever.fusion()).row());
            System.out.println(evaluator.score(retriever, SearchMode.HYBRID, retriever.fusion()).row() + "  <- configured");
            for (Fusion f : List.of(Fusion.rrf(60), Fusion.weighted(0.3), Fusion.weighted(0.4), Fusion.weighted(0.5),
                    Fusion.weighted(0.6), Fusion.weighted(0.7), Fusion.weighted(0.8))) {
                if (!f.equals(retriever.fusion())) {
                    System.out.println(evaluator.score(retriever, SearchMode.HYBRID, f).row());
                }
            }
            if (signalsOut != null) {
                writeSignals(queries.stream().map(q -> new String[] {q.query(), q.outOfDomain() ? "NONE" : q.expected()})
                        .toList(), retriever);
            }
            if (ablation) {
                System.out.println("\nablation (hybrid):");
                for (Ranking r : RankingAblation.variants(retriever.ranking())) {
                    System.out.println(evaluator.score(retriever, SearchMode.HYBRID, r).row());
                }
            }
            if (misses) {
                System.out.println("\nhybrid misses:");
                evaluator.misses(retriever, SearchMode.HYBRID).forEach(System.out::println);
            }
            if (ask) {
                var s = new AskEvaluator(queries).score(q -> app.tutor().askOffline(AskRequest.of(q)));
                System.out.printf("%noffline ask: grounded with the expected first citation %d/%d = %.3f; "
                                + "NONE refused %d/%d = %.3f; median %.1f ms per question%n", s.groundedOnExpected(),
                        s.inDomain(), s.groundedShare(), s.refused(), s.none(), s.refusedShare(), s.medianMillis());
                if (misses) {
                    System.out.println("\noffline ask misses:");
                    s.misses().forEach(System.out::println);
                }
            }
            if (calibrate) {
                var sims = evaluator.similarities(retriever);
                System.out.println("\ndomain margin, in domain (sorted): " + sorted(sims.inDomain()));
                System.out.println("domain margin, NONE (sorted):      " + sorted(sims.outOfDomain()));
            }
        }
        return 0;
    }

    private void writeSignals(List<String[]> rows, mltutor.retrieval.Retriever retriever) {
        var lines = new java.util.ArrayList<String>();
        lines.add("query\tlabel\tdecision\ttop\t" + String.join("\t", mltutor.retrieval.Signals.NAMES));
        for (String[] row : rows) {
            SearchResponse r = retriever.search(row[0], 5, SearchMode.HYBRID);
            var v = java.util.Arrays.stream(r.signals().vector()).mapToObj(d -> String.format(java.util.Locale.ROOT, "%.5f", d))
                    .toList();
            lines.add(row[0] + "\t" + row[1] + "\t" + r.answerability().id() + "\t"
                    + (r.results().isEmpty() ? "-" : r.results().get(0).question()) + "\t" + String.join("\t", v));
        }
        try {
            java.nio.file.Files.write(signalsOut, lines);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot write " + signalsOut + ": " + e.getMessage(), e);
        }
    }

    private int uncovered() {
        List<String[]> rows = UncoveredSet.read(file);
        try (TutorApp app = TutorApp.start(options.config(), false, System.err)) {
            if (signalsOut != null) {
                writeSignals(rows.stream().map(r -> new String[] {r[0], "UNCOVERED:" + r[1]}).toList(), app.retriever());
            }
            var counts = new java.util.TreeMap<String, Integer>();
            var topics = new java.util.TreeMap<String, int[]>();
            int grounded = 0;
            var misses = new java.util.ArrayList<String>();
            for (String[] row : rows) {
                SearchResponse r = app.retriever().search(row[0], 5, SearchMode.HYBRID);
                counts.merge(r.answerability().id(), 1, Integer::sum);
                int[] t = topics.computeIfAbsent(row[1], k -> new int[2]);
                t[0]++;
                if (r.answerability() == Answerability.Decision.UNCOVERED) {
                    t[1]++;
                } else {
                    misses.add(r.answerability().id() + ": " + row[0] + " -> " + (r.results().isEmpty() ? "-"
                            : r.results().get(0).entryId()));
                }
                grounded += app.tutor().askOffline(AskRequest.of(row[0])).grounded() ? 1 : 0;
            }
            System.out.printf("%s: %d questions on %d topics the notes do not cover%n", file, rows.size(), topics.size());
            counts.forEach((k, v) -> System.out.printf("  %-10s %4d  %.3f%n", k, v, (double) v / rows.size()));
            long topicsFlagged = topics.values().stream().filter(t -> t[1] == t[0]).count();
            System.out.printf("topics with every question flagged uncovered: %d/%d; offline answers given as grounded: %d%n",
                    topicsFlagged, topics.size(), grounded);
            if (misses.size() > 0 && this.misses) {
                System.out.println("\nnot flagged uncovered:");
                misses.forEach(m -> System.out.println("  " + m));
            }
        }
        return 0;
    }

    private static String sorted(List<Double> values) {
        return values.stream().sorted().map(v -> String.format("%.3f", v)).toList().toString();
    }
}
