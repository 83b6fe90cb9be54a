package mltutor.eval;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import mltutor.corpus.Corpus;
import mltutor.corpus.Entry;
import mltutor.retrieval.AnswerabilityScorer;
import mltutor.retrieval.LogisticModel;
import mltutor.retrieval.ReferenceQuestions;
import mltutor.retrieval.Retriever;
import mltutor.retrieval.Retriever.Holdout;
import mltutor.retrieval.SearchMode;
import mltutor.retrieval.SearchResponse;
import mltutor.retrieval.Signals;

/**
 * Fits the answerability scorer on data written for the purpose, never on an evaluation file: the entries'
 * own phrasings (answerable), questions on ML topics the notes lack (uncovered) and off-topic questions.
 * Each training question is searched with its own trace held out (its phrasing, or every reference question
 * of its subject), so its signals look like those of a new question. Thresholds come from out-of-fold
 * probabilities (5 folds), set so that a target share of answerable phrasings stays answerable.
 */
public final class AnswerabilityFit {
    static final double L2 = 10.0;
    static final int FOLDS = 5;
    /** Share of ML questions (answerable or uncovered) that must pass the off-topic test, out of fold. */
    static final double KEEP_ML = 0.99;
    /** Share of answerable phrasings (that passed the off-topic test) that must stay answerable, out of fold. */
    static final double KEEP_ANSWERABLE = 0.98;

    enum Kind { ANSWERABLE, UNCOVERED, OFF_TOPIC }

    record Row(String question, Kind kind, String group, Signals signals, String topEntry) {
    }

    private final Corpus corpus;
    private final Retriever retriever;
    private final PrintStream out;
    private final boolean withPhrasings;

    /**
     * @param withPhrasings also train on the entries' own aliases and search phrasings (each held out from the
     *                      search that scores it) as answerable questions
     */
    public AnswerabilityFit(Corpus corpus, Retriever retriever, boolean withPhrasings, PrintStream out) {
        this.corpus = corpus;
        this.withPhrasings = withPhrasings;
        this.retriever = retriever;
        this.out = out;
    }

    public AnswerabilityScorer fit() {
        return fit(rows());
    }

    /** Fits the scorer and writes every training row's signals to {@code signalsOut} (TSV), for inspection. */
    public AnswerabilityScorer fit(java.nio.file.Path signalsOut) {
        List<Row> rows = rows();
        var lines = new ArrayList<String>();
        lines.add("question\tkind\tgroup\ttop\t" + String.join("\t", Signals.NAMES));
        for (Row r : rows) {
            var v = Arrays.stream(r.signals().vector()).mapToObj(d -> String.format(java.util.Locale.ROOT, "%.5f", d)).toList();
            lines.add(r.question() + "\t" + r.kind() + "\t" + r.group() + "\t" + r.topEntry() + "\t" + String.join("\t", v));
        }
        try {
            java.nio.file.Files.write(signalsOut, lines);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot write " + signalsOut + ": " + e.getMessage(), e);
        }
        return fit(rows);
    }

