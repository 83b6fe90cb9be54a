package mltutor.tutor;

import mltutor.text.SentenceSplitter;

import java.util.ArrayList;
import java.util.List;
import mltutor.retrieval.Answerability;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import mltutor.corpus.Corpus;
import mltutor.corpus.Entry;
import mltutor.embedding.EntryVectors;
import mltutor.embedding.LocalEmbedder;

/**
 * Chooses an interviewer's next questions offline. The candidates are the entry's curated follow-ups and the
 * questions of its related entries. Without a candidate answer they come in the author's order (curated
 * first: they go deeper on this question). With one, each key point is judged covered or missed from its best
 * cosine similarity to any sentence of the answer and the share of its words the answer uses, and candidates
 * are ranked by how closely they probe a missed point.
 */
public final class FollowUpRanker {
    /**
     * A key point counts as covered when some answer sentence is this similar to it (a paraphrase), or is at
     * least {@link #RELATED} similar and the answer uses half of the key point's content words. Similarity
     * alone cannot tell "dropout zeroes activations while training" from "dropout is switched off at
     * inference" (0.83 with bge-small); the words can. Calibrated on hand-written answers to corpus entries.
     */
    public static final double PARAPHRASE = 0.88;
    public static final double RELATED = 0.70;
    public static final double WORD_RECALL = 0.5;
    /** Weight of an already covered key point when ranking: following up on a strong point is still useful. */
    static final double COVERED_WEIGHT = 0.35;
    /** Each earlier follow-up aimed at the same key point multiplies its weight by this. */
    static final double REPEAT_WEIGHT = 0.6;
    static final int MAX_ANSWER_SENTENCES = 80;

    private final Corpus corpus;
    private final EntryVectors vectors;
    private final Map<String, Vectors> cache = new ConcurrentHashMap<>();

    /** @param vectors key-point and follow-up vectors (passage side: key points and answers are both statements) */
    public FollowUpRanker(Corpus corpus, EntryVectors vectors) {
        this.corpus = corpus;
        this.vectors = vectors;
    }

    /** An entry's candidate follow-ups and the vectors of its key points and candidates, computed once. */
    private record Vectors(List<FollowUp> candidates, List<float[]> candidateVectors, List<float[]> keyPointVectors) {
    }

    private Vectors vectors(Entry e) {
        return cache.computeIfAbsent(e.id(), id -> {
            var candidates = new ArrayList<FollowUp>();
            e.followUps().forEach(q -> candidates.add(new FollowUp(q, "", null)));
            var relatedQuestions = new ArrayList<String>();
            for (String rel : e.related()) {
                corpus.entry(rel).ifPresent(r -> {
                    candidates.add(new FollowUp(r.question(), "", r.id()));
                    relatedQuestions.add(r.question());
                });
            }
            var candidateVectors = new ArrayList<>(vectors.followUps(e));
            candidateVectors.addAll(vectors.embed(relatedQuestions));
            return new Vectors(List.copyOf(candidates), candidateVectors, vectors.keyPoints(e));
        });
    }

