package mltutor.practice;

import mltutor.embedding.EntryVectors;
import mltutor.text.SentenceSplitter;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import mltutor.corpus.Corpus;
import mltutor.corpus.Entry;

/**
 * Calibrates the offline grader on a corpus. For every entry it grades three kinds of answer against the
 * entry's key points: the entry's own model answer, two one-line vague answers, and the model answer of every
 * unrelated entry (wrong topic). Everything is embedded once and the best similarities kept, so the threshold
 * sweep afterwards is arithmetic.
 */
public final class GraderCalibration {
    /** One-line answers that say nothing specific; {question} is replaced by the entry's question. */
    public static final List<String> VAGUE_ANSWERS = List.of(
            "It depends on the data and the model, and there are trade-offs either way.",
            "{question} It is an important concept in machine learning and you have to be careful with it in practice.");

    private record Graded(double[] similarity, double[] background) {
    }

    private final Corpus corpus;
    private final List<Graded> own = new ArrayList<>();
    private final List<List<Graded>> vague = new ArrayList<>();
    private final List<Graded> wrong = new ArrayList<>();

    public GraderCalibration(Corpus corpus, EntryVectors vectors, KeyPointBackground background, PrintStream progress) {
        this.corpus = corpus;
        List<Entry> entries = corpus.entries();
        var bodies = new ArrayList<List<float[]>>();
        for (Entry e : entries) {
            bodies.add(vectors.embed(SentenceSplitter.split(e.body())));
            if (bodies.size() % 20 == 0) {
                progress.printf("embedded %d/%d model answers%n", bodies.size(), entries.size());
            }
        }
        for (int i = 0; i < entries.size(); i++) {
            Entry e = entries.get(i);
            List<float[]> points = vectors.keyPoints(e);
            double[] bg = background.of(e);
            own.add(new Graded(KeyPointGrader.best(points, bodies.get(i), KeyPointGrader.WINDOW).similarity(), bg));
            var v = new ArrayList<Graded>();
            for (String template : VAGUE_ANSWERS) {
                var sentences = vectors.embed(SentenceSplitter.split(vagueAnswer(template, e)));
                v.add(new Graded(KeyPointGrader.best(points, sentences, KeyPointGrader.WINDOW).similarity(), bg));
            }
            vague.add(v);
            for (int j = 0; j < entries.size(); j++) {
                if (KeyPointBackground.unrelated(e, entries.get(j))) {
                    wrong.add(new Graded(KeyPointGrader.best(points, bodies.get(j), KeyPointGrader.WINDOW).similarity(),
                            bg));
                }
            }
        }
    }

    public static String vagueAnswer(String template, Entry e) {
        return template.replace("{question}", e.question());
    }

    /** Prints similarity distributions, the sweep around the configured scale, and the worst own answers. */
    public void report(GradingScale configured, PrintStream out) {
        out.printf("%d entries, %d key points, %d wrong-topic pairs (other section, not linked); window %d sentences%n",
                corpus.entries().size(), own.stream().mapToInt(g -> g.similarity().length).sum(), wrong.size(),
                KeyPointGrader.WINDOW);
        out.println("best key-point similarity   p05    p10    p25    p50    p75    p90    p95    max");
        out.println(distribution("own model answer         ", own));
        out.println(distribution("one-line vague answer    ", vague.stream().flatMap(List::stream).toList()));
        out.println(distribution("unrelated entry's answer ", wrong));
        out.println();
        out.println("threshold band  bgWeight | own: min  p10  median  share>=70 | vague: max  share<own"
                + " | wrong topic: median  p99   max  share<=30");
        for (double weight : new double[] {0, configured.backgroundWeight()}) {
            for (double band : new double[] {0, configured.band()}) {
                for (int t = 74; t <= 82; t++) {
                    var scale = new GradingScale(t / 100.0, band, weight, configured.backgroundReference());
                    out.println(row(scale) + (scale.equals(configured) ? "  <- configured" : ""));
                }
            }
        }
        out.println();
        out.println("lowest-scoring own model answers at the configured scale:");
        var order = new ArrayList<Integer>();
        for (int i = 0; i < own.size(); i++) {
            order.add(i);
        }
        order.sort(Comparator.comparingInt(i -> score(configured, own.get(i))));
        for (int i : order.subList(0, Math.min(5, order.size()))) {
            out.printf("  %3d  %s%n", score(configured, own.get(i)), corpus.entries().get(i).id());
        }
    }

    private String row(GradingScale scale) {
        var o = new ArrayList<Integer>();
        var w = new ArrayList<Integer>();
        var vm = new ArrayList<Integer>();
        int below = 0;
        for (int i = 0; i < own.size(); i++) {
            int s = score(scale, own.get(i));
            o.add(s);
            int v = vague.get(i).stream().mapToInt(g -> score(scale, g)).max().orElse(0);
            vm.add(v);
            if (v < s) {
                below++;
            }
        }
        wrong.forEach(g -> w.add(score(scale, g)));
        return String.format("  %.2f    %.2f   %.2f    |      %3d  %3d  %6d  %8.3f  |      %4d  %8.3f | %19d  %4d  %4d  %8.4f",
                scale.threshold(), scale.band(), scale.backgroundWeight(), pct(o, 0), pct(o, 0.10), pct(o, 0.5),
                o.stream().filter(s -> s >= 70).count() / (double) o.size(), pct(vm, 1), below / (double) o.size(),
                pct(w, 0.5), pct(w, 0.99), pct(w, 1), w.stream().filter(s -> s <= 30).count() / (double) w.size());
    }

    private static int score(GradingScale scale, Graded g) {
        return scale.score(g.similarity(), g.background());
    }

    private static String distribution(String label, List<Graded> graded) {
        double[] v = graded.stream().flatMapToDouble(g -> java.util.Arrays.stream(g.similarity())).sorted().toArray();
        var sb = new StringBuilder(label);
        for (double q : new double[] {0.05, 0.10, 0.25, 0.5, 0.75, 0.90, 0.95, 1.0}) {
            sb.append(String.format("  %.3f", v[(int) Math.floor(q * (v.length - 1))]));
        }
        return sb.toString();
    }

    private static int pct(List<Integer> values, double q) {
        int[] v = values.stream().mapToInt(Integer::intValue).sorted().toArray();
        return v[(int) Math.floor(q * (v.length - 1))];
    }
}
