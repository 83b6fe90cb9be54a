package mltutor.cli;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import io.javalin.Javalin;
import java.util.Optional;
import mltutor.app.CorpusWatcher;
import mltutor.app.TutorApp;
import mltutor.web.ServiceSwitch;
import mltutor.config.ServerAccess;
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
        ServerAccess access = ServerAccess.load(options.flags());
        long start = System.nanoTime();
        // The port opens while the model loads and the index opens, so Jetty's start is off the critical path and the
        // page and /api/health answer at once (503 "starting" until the services are switched in).
        var services = new ServiceSwitch();
        CompletableFuture<Javalin> opening = CompletableFuture.supplyAsync(
                () -> ApiServer.create(services, access).start(config.host(), config.port()),
                task -> new Thread(task, "server-start").start());
        TutorApp app;
        try {
            app = TutorApp.start(config, false, System.out);
        } catch (RuntimeException | Error e) {
            opening.thenAccept(Javalin::stop).exceptionally(bindFailure -> null).join();
            throw e;
        }
        Javalin server;
        try {
            server = opening.join();
        } catch (CompletionException e) {
            app.close();
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
        Optional<CorpusWatcher> watcher = Optional.empty();
        if (ServerAccess.watch(System.getenv(), options.flags())) {
            var watching = new CorpusWatcher(app, services, System.out);
            services.switchTo(app.api(watching::status));
            watcher = Optional.of(watching.start());
            System.out.printf("watching %s: changes are checked, re-indexed and served without a restart%n",
                    config.corpusDir());
        } else {
            services.switchTo(app.api());
        }
        System.out.printf("ML Interview Tutor ready on http://%s:%d/ (%d entries, %d chunks, index %s, %.2f s)%n",
                config.host(), server.port(), app.corpus().entries().size(), app.index().index().size(),
                app.index().rebuilt() ? "built" : "reused", (System.nanoTime() - start) / 1e9);
        if (!isLoopback(config.host())) {
            System.out.printf("warning: listening on %s, beyond this machine: anyone who can reach it can use the"
                    + " service%s%n", config.host(), access.apiToken().isPresent() ? ""
                    : " and its LLM; set TUTOR_API_TOKEN to require a token");
        }
        if (access.apiToken().isPresent()) {
            // The token itself is never printed: the person who set it pastes it into the link.
            System.out.printf("API token required: open http://%s:%d/#token=<value of TUTOR_API_TOKEN>%n",
                    config.host(), server.port());
        }
        var stopped = new CountDownLatch(1);
        Optional<CorpusWatcher> watching = watcher;
        Javalin running = server;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            running.stop();
            watching.ifPresentOrElse(CorpusWatcher::close, app::close);
            stopped.countDown();
        }));
        stopped.await();
        return 0;
    }

    /** A name that resolves to a loopback address; an unresolvable name is treated as beyond loopback. */
    static boolean isLoopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
