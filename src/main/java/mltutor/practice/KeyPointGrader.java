package mltutor.practice;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import mltutor.corpus.Entry;
import mltutor.embedding.EntryVectors;
import mltutor.embedding.LocalEmbedder;
import mltutor.text.SentenceSplitter;
import mltutor.text.Terms;

/**
 * The one judgement of which of an entry's key points an answer covers, used by the feedback and the
 * follow-ups alike. Coverage is by embedding similarity, checked against the answer's words.
 * Each sentence of the answer is embedded once; a key point is compared with every run of up to
 * {@link #WINDOW} adjacent sentences (their normalised mean vector), because a key point often spans
 * two sentences of a real answer. The best match counts, and {@link GradingScale} turns it into credit,
 * with a bar that depends on how much the key point resembles unrelated text ({@link KeyPointBackground}).
 *
 * <p>Similarity alone cannot tell "dropout zeroes activations while training" from "dropout is switched off at
 * inference" (0.83 with bge-small); the words can. So a point counts as covered only when the answer is a close
 * paraphrase ({@link #PARAPHRASE}) or also uses at least {@link #WORD_RECALL} of the point's content words;
 * a point the answer merely resembles earns at most {@link #RESEMBLANCE_CREDIT}.
 *
 * <p>Touching a point is not getting it right: the sentences that matched a point are checked against it with
 * {@link ContradictionRules}, and a point they contradict is {@link Verdict#WRONG}. A wrong point costs
 * {@link #WRONG_COST} of a point's share, more than leaving it out, because an interviewer who hears a
 * confident wrong fact trusts the rest of the answer less.
 */
public final class KeyPointGrader {
    /** Longest run of adjacent sentences compared with a key point. */
    static final int WINDOW = 2;
    /** Similarity at which a window restates the point whatever its words. */
    static final double PARAPHRASE = 0.84;
    /** Share of the point's content words the answer must use below {@link #PARAPHRASE}. */
    static final double WORD_RECALL = 0.5;
    /** Most credit for a point the answer resembles without its words. */
    static final double RESEMBLANCE_CREDIT = 0.5;
    /** What a contradicted point takes off the score, as a share of one point's full credit. */
    static final double WRONG_COST = 1.0;
    /** Share of a key point's words a sentence of the model answer must use to count as stating that point. */
    static final double ABOUT_THE_POINT = 0.3;

    /** What the answer did with a key point. */
    public enum Verdict { COVERED, MISSING, WRONG }

    /**
     * How well one key point is covered, and by which part of the answer.
     *
     * @param similarity cosine similarity of the point to its best-matching window of the answer
     * @param required   the similarity this point needs (see {@link GradingScale#required})
     * @param credit     the point's share of the score: 0..1, or -{@link #WRONG_COST} when it is wrong
     * @param matchCredit the share its words earned before the contradiction rules (0..1)
     * @param evidence   the answer's sentences that matched it best, or null for an empty answer
     * @param findings   what those sentences get wrong about it (empty unless {@code verdict} is WRONG)
     */
    public record PointMatch(String point, double similarity, double required, double credit, double matchCredit,
                             String evidence, Verdict verdict, List<ContradictionRules.Finding> findings) {
        public PointMatch {
            findings = List.copyOf(findings);
        }

        public boolean covered() {
            return verdict == Verdict.COVERED;
        }

        /** This point for the API: what a candidate's confirmation or rejection of the match would count. */
        public Assessment.PointVerdict toVerdict() {
            // Confirming a match can only give what the words earned; a point nothing matched has nothing to confirm.
            double ifRight = verdict == Verdict.WRONG ? matchCredit : Math.max(0, credit);
            return new Assessment.PointVerdict(point, verdict.name().toLowerCase(java.util.Locale.ROOT), evidence,
                    findings.stream().map(ContradictionRules.Finding::explain).toList(), ifRight,
                    evidence == null ? 0 : -WRONG_COST);
        }
    }

    /** The per-point result for one answer. */
    public record Coverage(List<PointMatch> points) {
        /** The mean credit over all key points, as a whole number from 0 to 100 (wrong points subtract). */
        public int score() {
            return (int) Math.round(100 * Math.max(0, points.stream().mapToDouble(PointMatch::credit).sum())
                    / Math.max(1, points.size()));
        }

        public List<String> covered() {
            return with(Verdict.COVERED);
        }

        public List<String> missing() {
            return with(Verdict.MISSING);
        }

        public List<String> wrong() {
            return with(Verdict.WRONG);
        }

        /** The points to probe next: the wrong ones first, then the missing ones, each in rubric order. */
        public List<String> gaps() {
            var out = new ArrayList<>(wrong());
            out.addAll(missing());
            return List.copyOf(out);
        }

        public List<Assessment.PointVerdict> verdicts() {
            return points.stream().map(PointMatch::toVerdict).toList();
        }

        private List<String> with(Verdict verdict) {
            return points.stream().filter(p -> p.verdict() == verdict).map(PointMatch::point).toList();
        }
    }

    /** The best-matching window for each key point: its similarity and where it starts and ends. */
    record Best(double[] similarity, int[] from, int[] to) {
    }

    private final EntryVectors vectors;
    private final KeyPointBackground background;
    private final GradingScale scale;
    private final ContradictionRules rules;
    private final Map<String, List<Set<ContradictionRules.Kind>>> untrusted = new ConcurrentHashMap<>();