    /** The best {@code n} follow-ups for an entry, aimed at what {@code answer} (may be null) missed. */
    public FollowUps rank(Entry e, String answer, int n) {
        Vectors v = vectors(e);
        List<String> keyPoints = e.keyPoints();
        if (answer == null || answer.isBlank() || keyPoints.isEmpty()) {
            var out = new ArrayList<FollowUp>();
            for (int i = 0; i < v.candidates().size() && out.size() < n; i++) {
                FollowUp c = v.candidates().get(i);
                out.add(new FollowUp(c.question(), c.entryId() == null
                        ? "Goes deeper on: " + lowerFirst(keyPoints.isEmpty() ? e.question()
                        : keyPoints.get(LocalEmbedder.nearest(v.candidateVectors().get(i), v.keyPointVectors())))
                        : "Moves to a neighbouring topic (" + corpus.entry(c.entryId()).map(Entry::section).orElse("")
                        + ") that interviewers often connect to this one.", c.entryId()));
            }
            return new FollowUps(e.id(), e.question(), out, List.of(), true, OfflineGenerator.NAME, null,
                    Answerability.Decision.ANSWERABLE);
        }

        double[] similarity = coverage(answer, v.keyPointVectors());
        Set<String> answerTerms = Terms.of(answer);
        boolean[] covered = new boolean[keyPoints.size()];
        var missed = new ArrayList<String>();
        for (int k = 0; k < keyPoints.size(); k++) {
            covered[k] = covered(similarity[k], keyPoints.get(k), answerTerms);
            if (!covered[k]) {
                missed.add(keyPoints.get(k));
            }
        }
        // Greedy: each pick takes the candidate that best probes a missed point, and a point already probed
        // counts for less, so three follow-ups do not all chase the same gap.
        var remaining = new ArrayList<Integer>();
        for (int i = 0; i < v.candidates().size(); i++) {
            remaining.add(i);
        }
        int[] probed = new int[keyPoints.size()];
        var picked = new ArrayList<FollowUp>();
        while (picked.size() < n && !remaining.isEmpty()) {
            int bestI = -1;
            int bestK = -1;
            double best = Double.NEGATIVE_INFINITY;
            for (int i : remaining) {
                float[] c = v.candidateVectors().get(i);
                for (int k = 0; k < keyPoints.size(); k++) {
                    double s = LocalEmbedder.dot(c, v.keyPointVectors().get(k))
                            * (covered[k] ? COVERED_WEIGHT : 1) * Math.pow(REPEAT_WEIGHT, probed[k]);
                    if (s > best) {
                        best = s;
                        bestI = i;
                        bestK = k;
                    }
                }
            }
            remaining.remove(Integer.valueOf(bestI));
            probed[bestK]++;
            String kp = keyPoints.get(bestK);
            String rationale = !covered[bestK]
                    ? "Your answer missed this key point: " + kp
                    : "Probes further into a point your answer made: " + lowerFirst(kp);
            FollowUp f = v.candidates().get(bestI);
            picked.add(new FollowUp(f.question(), rationale, f.entryId()));
        }
        return new FollowUps(e.id(), e.question(), picked, List.copyOf(missed), true, OfflineGenerator.NAME, null,
                Answerability.Decision.ANSWERABLE);
    }

    static boolean covered(double similarity, String keyPoint, Set<String> answerTerms) {
        if (similarity >= PARAPHRASE) {
            return true;
        }
        Set<String> terms = Terms.of(keyPoint);
        double recall = terms.isEmpty() ? 0 : (double) Terms.overlap(terms, answerTerms) / terms.size();
        return similarity >= RELATED && recall >= WORD_RECALL;
    }

    /** For each key point, its best similarity to a sentence of the answer (or the whole answer). */
    double[] coverage(String answer, List<float[]> keyPointVectors) {
        var pieces = new ArrayList<String>(SentenceSplitter.split(answer));
        if (pieces.size() > MAX_ANSWER_SENTENCES) {
            pieces = new ArrayList<>(pieces.subList(0, MAX_ANSWER_SENTENCES));
        }
        pieces.add(answer.length() > 2000 ? answer.substring(0, 2000) : answer);
        List<float[]> sentences = vectors.embed(pieces);
        double[] out = new double[keyPointVectors.size()];
        for (int k = 0; k < out.length; k++) {
            double best = -1;
            for (float[] s : sentences) {
                best = Math.max(best, LocalEmbedder.dot(keyPointVectors.get(k), s));
            }
            out[k] = best;
        }
        return out;
    }


    private static String lowerFirst(String s) {
        if (s.length() > 1 && Character.isUpperCase(s.charAt(0)) && !Character.isUpperCase(s.charAt(1))) {
            return Character.toLowerCase(s.charAt(0)) + s.substring(1);
        }
        return s;
    }
}
