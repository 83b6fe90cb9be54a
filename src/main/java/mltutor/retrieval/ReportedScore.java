package mltutor.retrieval;

/** Scores and signals leave the retriever rounded to four decimals: enough to compare, short enough to read. */
final class ReportedScore {
    private ReportedScore() {
    }

    static double round(double v) {
        return Math.round(v * 10000.0) / 10000.0;
    }
}