    public KeyPointGrader(EntryVectors vectors, KeyPointBackground background, GradingScale scale,
                          ContradictionRules rules) {
        this.vectors = vectors;
        this.background = background;
        this.scale = scale;
        this.rules = rules;
    }

    public GradingScale scale() {
        return scale;
    }

    public Coverage grade(Entry entry, String answer) {
        List<float[]> points = vectors.keyPoints(entry);
        List<String> sentences = SentenceSplitter.split(answer);
        List<float[]> sentenceVectors = vectors.embed(sentences);
        Best best = best(points, sentenceVectors, WINDOW);
        double[] backgrounds = background.of(entry);
        Set<String> answerTerms = Terms.of(answer);
        String reference = ContradictionRules.reference(entry);
        var matches = new ArrayList<PointMatch>();
        for (int p = 0; p < points.size(); p++) {
            List<String> matched = best.from()[p] < 0 ? List.of()
                    : sentences.subList(best.from()[p], best.to()[p] + 1);
            String point = entry.keyPoints().get(p);
            double sim = best.similarity()[p];
            boolean worded = sim >= PARAPHRASE || Terms.recall(Terms.of(point), answerTerms) >= WORD_RECALL;
            double credit = scale.credit(sim, backgrounds[p]);
            if (!worded) {
                credit = Math.min(credit, RESEMBLANCE_CREDIT);
            }
            // Only the sentence closest to the point is held to it: its neighbour in the window may be about
            // something else, and a rule fired on that would call a right answer wrong.
            Set<ContradictionRules.Kind> distrusted = untrusted(entry).get(p);
            List<ContradictionRules.Finding> findings = credit <= 0 ? List.of()
                    : rules.check(point, sentences.get(closest(points.get(p), sentenceVectors, best.from()[p],
                            best.to()[p])), reference).stream().filter(f -> !distrusted.contains(f.kind())).toList();
            Verdict verdict = !findings.isEmpty() ? Verdict.WRONG : credit >= 1 ? Verdict.COVERED : Verdict.MISSING;
            matches.add(new PointMatch(point, sim, scale.required(backgrounds[p]),
                    verdict == Verdict.WRONG ? -WRONG_COST : credit, credit,
                    matched.isEmpty() ? null : String.join(" ", matched), verdict, findings));
        }
        return new Coverage(List.copyOf(matches));
    }

    /**
     * For each key point, the rules that fire on the entry's own model answer (on the sentence grading would
     * match to the point, and on every sentence using enough of its words): a rule that calls the notes wrong
     * about a point misreads how they phrase it, so it is not trusted for that point. Computed once per entry.
     */
    private List<Set<ContradictionRules.Kind>> untrusted(Entry entry) {
        return untrusted.computeIfAbsent(entry.id(), id -> {
            String reference = ContradictionRules.reference(entry);
            List<String> own = SentenceSplitter.split(entry.body());
            List<float[]> ownVectors = vectors.embed(own);
            List<float[]> points = vectors.keyPoints(entry);
            Best matched = best(points, ownVectors, WINDOW);
            var out = new ArrayList<Set<ContradictionRules.Kind>>();
            for (int p = 0; p < points.size(); p++) {
                String point = entry.keyPoints().get(p);
                Set<String> terms = Terms.of(point);
                var kinds = java.util.EnumSet.noneOf(ContradictionRules.Kind.class);
                for (String sentence : own) {
                    if (Terms.recall(terms, Terms.of(sentence)) >= ABOUT_THE_POINT) {
                        rules.check(point, sentence, reference).forEach(f -> kinds.add(f.kind()));
                    }
                }
                if (matched.from()[p] >= 0) {
                    String closest = own.get(closest(points.get(p), ownVectors, matched.from()[p], matched.to()[p]));
                    rules.check(point, closest, reference).forEach(f -> kinds.add(f.kind()));
                }
                out.add(kinds);
            }
            return List.copyOf(out);
        });
    }

    private static int closest(float[] point, List<float[]> sentences, int from, int to) {
        int best = from;
        for (int i = from + 1; i <= to; i++) {
            if (LocalEmbedder.dot(point, sentences.get(i)) > LocalEmbedder.dot(point, sentences.get(best))) {
                best = i;
            }
        }
        return best;
    }

    /** For each key point, the most similar window of 1..{@code window} adjacent sentences. */
    static Best best(List<float[]> points, List<float[]> sentences, int window) {
        var units = new ArrayList<float[]>();
        var from = new ArrayList<Integer>();
        var to = new ArrayList<Integer>();
        for (int i = 0; i < sentences.size(); i++) {
            float[] sum = new float[sentences.get(i).length];
            for (int j = i; j < Math.min(sentences.size(), i + window); j++) {
                float[] v = sentences.get(j);
                for (int d = 0; d < sum.length; d++) {
                    sum[d] += v[d];
                }
                units.add(LocalEmbedder.normalized(sum));
                from.add(i);
                to.add(j);
            }
        }
        double[] sim = new double[points.size()];
        int[] bestFrom = new int[points.size()];
        int[] bestTo = new int[points.size()];
        for (int p = 0; p < points.size(); p++) {
            sim[p] = 0;
            bestFrom[p] = -1;
            bestTo[p] = -1;
            for (int u = 0; u < units.size(); u++) {
                double s = LocalEmbedder.dot(points.get(p), units.get(u));
                if (bestFrom[p] < 0 || s > sim[p]) {
                    sim[p] = s;
                    bestFrom[p] = from.get(u);
                    bestTo[p] = to.get(u);
                }
            }
        }
        return new Best(sim, bestFrom, bestTo);
    }
}
