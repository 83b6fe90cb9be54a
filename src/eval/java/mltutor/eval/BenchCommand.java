package mltutor.eval;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import mltutor.cli.ConfigOptions;
import mltutor.cli.TutorCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code tutor bench}: build, startup and search latency, against the cost of one embedding call. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmark index build, startup, search latency (in-process and HTTP), a dense-only baseline and HNSW recall.")
final class BenchCommand implements Callable<Integer> {
    @Mixin
    ConfigOptions options;

    @Option(names = "--queries", paramLabel = "FILE", defaultValue = "../shared/eval/dev-queries.tsv",
            description = "Query set used for latency and quality (default: ${DEFAULT-VALUE}).")
    Path queries;

    @Override
    public Integer call() throws Exception {
        // Startup is measured on the production jar (where TutorCommand lives), not on this eval jar.
        Path code = Path.of(TutorCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        new Benchmark(options.config(), EvalSet.read(queries), System.out)
                .run(code.toString().endsWith(".jar") ? code : null);
        return 0;
    }
}
