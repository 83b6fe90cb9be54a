package mltutor.cli;

import java.util.concurrent.Callable;
import mltutor.app.TutorApp;
import mltutor.retrieval.SearchMode;
import mltutor.retrieval.SearchResponse;
import mltutor.retrieval.SearchResult;
import mltutor.retrieval.Signals;
import mltutor.tutor.InputLimits;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code tutor search}: retrieval from the command line. */
@Command(name = "search", mixinStandardHelpOptions = true, description = "Find the entries that answer a question.")
final class SearchCommand implements Callable<Integer> {
    @Mixin
    ConfigOptions options;

    @Parameters(paramLabel = "TEXT", arity = "1..*", description = "The question.")
    String[] words;

    @Option(names = {"-k"}, defaultValue = "" + InputLimits.DEFAULT_SEARCH_K,
            description = "Number of results, 1-" + InputLimits.MAX_SEARCH_K + " (default: ${DEFAULT-VALUE}).")
    int k;

    @Option(names = "--mode", defaultValue = "hybrid", description = "hybrid, vector or bm25 (default: ${DEFAULT-VALUE}).")
    String mode;

    @Option(names = "--explain", description = "Also print the signals behind the answerability decision.")
    boolean explain;

    @Override
    public Integer call() {
        String query = String.join(" ", words).strip();
        if (query.isEmpty() || query.length() > InputLimits.MAX_QUESTION_CHARS) {
            throw new IllegalArgumentException("the question must be 1 to " + InputLimits.MAX_QUESTION_CHARS + " characters");
        }
        if (k < 1 || k > InputLimits.MAX_SEARCH_K) {
            throw new IllegalArgumentException("-k must be from 1 to " + InputLimits.MAX_SEARCH_K);
        }
        SearchMode m = SearchMode.parse(mode).orElseThrow(() ->
                new IllegalArgumentException("unknown mode '" + mode + "'; use hybrid, vector or bm25"));
        try (TutorApp app = TutorApp.start(options.config(), false, System.err)) {
            SearchResponse r = app.retriever().search(query, k, m);
            System.out.printf("%s (answerable %.2f, ML topic %.2f)%n", switch (r.answerability()) {
                case ANSWERABLE -> "answerable from the notes";
                case UNCOVERED -> "an ML question the notes do NOT cover";
                case OFF_TOPIC -> "NOT an ML interview topic";
            }, r.confidence(), r.domainScore());
            if (explain) {
                double[] v = r.signals().vector();
                for (int i = 0; i < v.length; i++) {
                    System.out.printf("  %-16s %8.4f%n", Signals.NAMES.get(i), v[i]);
                }
            }
            int n = 1;
            for (SearchResult s : r.results()) {
                System.out.printf("%d. [%.3f] %s  (%s, %s)%n", n++, s.score(), s.question(), s.entryId(), s.section());
            }
        }
        return 0;
    }
}