    private AnswerabilityScorer fit(List<Row> rows) {
        long a = count(rows, Kind.ANSWERABLE), u = count(rows, Kind.UNCOVERED), o = count(rows, Kind.OFF_TOPIC);
        out.printf("training rows: %d answerable%s, %d uncovered, %d off-topic%n", a,
                withPhrasings ? " (with the entries' phrasings)" : "", u, o);

        // Out-of-fold probabilities, for thresholds and for an honest confusion table.
        double[] pDomain = new double[rows.size()], pCovered = new double[rows.size()];
        for (int f = 0; f < FOLDS; f++) {
            var train = new ArrayList<Row>();
            for (int i = 0; i < rows.size(); i++) {
                if (fold(rows.get(i)) != f) {
                    train.add(rows.get(i));
                }
            }
            LogisticModel d = domain(train), c = covered(train);
            for (int i = 0; i < rows.size(); i++) {
                if (fold(rows.get(i)) == f) {
                    double[] x = rows.get(i).signals().vector();
                    pDomain[i] = d.probability(x);
                    pCovered[i] = c.probability(x);
                }
            }
        }
        double offT = quantile(select(rows, pDomain, k -> k != Kind.OFF_TOPIC), 1 - KEEP_ML);
        var passed = new ArrayList<Double>();
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).kind() == Kind.ANSWERABLE && pDomain[i] >= offT) {
                passed.add(pCovered[i]);
            }
        }
        double covT = quantile(passed.stream().mapToDouble(Double::doubleValue).toArray(), 1 - KEEP_ANSWERABLE);
        var scorer = new AnswerabilityScorer(Signals.NAMES, domain(rows), covered(rows), round(offT), round(covT));
        report(rows, pDomain, pCovered, scorer);
        return scorer;
    }

    private List<Row> rows() {
        var rows = new ArrayList<Row>();
        // Questions written for the entries independently of their indexed phrasings: searched as they are.
        for (ReferenceQuestions.Item item : ReferenceQuestions.answerableItems()) {
            if (corpus.entry(item.group()).isEmpty()) {
                out.printf("warning: answerable training question names no entry '%s': %s%n", item.group(), item.text());
                continue;
            }
            rows.add(row(item.text(), Kind.ANSWERABLE, item.group(), Holdout.NONE));
        }
        for (Entry e : withPhrasings ? corpus.entries() : List.<Entry>of()) {
            var phrasings = new ArrayList<>(e.aliases());
            phrasings.addAll(e.queries());
            for (String p : phrasings) {
                rows.add(row(p, Kind.ANSWERABLE, e.id(), new Holdout(e.id(), p, null, null)));
            }
        }
        for (ReferenceQuestions.Item item : ReferenceQuestions.uncoveredItems()) {
            rows.add(row(item.text(), Kind.UNCOVERED, item.group(), new Holdout(null, null, null, item.group())));
        }
        for (ReferenceQuestions.Item item : ReferenceQuestions.offTopicItems()) {
            if (!item.text().equals(item.group())) { // subject lines name a subject; they are not questions
                rows.add(row(item.text(), Kind.OFF_TOPIC, item.group(), new Holdout(null, null, item.group(), null)));
            }
        }
        return rows;
    }

    private Row row(String question, Kind kind, String group, Holdout holdout) {
        SearchResponse r = retriever.search(question, 5, SearchMode.HYBRID, retriever.ranking(), holdout);
        return new Row(question, kind, group, r.signals(), r.results().isEmpty() ? "-" : r.results().get(0).entryId());
    }

    /** Folds by group (entry, topic or subject), so no fold trains on the subject it is tested on. */
    private static int fold(Row r) {
        return Math.floorMod(r.group().hashCode(), FOLDS);
    }

    private static LogisticModel domain(List<Row> rows) {
        return LogisticModel.fit(features(rows), labels(rows, k -> k != Kind.OFF_TOPIC), L2);
    }

    private static LogisticModel covered(List<Row> rows) {
        return LogisticModel.fit(features(rows), labels(rows, k -> k == Kind.ANSWERABLE), L2);
    }

    private static List<double[]> features(List<Row> rows) {
        return rows.stream().map(r -> r.signals().vector()).toList();
    }

    private static boolean[] labels(List<Row> rows, java.util.function.Predicate<Kind> positive) {
        boolean[] out = new boolean[rows.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = positive.test(rows.get(i).kind());
        }
        return out;
    }

    private static double[] select(List<Row> rows, double[] p, java.util.function.Predicate<Kind> which) {
        var out = new ArrayList<Double>();
        for (int i = 0; i < rows.size(); i++) {
            if (which.test(rows.get(i).kind())) {
                out.add(p[i]);
            }
        }
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    static double quantile(double[] values, double q) {
        double[] v = values.clone();
        Arrays.sort(v);
        return v.length == 0 ? 0.5 : v[Math.min(v.length - 1, (int) Math.floor(q * v.length))];
    }

    private void report(List<Row> rows, double[] pDomain, double[] pCovered, AnswerabilityScorer s) {
        int[][] confusion = new int[3][3];
        for (int i = 0; i < rows.size(); i++) {
            int decided = pDomain[i] < s.offTopicThreshold() ? 2 : pCovered[i] < s.coveredThreshold() ? 1 : 0;
            confusion[rows.get(i).kind().ordinal()][decided]++;
        }
        out.printf("thresholds: off-topic below P(domain) %.4f, uncovered below P(covered) %.4f%n",
                s.offTopicThreshold(), s.coveredThreshold());
        out.println("out-of-fold decisions (rows: truth; columns: answerable, uncovered, offTopic)");
        for (Kind k : Kind.values()) {
            int[] c = confusion[k.ordinal()];
            int n = c[0] + c[1] + c[2];
            out.printf("  %-10s %5d %5d %5d   (%.3f correct)%n", k.name().toLowerCase(java.util.Locale.ROOT), c[0], c[1], c[2],
                    n == 0 ? 0 : (double) c[k.ordinal()] / n);
        }
        out.println("weights per standard deviation (domain, covered):");
        for (int j = 0; j < Signals.NAMES.size(); j++) {
            out.printf("  %-16s %7.3f %7.3f%n", Signals.NAMES.get(j), s.domain().weights()[j], s.covered().weights()[j]);
        }
        // An uncovered training question that the notes now seem to answer: its topic may have gained an entry.
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            if (r.kind() == Kind.UNCOVERED && pCovered[i] >= 0.9 && r.signals().centrality() >= 0.5) {
                out.printf("warning: uncovered topic '%s' may now have an entry: \"%s\" -> %s (P(covered) %.2f)%n",
                        r.group(), r.question(), r.topEntry(), pCovered[i]);
            }
        }
    }

    private static long count(List<Row> rows, Kind k) {
        return rows.stream().filter(r -> r.kind() == k).count();
    }

    private static double round(double v) {
        return Math.round(v * 1e6) / 1e6;
    }
}
