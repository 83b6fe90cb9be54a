package mltutor.eval;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.document.Metadata;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.store.embedding.EmbeddingMatch;
import dev.langchain4j.store.embedding.EmbeddingSearchRequest;
import dev.langchain4j.store.embedding.inmemory.InMemoryEmbeddingStore;
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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import mltutor.app.TutorApp;
import mltutor.chunking.Chunk;
import mltutor.config.TutorConfig;
import mltutor.corpus.CorpusLoader;
import mltutor.embedding.LocalEmbedder;
import mltutor.index.ChunkIndex;
import mltutor.retrieval.SearchMode;
import mltutor.retrieval.Answerability;
import mltutor.retrieval.SearchResponse;
import mltutor.retrieval.SearchResult;
import mltutor.web.ApiServer;

/**
 * The performance figures of the retrieval service, measured in one run so every latency can be read
 * against the same floor: one query-embedding call. Queries are cold (the query cache is cleared), so
 * every search pays for its embedding.
 */
public final class Benchmark {
    private final TutorConfig config;
    private final List<EvalQuery> queries;
    private final PrintStream out;

    public Benchmark(TutorConfig config, List<EvalQuery> queries, PrintStream out) {
        this.config = config;
        this.queries = List.copyOf(queries);
        this.out = out;
    }

    public void run(Path jar) throws Exception {
        var corpus = new CorpusLoader().load(config.corpusDir());
        long t0 = System.nanoTime();
        var embedder = new LocalEmbedder(config.embedding(), config.queryCacheSize());
        out.printf("model load: %.2f s (%s)%n", (System.nanoTime() - t0) / 1e9, config.embedding().name());
        double oldChunksPerSec = new EmbeddingThroughput(config, embedder, out).compare(corpus);

        // A copy of the corpus, so one entry can be edited for the warm rebuild.
        Path corpusCopy = copyTree(config.corpusDir(), Files.createTempDirectory("mltutor-bench-corpus"));
        Path buildDir = Files.createTempDirectory("mltutor-bench-index");
        try {
            var buildConfig = withDirs(corpusCopy, buildDir);
            out.println();
            t0 = System.nanoTime();
            try (TutorApp built = TutorApp.start(buildConfig, new CorpusLoader().load(corpusCopy), embedder, true, out)) {
                double secs = (System.nanoTime() - t0) / 1e9;
                int chunks = built.index().index().size();
                out.printf("cold index build (empty embedding cache): %.2f s for %d entries + %d resources = %d chunks"
                                + " (%.1f chunks/s, %.2fx the old path's %.1f chunks/s measured above)%n",
                        secs, corpus.entries().size(), corpus.resources().size(), chunks, chunks / secs,
                        chunks / secs / oldChunksPerSec, oldChunksPerSec);
            }
            Path edited = editOneEntry(corpusCopy);
            long warmMillis;
            t0 = System.nanoTime();
            try (TutorApp rebuilt = TutorApp.start(buildConfig, new CorpusLoader().load(corpusCopy), embedder, false, out)) {
                var r = rebuilt.index();
                out.printf("warm rebuild after editing %s (in-process, model loaded): re-index %.0f ms (%d of %d chunks"
                                + " cut again and %d embedded, the rest from the chunk and embedding caches; %d of %d index"
                                + " segments reused, %d written), ready %.2f s%n", corpusCopy.relativize(edited),
                        (double) r.buildMillis(), r.rechunked(), r.index().size(), r.embedded(), r.segmentsReused(),
                        r.segmentsReused() + r.segmentsWritten(), r.segmentsWritten(), (System.nanoTime() - t0) / 1e9);
                warmMillis = r.buildMillis();
            }
            // The baseline from this run: the same kind of edit without the chunk cache and the stored segments, so every
            // entry is cut again and every segment written (embeddings still come from the embedding cache).
            editOneEntry(corpusCopy);
            Files.deleteIfExists(buildDir.resolve("chunks.cache"));
            deleteTree(buildDir.resolve("segments"));
            try (TutorApp baseline = TutorApp.start(buildConfig, new CorpusLoader().load(corpusCopy), embedder, false, out)) {
                var b = baseline.index();
                out.printf("  the same edit without the chunk cache and stored segments (every entry cut again, all %d"
                                + " segments written): re-index %.0f ms; with them: %.0f ms = %.1fx faster%n",
                        b.segmentsWritten(), (double) b.buildMillis(), (double) warmMillis,
                        b.buildMillis() / (double) Math.max(1, warmMillis));
            }
            try (TutorApp app = TutorApp.start(buildConfig, corpus, embedder, false, out)) {
                measureSearch(app, embedder);
                measureBaseline(app, embedder);
                measureRecall(app, embedder);
            }
            if (jar != null) {
                var startup = new StartupBenchmark(jar, corpusCopy, buildDir, queries.stream().map(EvalQuery::query).toList(), out);
                editOneEntry(corpusCopy);
                startup.restartAfterEdit();
                startup.reusedIndex();
            } else {
                out.println("startup: skipped (run from the jars: ./tutor bench)");
            }
        } finally {
            // The copies and builds are the bench's own: nothing of them is worth keeping.
            deleteTree(corpusCopy);
            deleteTree(buildDir);
        }
        Runtime rt = Runtime.getRuntime();
        System.gc();
        out.printf("this process: heap used %.0f MB (max %.0f MB), RSS %s%n", (rt.totalMemory() - rt.freeMemory()) / 1e6,
                rt.maxMemory() / 1e6, StartupBenchmark.rss(ProcessHandle.current().pid()));
    }

