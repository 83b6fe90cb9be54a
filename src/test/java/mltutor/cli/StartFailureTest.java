package mltutor.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import mltutor.Fixtures;
import mltutor.app.TutorApp;
import mltutor.corpus.CorpusException;
import org.junit.jupiter.api.Test;

/**
 * A start that fails (a broken corpus, a port in use) stops with the reason in one line and exit code 1, never with
 * a native crash: the embedding model loads in the background while the corpus is read and the port opens, and a
 * JVM that exits while ONNX Runtime is creating its session dies with SIGSEGV (exit 134, an hs_err_pid*.log in the
 * working directory).
 */
class StartFailureTest {
    private static final String BROKEN = "---\nid: [oops\n---\ntext\n";

    /** Deterministic: the fixture corpus fails in milliseconds, long before the model (about a second) loads. */
    @Test
    void startWaitsForTheModelLoadBeforeReportingACorpusError() throws IOException {
        Path corpus = Fixtures.copyOfFixtureCorpus();
        Files.writeString(corpus.resolve("questions/metrics/broken.md"), BROKEN);
        var config = Fixtures.config(corpus, Fixtures.tempDir("broken-start"), Map.of());
        assertThrows(CorpusException.class, () -> TutorApp.start(config, false, Fixtures.QUIET));
        List<String> loading = Thread.getAllStackTraces().entrySet().stream()
                .filter(e -> e.getKey().isAlive() && Arrays.stream(e.getValue()).anyMatch(f ->
                        f.getClassName().equals("mltutor.embedding.LocalEmbedder") && f.getMethodName().equals("<init>")))
                .map(e -> e.getKey().getName()).toList();
        assertEquals(List.of(), loading, "threads still loading the model after start failed");
    }

    /**
     * The real command line in a child JVM, on a broken copy of the real corpus (so reading it takes about as long
     * as loading the model, as in the reported crash), five times because the crash was a race.
     */
    @Test
    void serveWithABrokenCorpusExitsOneWithOneLineAndNoCrashFile() throws Exception {
        Path corpus = Fixtures.copyOf(Fixtures.REAL_CORPUS);
        Files.writeString(corpus.resolve("questions/broken.md"), BROKEN);
        Path workDir = Fixtures.tempDir("broken-serve-wd");
        Path data = Fixtures.tempDir("broken-serve-data");
        for (int run = 1; run <= 5; run++) {
            Process p = serve(corpus, data, workDir, 0);
            assertTrue(p.waitFor(120, TimeUnit.SECONDS), "serve did not stop on a broken corpus");
            String err = Files.readString(workDir.resolve("err.txt"));
            assertEquals(1, p.exitValue(), "run " + run + ": " + err);
            assertEquals(1, err.lines().count(), "run " + run + ": one line on stderr: " + err);
            assertTrue(err.startsWith("error: the corpus has 1 problem(s), first: questions/broken.md: invalid YAML"),
                    err);
            assertNoCrashFile(workDir, "run " + run);
        }
    }

    /**
     * The port opens while the model loads: a port already taken fails the start at once, and the command still waits
     * for the model before it exits, with exit code 1 and the reason on its last line.
     */
    @Test
    void serveOnAPortInUseExitsOneAndNamesThePort() throws Exception {
        Path workDir = Fixtures.tempDir("busy-port-wd");
        try (var taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Process p = serve(Fixtures.FIXTURE_CORPUS, Fixtures.tempDir("busy-port-data"), workDir, taken.getLocalPort());
            assertTrue(p.waitFor(120, TimeUnit.SECONDS), "serve did not stop on a port in use");
            String err = Files.readString(workDir.resolve("err.txt"));
            assertEquals(1, p.exitValue(), err);
            String last = err.lines().reduce((a, b) -> b).orElse("");
            assertTrue(last.startsWith("error: ") && last.contains("port " + taken.getLocalPort()), err);
            assertFalse(Files.readString(workDir.resolve("out.txt")).contains("ready on"));
        }
        assertNoCrashFile(workDir, "serve on a port in use");
    }

    /** {@code tutor serve} in a child JVM, as the launcher runs it; output in out.txt and err.txt of workDir. */
    private static Process serve(Path corpus, Path data, Path workDir, int port) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        var pb = new ProcessBuilder(java, "-Xmx256m", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), TutorCommand.class.getName(),
                "serve", "--corpus", corpus.toAbsolutePath().toString(), "--data", data.toString(),
                "--port", String.valueOf(port))
                .directory(workDir.toFile())
                .redirectOutput(workDir.resolve("out.txt").toFile())
                .redirectError(workDir.resolve("err.txt").toFile());
        pb.environment().put("TUTOR_MODELS_DIR", Path.of("models").toAbsolutePath().toString());
        return pb.start();
    }

    private static void assertNoCrashFile(Path workDir, String what) throws IOException {
        try (Stream<Path> files = Files.list(workDir)) {
            assertEquals(List.of(), files.map(f -> f.getFileName().toString())
                    .filter(n -> n.startsWith("hs_err")).toList(), what + " crashed the JVM");
        }
    }
}
