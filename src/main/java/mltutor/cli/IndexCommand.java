package mltutor.cli;

import java.util.concurrent.Callable;
import mltutor.app.TutorApp;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code tutor index}: build the index now, or confirm the current one is up to date. */
@Command(name = "index", mixinStandardHelpOptions = true, description = "Build the index if the corpus or model changed.")
final class IndexCommand implements Callable<Integer> {
    @Mixin
    ConfigOptions options;

    @Option(names = "--rebuild", description = "Rebuild even if the current index matches.")
    boolean rebuild;

    @Override
    public Integer call() {
        try (TutorApp app = TutorApp.start(options.config(), rebuild, System.out)) {
            var loaded = app.index();
            System.out.printf("index %s: %d chunks from %d entries and %d resources in %s%s%n",
                    loaded.rebuilt() ? "built" : "up to date", loaded.index().size(), app.corpus().entries().size(),
                    app.corpus().resources().size(), loaded.directory(),
                    loaded.rebuilt() ? String.format(" (%.1f s)", loaded.buildMillis() / 1000.0) : "");
        }
        return 0;
    }
}
