package mltutor.practice;

/**
 * Turns key-point similarities into coverage and a 0-100 score.
 *
 * <p>Some key points resemble much of the corpus (their words are common in ML text), others are distinctive.
 * So each point's bar is raised or lowered with its <em>background</em>, its typical similarity to text about
 * unrelated topics: {@code required = threshold + backgroundWeight * (background - backgroundReference)}.
 * A point at or above its bar is covered and earns full credit; within {@code band} below it earns linear
 * partial credit. Calibrated on the real corpus; see docs/practice.md and {@code tutor feedback --calibrate}.
 */
public record GradingScale(double threshold, double band, double backgroundWeight, double backgroundReference) {
    /** Calibrated for bge-small-en-v1.5-q on the project corpus (docs/practice.md). */
    public static final double DEFAULT_THRESHOLD = 0.78;
    public static final double DEFAULT_BAND = 0.05;
    public static final double DEFAULT_BACKGROUND_WEIGHT = 0.7;
    /** The corpus median of the background, so {@code threshold} is the bar for a typical key point. */
    public static final double BACKGROUND_REFERENCE = 0.65;
    public static final GradingScale DEFAULT =
            new GradingScale(DEFAULT_THRESHOLD, DEFAULT_BAND, DEFAULT_BACKGROUND_WEIGHT, BACKGROUND_REFERENCE);

    public GradingScale {
        if (!(threshold > 0 && threshold < 1) || !(band >= 0 && band < threshold)
                || !(backgroundWeight >= 0 && backgroundWeight <= 2)) {
            throw new IllegalArgumentException("invalid grading scale: threshold " + threshold + ", band " + band
                    + ", background weight " + backgroundWeight);
        }
    }

    /** The similarity a key point with this background needs to count as covered. */
    public double required(double background) {
        return threshold + backgroundWeight * (background - backgroundReference);
    }

    public double credit(double similarity, double background) {
        double bar = required(background);
        if (similarity >= bar) {
            return 1;
        }
        if (band == 0 || similarity <= bar - band) {
            return 0;
        }
        return (similarity - (bar - band)) / band;
    }

    /** The mean credit over all key points, as a whole number from 0 to 100. */
    public int score(double[] similarities, double[] backgrounds) {
        if (similarities.length == 0) {
            return 0;
        }
        double sum = 0;
        for (int i = 0; i < similarities.length; i++) {
            sum += credit(similarities[i], backgrounds[i]);
        }
        return (int) Math.round(100 * sum / similarities.length);
    }
}
