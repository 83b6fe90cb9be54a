package mltutor.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code tutor bench}: build, startup and search latency, against the cost of one embedding call. */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Benchmark index build, startup and search latency.")
final class BenchCommand implements Callable<Integer> {
    @Mixin
    ConfigOptions options;

    @Override
    public Integer call() {
        throw new UnsupportedOperationException("not yet");
    }
}
