package mltutor.app;

import static java.nio.file.StandardWatchEventKinds.ENTRY_CREATE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_DELETE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_MODIFY;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.WatchService;
import java.util.ArrayList;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import mltutor.corpus.CorpusLoader;
import mltutor.corpus.CorpusProblem;
import mltutor.corpus.CorpusStandards;
import mltutor.web.ReloadStatus;
import mltutor.web.ServiceSwitch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code serve --watch}: notices changes under the corpus directory, checks the corpus with the rules of
 * {@code corpus check}, and when it passes builds the new index in the background (the embedding cache makes that
 * the cost of the changed chunks) and switches the server to it in one step. A change that breaks the corpus is
 * logged and shown in {@code /api/health}; the previous index keeps serving. The app replaced is closed a little
 * later, so requests that started on it finish on it.
 */
public final class CorpusWatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CorpusWatcher.class);
    /** Editors save in several writes; changes closer together than this are one reload. */
    private static final long SETTLE_MILLIS = 300;
    /** How long a replaced app stays open for the requests that started on it. */
    private static final long GRACE_SECONDS = 30;

    private final ServiceSwitch services;
    private final PrintStream console;
    private final WatchService watcher;
    private final AtomicReference<TutorApp> current;
    private final AtomicReference<ReloadStatus> status = new AtomicReference<>(ReloadStatus.watching());
    private final ScheduledExecutorService closer = Executors.newSingleThreadScheduledExecutor(daemon("retire"));
    private final Thread thread;
    /** The corpus-check problems the corpus had when it was last accepted: a change is judged by what it adds. */
    private java.util.Set<String> known;

    public CorpusWatcher(TutorApp initial, ServiceSwitch services, PrintStream console) {
        this.current = new AtomicReference<>(initial);
        this.services = services;
        this.console = console;
        try {
            this.watcher = initial.config().corpusDir().getFileSystem().newWatchService();
            registerTree(initial.config().corpusDir());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot watch the corpus directory " + initial.config().corpusDir() + ": "
                    + e.getMessage(), e);
        }
        this.thread = daemon("corpus-watcher").newThread(this::run);
        this.known = kinds(problems(initial.config().corpusDir()));
    }

    /** Problems without their numbers: an edit that changes a word count keeps the same, known, problem. */
    private static java.util.Set<String> kinds(java.util.List<CorpusProblem> problems) {
        return java.util.Set.copyOf(problems.stream().map(CorpusWatcher::kind).toList());
    }

    private static String kind(CorpusProblem p) {
        return String.valueOf(p).replaceAll("\\d+", "#");
    }

    /** Every problem {@code corpus check} reports for the corpus in {@code dir}. */
    private static java.util.List<CorpusProblem> problems(Path dir) {
        var read = new CorpusLoader().read(dir);
        var problems = new ArrayList<CorpusProblem>(read.problems());
        if (read.ok()) {
            problems.addAll(new CorpusStandards().check(read.corpus(), dir.resolve(CorpusStandards.SEED_LIST)));
        }
        return problems;
    }

    /** What the watcher last did, for {@code /api/health}. */
    public Optional<ReloadStatus> status() {
        return Optional.of(status.get());
    }

    /** The app now serving. */
    public TutorApp current() {
        return current.get();
    }

    public CorpusWatcher start() {
        thread.start();
        return this;
    }

    private void run() {
        try {
            while (true) {
                var key = watcher.take();
                long start = System.nanoTime();
                do {
                    for (var event : key.pollEvents()) {
                        if (event.kind() == ENTRY_CREATE && event.context() instanceof Path name) {
                            Path created = ((Path) key.watchable()).resolve(name);
                            if (Files.isDirectory(created)) {
                                registerTree(created);
                            }
                        }
                    }
                    key.reset();
                    key = watcher.poll(SETTLE_MILLIS, TimeUnit.MILLISECONDS);
                } while (key != null);
                reload(start);
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            // closed: the server is stopping
        } catch (IOException e) {
            LOG.error("stopped watching the corpus: {}", e.getMessage());
        }
    }

    /** Checks the changed corpus and, when it passes, builds its index and switches to it. */
    void reload(long startNanos) {
        TutorApp old = current.get();
        Path dir = old.config().corpusDir();
        var previous = status.get();
        status.set(new ReloadStatus("reindexing", "", previous.reloads(), previous.embedded(), previous.millis()));
        var read = new CorpusLoader().read(dir);
        var all = problems(dir);
        // A problem the corpus already had when it was accepted (an editorial standard not yet met, say) does not
        // block a reload; a problem the change brings does, as does anything that stops the corpus loading.
        var problems = all.stream().filter(p -> !read.ok() || !known.contains(kind(p))).toList();
        if (!problems.isEmpty()) {
            problems.forEach(p -> LOG.error("corpus change rejected, the previous index keeps serving: {}", p));
            status.set(new ReloadStatus("rejected", problems.size() + " problem(s), first: " + problems.get(0),
                    previous.reloads(), previous.embedded(), previous.millis()));
            return;
        }
        try {
            TutorApp next = TutorApp.start(old.config(), read.corpus(), old.embedder(), false, console);
            long millis = (System.nanoTime() - startNanos) / 1_000_000;
            var done = new ReloadStatus("reloaded", "", previous.reloads() + 1, next.index().embedded(), millis);
            known = kinds(all);
            status.set(done);
            current.set(next);
            services.switchTo(next.api(this::status));
            LOG.info("corpus reloaded in {} ms: {} entries, {} chunks ({} embedded)", millis,
                    next.corpus().entries().size(), next.index().index().size(), next.index().embedded());
            closer.schedule(old::close, GRACE_SECONDS, TimeUnit.SECONDS);
        } catch (RuntimeException e) {
            LOG.error("corpus change not loaded, the previous index keeps serving: {}", e.getMessage());
            status.set(new ReloadStatus("rejected", String.valueOf(e.getMessage()), previous.reloads(),
                    previous.embedded(), previous.millis()));
        }
    }

    private void registerTree(Path root) throws IOException {
        try (Stream<Path> dirs = Files.walk(root)) {
            for (Path d : (Iterable<Path>) dirs.filter(Files::isDirectory)::iterator) {
                d.register(watcher, ENTRY_CREATE, ENTRY_MODIFY, ENTRY_DELETE);
            }
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }

    @Override
    public void close() {
        try {
            watcher.close();
        } catch (IOException e) {
            // stopping anyway
        }
        thread.interrupt();
        closer.shutdownNow();
        current.get().close();
    }
}
