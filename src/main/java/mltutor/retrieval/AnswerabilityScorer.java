package mltutor.retrieval;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Decides answerability from a query's {@link Signals} with two fitted logistic models: one for "is this an
 * ML/LLM interview topic at all" and one for "do the notes answer it". Coefficients and thresholds are
 * versioned in {@code answerability/model.json}, written by {@code tutor fit-answerability}.
 *
 * @param features          the signal names the weights refer to, in order (checked against {@link Signals#NAMES})
 * @param domain            P(ML/LLM topic), trained on in-domain questions against off-topic ones
 * @param covered           P(the notes answer it), trained on entries' phrasings against uncovered ML questions
 * @param offTopicThreshold below this domain probability a query is off-topic
 * @param coveredThreshold  below this covered probability an ML query is uncovered
 */
public record AnswerabilityScorer(List<String> features, LogisticModel domain, LogisticModel covered,
                                  double offTopicThreshold, double coveredThreshold) {
    public static final String RESOURCE = "/answerability/model.json";

    public AnswerabilityScorer {
        if (features == null || domain == null || covered == null) {
            throw new IllegalStateException("the answerability model needs features, domain and covered; run 'tutor fit-answerability'");
        }
        if (!(offTopicThreshold >= 0 && offTopicThreshold <= 1 && coveredThreshold >= 0 && coveredThreshold <= 1)) {
            throw new IllegalStateException("answerability thresholds must be in [0, 1]");
        }
        if (!features.equals(Signals.NAMES)) {
            throw new IllegalStateException("the answerability model was fitted on " + features + " but the signals are "
                    + Signals.NAMES + "; run 'tutor fit-answerability'");
        }
        features = List.copyOf(features);
    }

    public static AnswerabilityScorer load() {
        try (var in = AnswerabilityScorer.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE + "; run 'tutor fit-answerability'");
            }
            return new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                    .readValue(in, AnswerabilityScorer.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE + ": " + e.getMessage(), e);
        }
    }

    public Answerability decide(Signals s) {
        double[] x = s.vector();
        double pDomain = domain.probability(x);
        double pCovered = covered.probability(x);
        Answerability.Decision d = pDomain < offTopicThreshold ? Answerability.Decision.OFF_TOPIC
                : pCovered < coveredThreshold ? Answerability.Decision.UNCOVERED : Answerability.Decision.ANSWERABLE;
        return new Answerability(d, ReportedScore.round(pDomain * pCovered), ReportedScore.round(pDomain));
    }

    /** A scorer that passes everything; used only while fitting, before any model exists. */
    public static AnswerabilityScorer permissive() {
        int d = Signals.NAMES.size();
        var zero = new LogisticModel(new double[d], 10, new double[d], ones(d));
        return new AnswerabilityScorer(Signals.NAMES, zero, zero, 0.5, 0.5);
    }

    private static double[] ones(int d) {
        double[] out = new double[d];
        java.util.Arrays.fill(out, 1);
        return out;
    }

}
