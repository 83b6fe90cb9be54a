package mltutor.eval;

import java.util.Arrays;

/** Percentiles of a set of latency samples, in milliseconds. */
public record LatencyStats(int samples, double p50, double p95, double p99) {
    public static LatencyStats of(double[] millis) {
        double[] sorted = millis.clone();
        Arrays.sort(sorted);
        return new LatencyStats(sorted.length, pct(sorted, 0.50), pct(sorted, 0.95), pct(sorted, 0.99));
    }

    private static double pct(double[] sorted, double q) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int i = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }

    /** A table row with each percentile also as a multiple of the floor (one embedding call). */
    public String row(String label, double floor) {
        return String.format("%-34s p50 %6.2f ms (%4.2fx)  p95 %6.2f ms (%4.2fx)  p99 %6.2f ms (%4.2fx)  n=%d",
                label, p50, p50 / floor, p95, p95 / floor, p99, p99 / floor, samples);
    }
}