    /** Adds a sentence to the explanation of the first question file, as an editor would; returns the file. */
    static Path editOneEntry(Path corpus) throws IOException {
        Path file;
        try (var files = Files.walk(corpus.resolve("questions"))) {
            file = files.filter(f -> f.toString().endsWith(".md")).sorted().findFirst().orElseThrow();
        }
        String text = Files.readString(file);
        Files.writeString(file, text + "\nAn editor's note added at " + System.nanoTime() + " to measure a warm rebuild.\n");
        return file;
    }

    static void deleteTree(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (var paths = Files.walk(dir)) {
                for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    private static Path copyTree(Path from, Path to) throws IOException {
        try (var files = Files.walk(from)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Path dest = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(dest);
                } else {
                    Files.copy(p, dest);
                }
            }
        }
        return to;
    }

    private void measureSearch(TutorApp app, LocalEmbedder embedder) throws Exception {
        List<String> texts = queries.stream().map(EvalQuery::query).toList();
        // Warm up the JIT and ONNX Runtime before measuring.
        for (int i = 0; i < 2; i++) {
            for (String q : texts) {
                app.retriever().search(q, 5, SearchMode.HYBRID);
            }
        }
        // Interleaved per query, so machine noise hits the floor and every mode alike.
        SearchMode[] modes = SearchMode.values();
        double[] floor = new double[texts.size()];
        double[][] byMode = new double[modes.length][texts.size()];
        for (int i = 0; i < texts.size(); i++) {
            long s = System.nanoTime();
            embedder.embedUncached(texts.get(i));
            floor[i] = (System.nanoTime() - s) / 1e6;
            for (int m = 0; m < modes.length; m++) {
                embedder.clearQueryCache();
                s = System.nanoTime();
                app.retriever().search(texts.get(i), 5, modes[m]);
                byMode[m][i] = (System.nanoTime() - s) / 1e6;
            }
        }
        LatencyStats floorStats = LatencyStats.of(floor);
        double f = floorStats.p50();
        out.println();
        out.println("search latency, cold queries (query cache cleared), k=5; ratios are to the floor p50");
        out.println(floorStats.row("floor: one query embedding", f));
        for (int m = 0; m < modes.length; m++) {
            out.println(LatencyStats.of(byMode[m]).row("in-process " + modes[m].id(), f));
        }
        embedder.clearQueryCache();
        double[] warm = new double[texts.size()];
        for (int i = 0; i < texts.size(); i++) {
            app.retriever().search(texts.get(i), 5, SearchMode.HYBRID);
            long s = System.nanoTime();
            app.retriever().search(texts.get(i), 5, SearchMode.HYBRID);
            warm[i] = (System.nanoTime() - s) / 1e6;
        }
        out.println(LatencyStats.of(warm).row("in-process hybrid, cached query", f));

        var server = ApiServer.create(app.api()).start("127.0.0.1", 0);
        try {
            // HTTP/1.1 as browsers and curl speak to this server (no h2c upgrade offer on each new connection).
            var http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5)).build();
            for (SearchMode mode : SearchMode.values()) {
                for (int clients : new int[] {1, 8}) {
                    embedder.clearQueryCache();
                    double[] ms = httpRun(http, server.port(), texts, mode, clients);
                    out.println(LatencyStats.of(ms).row("HTTP " + mode.id() + ", " + clients + " client(s)", f));
                }
            }
            // The overhead as the same query in-process and over HTTP, alternating, so that a change of machine speed
            // during the run (the floor moved by a third between runs on this machine) hits both alike.
            double[] inProcess = new double[texts.size()];
            double[] overHttp = new double[texts.size()];
            for (int i = 0; i < texts.size(); i++) {
                embedder.clearQueryCache();
                long s = System.nanoTime();
                app.retriever().search(texts.get(i), 5, SearchMode.HYBRID);
                inProcess[i] = (System.nanoTime() - s) / 1e6;
                embedder.clearQueryCache();
                overHttp[i] = httpRun(http, server.port(), List.of(texts.get(i)), SearchMode.HYBRID, 1)[0];
            }
            double inP50 = LatencyStats.of(inProcess).p50();
            double httpP50 = LatencyStats.of(overHttp).p50();
            out.printf("hybrid search p50, cold queries, alternating per query: in-process %.2f ms, HTTP 1 client %.2f ms:"
                    + " HTTP overhead %+.2f ms%n", inP50, httpP50, httpP50 - inP50);
        } finally {
            server.stop();
        }
    }

    private static double[] httpRun(HttpClient http, int port, List<String> texts, SearchMode mode, int clients) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            var futures = new ArrayList<Future<Double>>();
            for (String q : texts) {
                URI uri = URI.create("http://127.0.0.1:" + port + "/api/search?k=5&mode=" + mode.id() + "&q="
                        + URLEncoder.encode(q, StandardCharsets.UTF_8));
                futures.add(pool.submit(() -> {
                    long s = System.nanoTime();
                    HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
                    if (r.statusCode() != 200) {
                        throw new IllegalStateException("HTTP " + r.statusCode() + ": " + r.body());
                    }
                    return (System.nanoTime() - s) / 1e6;
                }));
            }
            double[] ms = new double[futures.size()];
            for (int i = 0; i < ms.length; i++) {
                ms[i] = futures.get(i).get();
            }
            return ms;
        } finally {
            pool.shutdown();
        }
    }

    /** LangChain4j's InMemoryEmbeddingStore over the same chunk vectors: the dense-only baseline. */
    private void measureBaseline(TutorApp app, LocalEmbedder embedder) {
        ChunkIndex index = app.index().index();
        var store = new InMemoryEmbeddingStore<TextSegment>();
        List<float[]> vectors = index.vectors();
        for (int doc = 0; doc < vectors.size(); doc++) {
            if (vectors.get(doc) == null) {
                continue; // an entry's lexical document: it has no vector
            }
            Chunk c = index.chunk(doc);
            var meta = new Metadata().put("doc", doc);
            store.add(Embedding.from(vectors.get(doc)), TextSegment.from(c.text(), meta));
        }
        var evaluator = new RetrievalEvaluator(queries);
        var scores = evaluator.score("InMemoryEmbeddingStore", (q, k) -> {
            var matches = store.search(EmbeddingSearchRequest.builder()
                    .queryEmbedding(Embedding.from(embedder.embedQuery(q))).maxResults(50).build()).matches();
            var seen = new LinkedHashSet<String>();
            var results = new ArrayList<SearchResult>();
            for (EmbeddingMatch<TextSegment> m : matches) {
                Chunk c = index.chunk(m.embedded().metadata().getInteger("doc"));
                if (seen.add(c.entryId()) && results.size() < k) {
                    results.add(new SearchResult(c.entryId(), c.question(), c.section(), c.origin(), c.chunkId(),
                            c.heading(), c.text(), m.score(), c.url()));
                }
            }
            return new SearchResponse(q, "baseline", Answerability.Decision.ANSWERABLE, 1, true, 1, 0, 0, null, results);
        });
        out.println();
        out.println(RetrievalScores.header() + "   (baseline has no in-domain detection)");
        out.println(scores.row());
        out.println(evaluator.score(app.retriever(), SearchMode.HYBRID, app.retriever().fusion()).row() + "  <- this service");
        embedder.clearQueryCache();
        List<String> texts = queries.stream().map(EvalQuery::query).toList();
        double[] ms = new double[texts.size()];
        for (int i = 0; i < texts.size(); i++) {
            long s = System.nanoTime();
            store.search(EmbeddingSearchRequest.builder().queryEmbedding(Embedding.from(embedder.embedUncached(texts.get(i))))
                    .maxResults(50).build());
            ms[i] = (System.nanoTime() - s) / 1e6;
        }
        LatencyStats st = LatencyStats.of(ms);
        out.printf("InMemoryEmbeddingStore latency (embed + search, cold): p50 %.2f ms, p95 %.2f ms, p99 %.2f ms%n",
                st.p50(), st.p95(), st.p99());
    }

    /**
     * The HNSW graphs against the exact scan the service uses up to {@code EXACT_SEARCH_MAX_VECTORS} vectors: recall,
     * and the latency of each at the service's k, alternating per query.
     */
    private void measureRecall(TutorApp app, LocalEmbedder embedder) {
        ChunkIndex index = app.index().index();
        int k = config.candidates();
        int found = 0, foundWide = 0, total = 0;
        double[] exactMs = new double[queries.size()];
        double[] graphMs = new double[queries.size()];
        for (int i = 0; i < queries.size(); i++) {
            float[] v = embedder.embedQuery(queries.get(i).query());
            long t = System.nanoTime();
            var exact = index.exactKnn(v, k);
            exactMs[i] = (System.nanoTime() - t) / 1e6;
            t = System.nanoTime();
            var graph = index.approximateKnn(v, k, null);
            graphMs[i] = (System.nanoTime() - t) / 1e6;
            var exact10 = exact.stream().limit(10).map(ChunkIndex.Hit::doc).toList();
            var graph10 = index.approximateKnn(v, 10, null).stream().map(ChunkIndex.Hit::doc).toList();
            var wide10 = graph.stream().limit(10).map(ChunkIndex.Hit::doc).toList();
            found += (int) exact10.stream().filter(graph10::contains).count();
            foundWide += (int) exact10.stream().filter(wide10::contains).count();
            total += exact10.size();
        }
        out.printf("HNSW recall@10 against exact search over %d chunks: %.3f asking k=10, %.3f asking k=%d%n",
                index.size(), (double) found / total, (double) foundWide / total, k);
        out.printf("dense search k=%d, p50: exact scan %.2f ms, HNSW graphs %.2f ms (the service scans up to %d vectors)%n",
                k, LatencyStats.of(exactMs).p50(), LatencyStats.of(graphMs).p50(), ChunkIndex.EXACT_SEARCH_MAX_VECTORS);
    }

    private TutorConfig withDirs(Path corpusDir, Path dir) {
        return new TutorConfig(config.host(), config.port(), corpusDir, dir, config.embedding(), config.chunkTokens(),
                config.queryCacheSize(), config.fusion(), config.originWeights(), config.candidates(),
                config.llm(), config.grading(), config.gapLog(), config.answerUncovered());
    }
}
