package mltutor.eval;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.OnnxEmbeddingModel;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import mltutor.chunking.Chunk;
import mltutor.chunking.Chunker;
import mltutor.chunking.ChunkingParams;
import mltutor.config.TutorConfig;
import mltutor.corpus.Corpus;
import mltutor.embedding.LocalEmbedder;

/**
 * Passage-embedding throughput of the old path (LangChain4j's {@code OnnxEmbeddingModel}: default session options,
 * one text per call on a thread per core, batches of 16, as the service embedded before) against the service's
 * own path, on the same fixed sample of real chunks, alternating so machine load hits both alike.
 */
final class EmbeddingThroughput {
    static final int SAMPLE = 500;
    private static final int ROUNDS = 2;

    private final TutorConfig config;
    private final LocalEmbedder embedder;
    private final PrintStream out;

    EmbeddingThroughput(TutorConfig config, LocalEmbedder embedder, PrintStream out) {
        this.config = config;
        this.embedder = embedder;
        this.out = out;
    }

    /** Prints both paths' chunks/s and tokens/s and their largest vector difference; returns the old chunks/s. */
    double compare(Corpus corpus) {
        List<Chunk> chunks = new Chunker(ChunkingParams.of(config.chunkTokens()), embedder::countTokens).content(corpus).chunks();
        var sample = new ArrayList<String>();
        int step = Math.max(1, chunks.size() / SAMPLE);
        for (int i = 0; i < chunks.size() && sample.size() < SAMPLE; i += step) {
            sample.add(chunks.get(i).embeddingText());
        }
        long tokens = sample.stream().mapToLong(t -> embedder.countTokens(config.embedding().passagePrefix() + t)).sum();
        var spec = config.embedding();
        List<String> prefixed = sample.stream().map(t -> spec.passagePrefix() + t).toList();
        ExecutorService pool = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors());
        try {
            var wrapper = new OnnxEmbeddingModel(spec.modelFile(), spec.tokenizerFile(), spec.pooling(), pool);
            oldPath(wrapper, prefixed.subList(0, 20)); // warm-up, both paths
            embedder.embedPassages(sample.subList(0, 20), done -> { });
            double[] oldSecs = new double[ROUNDS];
            double[] newSecs = new double[ROUNDS];
            List<float[]> oldVectors = List.of();
            List<float[]> newVectors = List.of();
            for (int r = 0; r < ROUNDS; r++) {
                long t = System.nanoTime();
                oldVectors = oldPath(wrapper, prefixed);
                oldSecs[r] = (System.nanoTime() - t) / 1e9;
                t = System.nanoTime();
                newVectors = embedder.embedPassages(sample, done -> { });
                newSecs[r] = (System.nanoTime() - t) / 1e9;
            }
            double maxDiff = 0;
            for (int i = 0; i < sample.size(); i++) {
                for (int j = 0; j < oldVectors.get(i).length; j++) {
                    maxDiff = Math.max(maxDiff, Math.abs(oldVectors.get(i)[j] - newVectors.get(i)[j]));
                }
            }
            double oldS = median(oldSecs);
            double newS = median(newSecs);
            out.println();
            out.printf("passage embedding, %d real chunks (%d tokens), median of %d alternating rounds:%n",
                    sample.size(), tokens, ROUNDS);
            out.printf("  old path (LangChain4j OnnxEmbeddingModel):  %6.1f chunks/s  %7.0f tokens/s%n",
                    sample.size() / oldS, tokens / oldS);
            out.printf("  new path (ONNX Runtime, tuned session):     %6.1f chunks/s  %7.0f tokens/s  = %.2fx;"
                    + " largest vector difference %.1e%n", sample.size() / newS, tokens / newS, oldS / newS, maxDiff);
            return sample.size() / oldS;
        } finally {
            pool.shutdown();
        }
    }

    private static List<float[]> oldPath(OnnxEmbeddingModel wrapper, List<String> texts) {
        var out = new ArrayList<float[]>(texts.size());
        for (int from = 0; from < texts.size(); from += 16) {
            var batch = texts.subList(from, Math.min(texts.size(), from + 16)).stream().map(TextSegment::from).toList();
            wrapper.embedAll(batch).content().forEach(e -> out.add(LocalEmbedder.normalized(e.vector())));
        }
        return out;
    }

    private static double median(double[] xs) {
        double[] s = xs.clone();
        java.util.Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
