package mltutor.retrieval;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
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

    private final List<float[]> offTopic;
    private final double threshold;
    private final double scale;

    public DomainDetector(List<float[]> offTopic, double threshold, double scale) {
        this.offTopic = List.copyOf(offTopic);
        this.threshold = threshold;
        this.scale = scale;
    }

    /** A detector whose off-topic list is embedded with the given passage embedder. */
    public static DomainDetector create(Function<List<String>, List<float[]>> embed, double threshold) {
        return new DomainDetector(embed.apply(offTopicLines()), threshold, 0.02);
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
