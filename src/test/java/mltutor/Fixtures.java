package mltutor;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import mltutor.app.TutorApp;
import mltutor.config.Setting;
import mltutor.config.TutorConfig;
import mltutor.corpus.CorpusLoader;
import mltutor.embedding.LocalEmbedder;

/**
 * Shared test fixtures: the real default ONNX model (loaded once per test JVM, since loading costs about
 * a second) and a tutor started on the small fixture corpus with its index in a temporary directory.
 */
public final class Fixtures {
    public static final Path FIXTURE_CORPUS = Path.of("src/test/resources/fixture-corpus");
    public static final Path REAL_CORPUS = Path.of("corpus");
    public static final PrintStream QUIET = new PrintStream(PrintStream.nullOutputStream());

    private static LocalEmbedder embedder;
    private static TutorApp fixtureApp;
    private static TutorApp realApp;
    private static Path fixtureData;

    private Fixtures() {
    }

    /** Configuration on the default model with the given corpus and data directory, plus overrides. */
    public static TutorConfig config(Path corpus, Path data, Map<String, String> overrides) {
        var flags = new HashMap<String, String>(overrides);
        flags.put(Setting.CORPUS_DIR.env(), corpus.toString());
        flags.put(Setting.DATA_DIR.env(), data.toString());
        // Tests never write to the working directory's gap log.
        flags.putIfAbsent(Setting.GAP_LOG.env(), data.resolve("gaps.jsonl").toString());
        return TutorConfig.from(Map.of(), flags);
    }

    public static synchronized LocalEmbedder embedder() {
        if (embedder == null) {
            var config = config(FIXTURE_CORPUS, tempDir("unused"), Map.of());
            embedder = new LocalEmbedder(config.embedding(), config.queryCacheSize());
        }
        return embedder;
    }

    /** A tutor on the fixture corpus, shared by the tests that only read from it. */
    public static synchronized TutorApp fixtureApp() {
        if (fixtureApp == null) {
            fixtureApp = startApp(FIXTURE_CORPUS, fixtureDataDir());
        }
        return fixtureApp;
    }

    /**
     * A tutor on the real corpus. Its index lives under target/ and is reused while the corpus, model and
     * chunking are unchanged (the fingerprint decides), so only the first run after a change pays for the build.
     */
    public static synchronized TutorApp realApp() {
        if (realApp == null) {
            realApp = startApp(REAL_CORPUS, Path.of("target/test-data/real-index"));
        }
        return realApp;
    }

    /** Where the fixture corpus's index lives; apps and CLI runs on the fixture corpus reuse it instead of rebuilding. */
    public static synchronized Path fixtureDataDir() {
        if (fixtureData == null) {
            fixtureData = tempDir("fixture-index");
        }
        return fixtureData;
    }

    /**
     * A separate tutor on the fixture corpus and its shared index with extra settings (an LLM pointed at a
     * stub, say); the caller closes it.
     */
    public static TutorApp fixtureAppWith(Map<String, String> overrides) {
        fixtureApp();
        var config = config(FIXTURE_CORPUS, fixtureDataDir(), overrides);
        return TutorApp.start(config, new CorpusLoader().load(FIXTURE_CORPUS), embedder(), false, QUIET);
    }

    public static TutorApp startApp(Path corpus, Path data) {
        var config = config(corpus, data, Map.of());
        return TutorApp.start(config, new CorpusLoader().load(corpus), embedder(), false, QUIET);
    }

    public static Path tempDir(String prefix) {
        try {
            Path dir = Files.createTempDirectory("mltutor-" + prefix);
            dir.toFile().deleteOnExit();
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Copies the fixture corpus to a fresh directory that a test may modify. */
    public static Path copyOfFixtureCorpus() {
        return copyOf(FIXTURE_CORPUS);
    }

    /** Copies a corpus to a fresh directory that a test may modify. */
    public static Path copyOf(Path corpus) {
        Path target = tempDir("corpus");
        try (var files = Files.walk(corpus)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Path dest = target.resolve(corpus.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(dest);
                } else {
                    Files.copy(p, dest);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return target;
    }
}
