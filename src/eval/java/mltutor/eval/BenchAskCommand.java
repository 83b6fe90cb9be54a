package mltutor.eval;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import mltutor.cli.ConfigOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code tutor bench-ask}: latency of grounded answers, offline and on top of a model of known speed. */
@Command(name = "bench-ask", mixinStandardHelpOptions = true,
        description = "Benchmark POST /api/ask: offline p50/p95 under concurrent clients, overhead over an instant "
                + "OpenAI-compatible LLM, and a burst against a slow LLM (all answered or 503, none hang).")
final class BenchAskCommand implements Callable<Integer> {
    @Mixin
    ConfigOptions options;

    @Option(names = "--queries", paramLabel = "FILE", defaultValue = "../shared/eval/dev-queries.tsv",
            description = "Questions to send (in-domain rows; default: ${DEFAULT-VALUE}).")
    Path queries;

    @Option(names = "--clients", defaultValue = "8", description = "Concurrent clients (default: ${DEFAULT-VALUE}).")
    int clients;

    @Option(names = "--requests", defaultValue = "50", description = "Requests per client (default: ${DEFAULT-VALUE}).")
    int requests;

    @Option(names = "--slow-ms", defaultValue = "2000", description = "Latency of the slow LLM in the burst (default: ${DEFAULT-VALUE}).")
    long slowMillis;

    @Option(names = "--burst", defaultValue = "64", description = "Concurrent requests in the burst (default: ${DEFAULT-VALUE}).")
    int burst;

    @Override
    public Integer call() throws Exception {
        if (clients < 1 || clients > 256 || requests < 1 || burst < 1 || burst > 1024 || slowMillis < 0) {
            throw new IllegalArgumentException("--clients 1-256, --requests >= 1, --burst 1-1024, --slow-ms >= 0");
        }
        new AskBenchmark(options.config(), EvalSet.read(queries), System.out).run(clients, requests, slowMillis, burst);
        return 0;
    }
}
