package mltutor.cli;

import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import mltutor.app.TutorApp;
import mltutor.config.TutorConfig;
import mltutor.web.ApiServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code tutor serve}: the HTTP API and web app. */
@Command(name = "serve", mixinStandardHelpOptions = true, description = "Start the HTTP service (reuses or builds the index).")
final class ServeCommand implements Callable<Integer> {
    @Mixin
    ConfigOptions options;

    @Mixin
    ConfigOptions.ServerOptions serverOptions;

    @Override
    public Integer call() throws InterruptedException {
        TutorConfig config = options.config();
        long start = System.nanoTime();
        TutorApp app = TutorApp.start(config, false, System.out);
        var server = ApiServer.create(app.api()).start(config.host(), config.port());
        System.out.printf("ML Interview Tutor ready on http://%s:%d/ (%d entries, %d chunks, index %s, %.2f s)%n",
                config.host(), server.port(), app.corpus().entries().size(), app.index().index().size(),
                app.index().rebuilt() ? "built" : "reused", (System.nanoTime() - start) / 1e9);
        var stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.stop();
            app.close();
            stopped.countDown();
        }));
        stopped.await();
        return 0;
    }
}
