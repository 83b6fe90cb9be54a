package mltutor.eval;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import mltutor.app.TutorApp;
import mltutor.config.Setting;
import mltutor.config.TutorConfig;
import mltutor.corpus.Corpus;
import mltutor.corpus.CorpusLoader;
import mltutor.embedding.LocalEmbedder;
import mltutor.web.ApiServer;

/**
 * Latency of {@code POST /api/ask} over real HTTP: offline under concurrent clients; on top of an instantly
 * answering OpenAI-compatible model (the service's own overhead); and under a burst against a slow model
 * (every request must end in an answer or a clean 503). The query cache holds one entry, so queries are cold.
 */
public final class AskBenchmark {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final TutorConfig config;
    private final List<String> questions;
    private final PrintStream out;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public AskBenchmark(TutorConfig config, List<EvalQuery> queries, PrintStream out) {
        this.config = config;
        this.questions = queries.stream().filter(q -> !q.outOfDomain()).map(EvalQuery::query).toList();
        this.out = out;
    }

    /** Sorted latencies in milliseconds and their percentiles. */
    record Latencies(List<Double> sorted) {
        static Latencies of(List<Double> millis) {
            var s = new ArrayList<>(millis);
            Collections.sort(s);
            return new Latencies(s);
        }

        double p(double q) {
            return sorted.isEmpty() ? Double.NaN : sorted.get(Math.min(sorted.size() - 1, (int) Math.floor(q * sorted.size())));
        }

        String summary() {
            return String.format("p50 %.1f ms, p95 %.1f ms, max %.1f ms (n=%d)", p(0.5), p(0.95), p(1.0), sorted.size());
        }
    }

    public void run(int clients, int requestsPerClient, long slowMillis, int burst) throws Exception {
        Corpus corpus = new CorpusLoader().load(config.corpusDir());
        var embedder = new LocalEmbedder(config.embedding(), 1);
        out.printf("%d in-domain questions from the query set; %d cores; query cache off; load average %s%n",
                questions.size(), Runtime.getRuntime().availableProcessors(), loadAverage());

        try (TutorApp app = TutorApp.start(withLlm(Map.of("TUTOR_LLM", "none")), corpus, embedder, false, out)) {
            var server = ApiServer.create(app.api()).start("127.0.0.1", 0);
            try {
                String url = "http://127.0.0.1:" + server.port() + "/api/ask";
                concurrent(url, 2, 20);
                floor(app, embedder, requestsPerClient * 2);
                out.println("offline /api/ask, 1 client:   " + concurrent(url, 1, requestsPerClient * 2).summary());
                out.printf("offline /api/ask, %d clients:  %s%n", clients, concurrent(url, clients, requestsPerClient).summary());
                out.println("load average: " + loadAverage());
            } finally {
                server.stop();
            }
        }

        try (var llm = new BenchLlmServer(0);
             TutorApp app = TutorApp.start(withLlm(Map.of("TUTOR_LLM", "openai", "TUTOR_LLM_BASE_URL", llm.baseUrl(),
                     "TUTOR_LLM_MODEL", "bench", "TUTOR_LLM_MAX_CONCURRENT", String.valueOf(Math.max(clients, 4)))),
                     corpus, embedder, false, out)) {
            var server = ApiServer.create(app.api()).start("127.0.0.1", 0);
            try {
                String url = "http://127.0.0.1:" + server.port() + "/api/ask";
                Latencies direct = directLlm(llm.baseUrl() + "/chat/completions", requestsPerClient * 2);
                concurrent(url, 2, 20);
                Latencies one = concurrent(url, 1, requestsPerClient * 2);
                out.println("instant LLM itself (direct call): " + direct.summary());
                out.println("/api/ask with the instant LLM, 1 client: " + one.summary());
                out.printf("service overhead on top of the LLM: p50 %.1f ms%n", one.p(0.5) - direct.p(0.5));
                out.printf("/api/ask with the instant LLM, %d clients: %s%n", clients,
                        concurrent(url, clients, requestsPerClient).summary());
            } finally {
                server.stop();
            }
        }

        var settings = new HashMap<String, String>();
        try (var llm = new BenchLlmServer(slowMillis)) {
            settings.put("TUTOR_LLM", "openai");
            settings.put("TUTOR_LLM_BASE_URL", llm.baseUrl());
            settings.put("TUTOR_LLM_MODEL", "bench");
            try (TutorApp app = TutorApp.start(withLlm(settings), corpus, embedder, false, out)) {
                var server = ApiServer.create(app.api()).start("127.0.0.1", 0);
                try {
                    burst("http://127.0.0.1:" + server.port() + "/api/ask", burst, slowMillis, app.config());
                } finally {
                    server.stop();
                }
            }
        }
    }

    /** The in-process costs the HTTP figures sit on: one query embedding, and the whole offline ask. */
    private void floor(TutorApp app, LocalEmbedder embedder, int n) {
        var embed = new ArrayList<Double>();
        var ask = new ArrayList<Double>();
        for (int i = 0; i < n; i++) {
            String q = questions.get(i % questions.size());
            long t0 = System.nanoTime();
            embedder.embedUncached(q);
            long t1 = System.nanoTime();
            embedder.clearQueryCache();
            app.tutor().askOffline(mltutor.tutor.AskRequest.of(q));
            embed.add((t1 - t0) / 1e6);
            ask.add((System.nanoTime() - t1) / 1e6);
        }
        out.println("in-process, 1 thread: query embedding " + Latencies.of(embed).summary());
        out.println("in-process, 1 thread: offline ask     " + Latencies.of(ask).summary());
    }

