package mltutor.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import mltutor.app.TutorApp;
import mltutor.eval.AskEvaluator;
import mltutor.eval.EvalQuery;
import mltutor.eval.EvalSet;
import mltutor.eval.RetrievalEvaluator;
import mltutor.eval.RetrievalScores;
import mltutor.retrieval.Fusion;
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

    @Option(names = "--calibrate", description = "Also print nearest-chunk similarities to calibrate the domain threshold.")
    boolean calibrate;

    @Override
    public Integer call() {
        List<EvalQuery> queries = EvalSet.read(file);
        try (TutorApp app = TutorApp.start(options.config(), false, System.err)) {
            var evaluator = new RetrievalEvaluator(queries);
            var retriever = app.retriever();
            long none = queries.stream().filter(EvalQuery::outOfDomain).count();
            System.out.printf("%s: %d queries (%d in domain, %d NONE); model %s, domain threshold %.3f%n", file,
                    queries.size(), queries.size() - none, none, app.embedder().spec().name(), app.config().domainThreshold());
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

    private static String sorted(List<Double> values) {
        return values.stream().sorted().map(v -> String.format("%.3f", v)).toList().toString();
    }
}
