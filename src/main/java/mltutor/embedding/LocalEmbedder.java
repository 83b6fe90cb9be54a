package mltutor.embedding;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.HuggingFaceTokenCountEstimator;
import dev.langchain4j.model.embedding.request.EmbeddingInput;
import dev.langchain4j.model.embedding.request.EmbeddingInputType;
import dev.langchain4j.model.embedding.request.EmbeddingParameter;
import dev.langchain4j.model.embedding.request.EmbeddingRequest;
import dev.langchain4j.model.embedding.request.EmbeddingRequestParameters;
import dev.langchain4j.model.embedding.response.EmbeddingResponse;
import dev.langchain4j.model.output.Response;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.ArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntConsumer;

/**
 * Embeds queries and passages with a local ONNX model loaded from disk. Vectors are L2-normalised,
 * so a dot product is a cosine similarity. Query vectors are cached.
 *
 * <p>It is also a LangChain4j {@link EmbeddingModel}, so it plugs into LangChain4j code (an embedding store, an
 * {@code EmbeddingStoreContentRetriever}). Through that interface a text segment is a passage and gets the
 * model's passage prefix; a request marked {@link EmbeddingInputType#QUERY} (what
 * {@code EmbeddingStoreContentRetriever} sends when given {@code embeddingInputType(QUERY)}) gets the query
 * prefix and the query cache. The project itself calls the {@code float[]} methods, which the interface
 * methods delegate to, so its hot path does not change.
 */
public final class LocalEmbedder implements EmbeddingModel {
    /** Passages per task and per progress report. */
    private static final int BATCH = 16;

    private final EmbeddingModelSpec spec;
    private final OnnxEncoder model;
    private final ExecutorService workers;
    private final HuggingFaceTokenCountEstimator tokenCounter;
    private final QueryEmbeddingCache cache;