    /** {@code clients} threads, each sending {@code perClient} questions back to back; all latencies. */
    private Latencies concurrent(String url, int clients, int perClient) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        var next = new AtomicInteger();
        try {
            var futures = new ArrayList<Future<List<Double>>>();
            for (int c = 0; c < clients; c++) {
                futures.add(pool.submit(() -> {
                    var millis = new ArrayList<Double>();
                    for (int i = 0; i < perClient; i++) {
                        String q = questions.get(next.getAndIncrement() % questions.size());
                        long t0 = System.nanoTime();
                        var r = post(url, q, Duration.ofSeconds(60));
                        millis.add((System.nanoTime() - t0) / 1e6);
                        if (r.statusCode() != 200) {
                            throw new IllegalStateException("HTTP " + r.statusCode() + ": " + r.body());
                        }
                    }
                    return millis;
                }));
            }
            var all = new ArrayList<Double>();
            for (var f : futures) {
                all.addAll(f.get());
            }
            return Latencies.of(all);
        } finally {
            pool.shutdownNow();
        }
    }

    private Latencies directLlm(String url, int n) throws Exception {
        String body = "{\"model\":\"bench\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
        var millis = new ArrayList<Double>();
        for (int i = 0; i < n + 10; i++) {
            long t0 = System.nanoTime();
            http.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            if (i >= 10) {
                millis.add((System.nanoTime() - t0) / 1e6);
            }
        }
        return Latencies.of(millis);
    }

    /** All requests at once against a slow model: each must end in 200 or 503 within a bound, none may hang. */
    private void burst(String url, int n, long slowMillis, TutorConfig cfg) throws Exception {
        var llm = cfg.llm();
        out.printf("burst: %d concurrent /api/ask against a %d ms LLM (cap %d, queue wait %.1f s, timeout %.0f s)%n", n,
                slowMillis, llm.maxConcurrent(), llm.queueWait().toMillis() / 1000.0, llm.timeout().toMillis() / 1000.0);
        long t0 = System.nanoTime();
        var futures = new ArrayList<CompletableFuture<double[]>>();
        for (int i = 0; i < n; i++) {
            String q = questions.get(i % questions.size());
            long start = System.nanoTime();
            futures.add(http.sendAsync(request(url, q, Duration.ofSeconds(120)), HttpResponse.BodyHandlers.ofString())
                    .thenApply(r -> new double[] {r.statusCode(), (System.nanoTime() - start) / 1e6,
                            r.headers().firstValue("Retry-After").isPresent() ? 1 : 0})
                    .exceptionally(e -> new double[] {-1, (System.nanoTime() - start) / 1e6, 0}));
        }
        int ok = 0, busy = 0, busyWithRetryAfter = 0, other = 0;
        var okMillis = new ArrayList<Double>();
        var busyMillis = new ArrayList<Double>();
        for (var f : futures) {
            double[] r = f.get();
            if (r[0] == 200) {
                ok++;
                okMillis.add(r[1]);
            } else if (r[0] == 503) {
                busy++;
                busyWithRetryAfter += (int) r[2];
                busyMillis.add(r[1]);
            } else {
                other++;
            }
        }
        out.printf("burst result: %d answered (200), %d refused (503, %d with Retry-After), %d other/hung; all done in %.1f s%n",
                ok, busy, busyWithRetryAfter, other, (System.nanoTime() - t0) / 1e9);
        out.println("  answered latency: " + Latencies.of(okMillis).summary());
        out.println("  refused latency:  " + Latencies.of(busyMillis).summary());
    }

    /** Other processes on the machine skew every figure; the report says how busy it was. */
    private static String loadAverage() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).strip();
        } catch (java.io.IOException | RuntimeException e) {
            return "n/a";
        }
    }

    private HttpResponse<String> post(String url, String question, Duration timeout) throws Exception {
        return http.send(request(url, question, timeout), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static HttpRequest request(String url, String question, Duration timeout) {
        String body = JSON.createObjectNode().put("question", question).toString();
        return HttpRequest.newBuilder(URI.create(url)).timeout(timeout).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    /** The configured settings with the LLM ones replaced. */
    private TutorConfig withLlm(Map<String, String> llm) {
        var env = new HashMap<String, String>(System.getenv());
        env.keySet().removeIf(k -> k.startsWith("TUTOR_LLM") || k.equals(Setting.OPENAI_API_KEY.env()));
        var flags = new HashMap<String, String>(llm);
        flags.put(Setting.CORPUS_DIR.env(), config.corpusDir().toString());
        flags.put(Setting.DATA_DIR.env(), config.dataDir().toString());
        var c = TutorConfig.from(env, flags);
        return new TutorConfig(config.host(), config.port(), config.corpusDir(), config.dataDir(), config.embedding(),
                config.chunkTokens(), config.queryCacheSize(), config.fusion(), config.originWeights(), config.candidates(),
                c.llm(), config.grading(), config.gapLog(), config.answerUncovered());
    }
}
