package mltutor.retrieval;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Optional;
import java.util.List;
import java.util.function.Function;
import mltutor.embedding.LocalEmbedder;

/**
 * Decides whether a query is about something the corpus covers. Raw similarity alone cannot: a
 * question about git or SQL sits as close to an ML passage as a terse ML question does. So the query
 * is also compared with a list of topics the corpus does not cover (a resource file), and the signal is
 * the margin {@code nearest corpus chunk - nearest off-topic line}. The threshold on that margin is
 * calibrated on the dev set (docs/retrieval.md); confidence is a logistic centred on it.
 */
public final class DomainDetector {
    static final String OFF_TOPIC_RESOURCE = "/domain/off-topic.txt";
    static final String CACHE_FILE = "off-topic.vectors";

    private final List<float[]> offTopic;
    private final double threshold;
    private final double scale;

    public DomainDetector(List<float[]> offTopic, double threshold, double scale) {
        this.offTopic = List.copyOf(offTopic);
        this.threshold = threshold;
        this.scale = scale;
    }

    /**
     * A detector whose off-topic list is embedded with the given embedder, or read from {@code cacheDir}
     * when an earlier start stored the vectors for the same list there. The cache belongs in the index
     * generation directory, which is specific to one model, so only the list itself needs checking.
     */
    public static DomainDetector create(Function<List<String>, List<float[]>> embed, double threshold, Path cacheDir) {
        List<String> lines = offTopicLines();
        Path cache = cacheDir.resolve(CACHE_FILE);
        String key = Integer.toHexString(lines.hashCode()) + ":" + lines.size();
        List<float[]> vectors = readCache(cache, key).orElseGet(() -> {
            List<float[]> fresh = embed.apply(lines);
            writeCache(cache, key, fresh);
            return fresh;
        });
        return new DomainDetector(vectors, threshold, 0.02);
    }

    private static Optional<List<float[]>> readCache(Path file, String key) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try (var in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            if (!in.readUTF().equals(key)) {
                return Optional.empty();
            }
            int n = in.readInt();
            int dim = in.readInt();
            var out = new ArrayList<float[]>(n);
            for (int i = 0; i < n; i++) {
                float[] v = new float[dim];
                for (int j = 0; j < dim; j++) {
                    v[j] = in.readFloat();
                }
                out.add(v);
            }
            return Optional.of(out);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static void writeCache(Path file, String key, List<float[]> vectors) {
        try (var out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file)))) {
            out.writeUTF(key);
            out.writeInt(vectors.size());
            out.writeInt(vectors.isEmpty() ? 0 : vectors.get(0).length);
            for (float[] v : vectors) {
                for (float x : v) {
                    out.writeFloat(x);
                }
            }
        } catch (IOException e) {
            // Only a start-up shortcut: without the file the next start embeds the list again.
        }
    }

    static List<String> offTopicLines() {
        try (var in = DomainDetector.class.getResourceAsStream(OFF_TOPIC_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + OFF_TOPIC_RESOURCE);
            }
            return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines()
                    .map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public double threshold() {
        return threshold;
    }

    /** The evidence for one query: how much closer it is to the corpus than to any off-topic line. */
    public double margin(float[] query, double nearestCorpusSimilarity) {
        double nearestOffTopic = -1;
        for (float[] v : offTopic) {
            nearestOffTopic = Math.max(nearestOffTopic, LocalEmbedder.dot(query, v));
        }
        return nearestCorpusSimilarity - nearestOffTopic;
    }

    public boolean inDomain(double margin) {
        return margin >= threshold;
    }

    public double confidence(double margin) {
        return 1.0 / (1.0 + Math.exp(-(margin - threshold) / scale));
    }
}