    public LocalEmbedder(EmbeddingModelSpec spec, int queryCacheSize) {
        DjlTracking.disable();
        requireReadable(spec.modelFile(), "ONNX model");
        requireReadable(spec.tokenizerFile(), "tokenizer");
        this.spec = spec;
        try {
            this.model = new OnnxEncoder(spec.modelFile(), spec.tokenizerFile(), spec.pooling());
            // Count tokens without truncation or padding, so chunk sizes are measured, not clipped.
            this.tokenCounter = new HuggingFaceTokenCountEstimator(spec.tokenizerFile(),
                    Map.of("padding", "false", "truncation", "false", "maxLength", "100000"));
        } catch (RuntimeException e) {
            throw new ModelLoadException("cannot load embedding model " + spec.modelFile() + ": " + e.getMessage()
                    + " (is it an ONNX model with a matching tokenizer? run 'mvn package' to restore the default)", e);
        }
        this.cache = new QueryEmbeddingCache(queryCacheSize);
        // One text per model call on each core (see OnnxEncoder); daemon threads, so they never hold up an exit.
        this.workers = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors(), daemonThreads());
    }

    private static java.util.concurrent.ThreadFactory daemonThreads() {
        return r -> {
            Thread t = new Thread(r, "embedder");
            t.setDaemon(true);
            return t;
        };
    }

    private static void requireReadable(Path file, String what) {
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new ModelLoadException(what + " file not found or unreadable: " + file.toAbsolutePath()
                    + " (run 'mvn package' to unpack the default model into models/, or set TUTOR_EMBEDDING_MODEL)");
        }
    }

    public EmbeddingModelSpec spec() {
        return spec;
    }

    @Override
    public int dimension() {
        return model.dimension();
    }

    /** The model's preset or directory name, e.g. "bge-small-en-v1.5-q". */
    @Override
    public String modelName() {
        return spec.name();
    }

    /** LangChain4j's batch call: every segment is a passage, embedded as {@link #embedPassages} does. */
    @Override
    public Response<List<Embedding>> embedAll(List<TextSegment> segments) {
        List<float[]> vectors = embedPassages(segments.stream().map(TextSegment::text).toList(), done -> { });
        return Response.from(vectors.stream().map(Embedding::from).toList());
    }

    /** The input type is the one request parameter that changes the vector: queries and passages differ. */
    @Override
    public Set<EmbeddingParameter<?>> supportedParameters() {
        return Set.of(EmbeddingRequestParameters.INPUT_TYPE);
    }

    /**
     * LangChain4j's request call (behind {@code embed(String)}, {@code embed(TextSegment)} and
     * {@code embed(EmbeddingRequest)}): a query request goes through {@link #embedQuery}, anything else is a
     * passage. Without this override the interface would embed a query as a passage, without its prefix.
     */
    @Override
    public EmbeddingResponse doEmbed(EmbeddingRequest request) {
        List<String> texts = request.inputs().stream().map(EmbeddingInput::text).toList();
        List<Embedding> embeddings = request.inputType() == EmbeddingInputType.QUERY
                ? texts.stream().map(t -> Embedding.from(embedQuery(t))).toList()
                : embedAll(texts.stream().map(TextSegment::from).toList()).content();
        return EmbeddingResponse.builder().embeddings(embeddings).modelName(modelName()).build();
    }

    /** The query's vector, from the cache when the same query was embedded before. */
    public float[] embedQuery(String query) {
        float[] cached = cache.get(query);
        if (cached != null) {
            return cached;
        }
        float[] vector = embedUncached(query);
        cache.put(query, vector);
        return vector;
    }

    /** One model call with the query prefix, bypassing the cache; the latency floor for benchmarks. */
    public float[] embedUncached(String query) {
        return model.embed(spec.queryPrefix() + query);
    }

    /** Embeds passages on all cores, in input order, reporting how many are done after each batch of 16. */
    public List<float[]> embedPassages(List<String> passages, IntConsumer progress) {
        return embedAll(passages.stream().map(p -> spec.passagePrefix() + p).toList(), progress);
    }

    /** Embeds short texts (sentences, key points) without the query prefix or caching. */
    public List<float[]> embedTexts(List<String> texts) {
        return embedAll(texts, done -> { });
    }

    private List<float[]> embedAll(List<String> texts, IntConsumer progress) {
        var tasks = new ArrayList<Future<List<float[]>>>();
        for (int from = 0; from < texts.size(); from += BATCH) {
            List<String> batch = texts.subList(from, Math.min(texts.size(), from + BATCH));
            tasks.add(workers.submit(() -> batch.stream().map(model::embed).toList()));
        }
        var out = new ArrayList<float[]>(texts.size());
        try {
            for (Future<List<float[]>> task : tasks) {
                out.addAll(task.get());
                progress.accept(out.size());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            tasks.forEach(t -> t.cancel(true));
            throw new IllegalStateException("interrupted while embedding", e);
        } catch (ExecutionException e) {
            tasks.forEach(t -> t.cancel(true));
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (RuntimeException e) {
            tasks.forEach(t -> t.cancel(true)); // the progress callback failed: stop the rest
            throw e;
        }
        return out;
    }

    public int countTokens(String text) {
        return tokenCounter.estimateTokenCountInText(text);
    }

    /** Forgets every cached query vector, so a benchmark can measure cold queries. */
    public void clearQueryCache() {
        cache.clear();
    }

    int cachedQueries() {
        return cache.size();
    }

    /** A copy of v scaled to unit length, so dot products are cosine similarities. */
    public static float[] normalized(float[] v) {
        double norm = 0;
        for (float x : v) {
            norm += x * x;
        }
        float inv = (float) (1.0 / Math.max(Math.sqrt(norm), 1e-12));
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i] * inv;
        }
        return out;
    }

    /** The index of the option most similar to {@code v} (the first on ties). */
    public static int nearest(float[] v, List<float[]> options) {
        int best = 0;
        double bestSim = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < options.size(); i++) {
            double s = dot(v, options.get(i));
            if (s > bestSim) {
                bestSim = s;
                best = i;
            }
        }
        return best;
    }

    public static float dot(float[] a, float[] b) {
        float s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
