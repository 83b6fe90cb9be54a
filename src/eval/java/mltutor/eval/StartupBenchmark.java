package mltutor.eval;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Start-up of {@code tutor serve} as a separate JVM (the production jar, this benchmark's JVM options) until
 * {@code /api/health} answers 200: after an edit to the corpus, and with a reused index, without and with an
 * AppCDS archive (created by one run with {@code -XX:ArchiveClassesAtExit}, as the launcher does).
 */
final class StartupBenchmark {
    private static final int STARTS = 5;

    /** One measured start: seconds to ready, what the server printed, and its memory after 50 searches. */
    private record Start(double seconds, String output, String memory) {
        Start withOutput(String text) {
            return new Start(seconds, text, memory);
        }
    }

    private final Path jar;
    private final Path corpus;
    private final Path data;
    private final List<String> queries;
    private final PrintStream out;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(200)).build();

    StartupBenchmark(Path jar, Path corpus, Path data, List<String> queries, PrintStream out) {
        this.jar = jar;
        this.corpus = corpus;
        this.data = data;
        this.queries = queries;
        this.out = out;
    }

    /** One start after a corpus edit: the server re-indexes with the embedding cache, then serves. */
    void restartAfterEdit() throws Exception {
        Start s = start(List.of(), false);
        String embedded = s.output().lines().filter(l -> l.contains("indexed in ") && l.contains("segments reused"))
                .map(l -> l.replaceAll("^.*indexed in", "re-indexed in")).findFirst().orElse("(no re-index line)");
        String ready = s.output().lines().filter(l -> l.contains("ready on")).map(l -> l.replaceAll("^.*\\(", "("))
                .findFirst().orElse("");
        out.println();
        out.printf("restart after editing one entry (separate JVM): ready in %.2f s; %s; server says %s%n",
                s.seconds(), embedded, ready);
    }

    /** Medians of several starts on an unchanged corpus and index, without and with an AppCDS archive. */
    void reusedIndex() throws Exception {
        double[] plain = new double[STARTS];
        for (int i = 0; i < STARTS; i++) {
            plain[i] = start(List.of(), false).seconds();
        }
        Path archive = Files.createTempDirectory("mltutor-bench-cds").resolve("tutor.jsa");
        double[] cds = new double[STARTS];
        Start last = null;
        long archiveBytes;
        try {
            start(List.of("-XX:ArchiveClassesAtExit=" + archive), false);
            for (int i = 0; i < STARTS; i++) {
                last = start(List.of("-XX:SharedArchiveFile=" + archive), i == STARTS - 1);
                cds[i] = last.seconds();
            }
            archiveBytes = Files.size(archive);
        } finally {
            Benchmark.deleteTree(archive.getParent());
        }
        double p = LatencyStats.of(plain).p50();
        double c = LatencyStats.of(cds).p50();
        out.printf("ready with a reused index (separate JVM, options %s), median of %d:%n",
                ManagementFactory.getRuntimeMXBean().getInputArguments(), STARTS);
        out.printf("  without a class-data archive: %.2f s %s%n", p, Arrays.toString(round(plain)));
        out.printf("  with the AppCDS archive (%.0f MB): %.2f s %s = %.2fx%n", archiveBytes / 1e6, c,
                Arrays.toString(round(cds)), p / c);
        out.printf("server after 50 searches: %s%n", last.memory());
    }

    private Start start(List<String> jvmOptions, boolean measureMemory) throws Exception {
        int port;
        try (var socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        var command = new ArrayList<String>(List.of(java));
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", jar.toString(), "serve", "--port", String.valueOf(port),
                "--corpus", corpus.toString(), "--data", data.toString()));
        Path log = Files.createTempFile("mltutor-bench-serve", ".log");
        var pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        long start = System.nanoTime();
        Process p = pb.start();
        try {
            URI health = URI.create("http://127.0.0.1:" + port + "/api/health");
            while (true) {
                if (!p.isAlive()) {
                    throw new IllegalStateException("the server exited with " + p.exitValue() + ": " + Files.readString(log));
                }
                try {
                    var r = http.send(HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(2)).build(),
                            HttpResponse.BodyHandlers.ofString());
                    if (r.statusCode() == 200) {
                        break;
                    }
                } catch (IOException notYet) {
                    // not listening yet
                }
                Thread.sleep(10);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            String memory = "";
            if (measureMemory) {
                for (String q : queries.stream().limit(50).toList()) {
                    http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/search?q="
                            + URLEncoder.encode(q, StandardCharsets.UTF_8))).build(), HttpResponse.BodyHandlers.discarding());
                }
                memory = rss(p.pid()) + ", " + heap(p.pid());
            }
            return new Start(seconds, "", memory).withOutput(stop(p, log));
        } finally {
            p.destroy();
            p.waitFor(60, TimeUnit.SECONDS);
            Files.deleteIfExists(log);
        }
    }

    /** Stops the server as Ctrl-C would (so an archive asked for is written at exit); its output. */
    private static String stop(Process p, Path log) throws Exception {
        p.destroy();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
        }
        return Files.readString(log);
    }

    static String rss(long pid) {
        try {
            return Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status")).stream()
                    .filter(l -> l.startsWith("VmRSS") || l.startsWith("VmHWM"))
                    .map(l -> l.replaceAll("\\s+", " ")).reduce((a, b) -> a + ", " + b).orElse("n/a");
        } catch (IOException e) {
            return "RSS n/a";
        }
    }

    /** The heap in use and committed, from {@code jcmd GC.heap_info} (n/a when the JDK has no jcmd). */
    private static String heap(long pid) {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        try {
            Process p = new ProcessBuilder(jcmd.toString(), String.valueOf(pid), "GC.heap_info").redirectErrorStream(true).start();
            String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor(30, TimeUnit.SECONDS);
            var m = java.util.regex.Pattern.compile("total (\\d+)K, used (\\d+)K").matcher(text);
            return m.find() ? String.format("heap used %.0f MB of %.0f MB committed", Long.parseLong(m.group(2)) / 1024.0,
                    Long.parseLong(m.group(1)) / 1024.0) : "heap n/a";
        } catch (IOException e) {
            return "heap n/a";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "heap n/a";
        }
    }

    private static double[] round(double[] xs) {
        return Arrays.stream(xs).map(x -> Math.round(x * 100) / 100.0).toArray();
    }
}
