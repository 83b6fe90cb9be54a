package mltutor.practice;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import mltutor.corpus.Corpus;
import mltutor.corpus.Entry;
import mltutor.embedding.EntryVectors;
import mltutor.embedding.LocalEmbedder;

/**
 * Chooses an interviewer's next questions, for {@code /api/followups} and for the follow-up in feedback alike.
 * The candidates are the entry's curated follow-ups and the questions of its related entries. A candidate
 * probes a key point when that point is the one it is most similar to, and similar enough ({@link #PROBES});
 * only then does its rationale name the point, so a rationale is always the reason for its own question.
 *
 * <p>Without an answer the candidates come in the author's order (curated first: they go deeper on this
 * question). With one, the points the answer missed come first, in rubric order, each with the candidate
 * that probes it most closely; then candidates that probe covered points; then the rest in the author's order.
 */
public final class FollowUpChooser {
    /**
     * Least similarity (bge-small, question to statement) at which a candidate counts as probing its nearest
     * key point. Below it the question is about something the rubric does not state, and the rationale says so.
     * On the project corpus the median is 0.71 for curated follow-ups and 0.65 for related entries' questions;
     * "What are typical fine-tuning methods for LLMs?" is 0.65 from the LoRA key point it is nearest to.
     */
    static final double PROBES = 0.70;
    /** When an entry has no candidates at all, the question every interviewer asks of an abstract answer. */
    static final FollowUp GENERIC = new FollowUp("Can you give a concrete example and the trade-offs of your approach?",
            "Interviewers ask for an example and the trade-offs when an answer stays abstract.", null, null);

    private final Corpus corpus;
    private final EntryVectors vectors;
    private final Map<String, List<Candidate>> cache = new ConcurrentHashMap<>();

    public FollowUpChooser(Corpus corpus, EntryVectors vectors) {
        this.corpus = corpus;
        this.vectors = vectors;
    }

    /**
     * A candidate question and the key point it probes.
     *
     * @param keyPoint index of the key point it probes, or -1
     */
    private record Candidate(String question, String entryId, String section, int keyPoint, double similarity) {
        boolean curated() {
            return entryId == null;
        }
    }

    /** The first {@code n} follow-ups for an entry nobody has answered yet, in the author's order. */
    public List<FollowUp> choose(Entry e, int n) {
        return candidates(e).stream().limit(n).map(c -> unanswered(e, c)).toList();
    }

    /** The best {@code n} follow-ups for an answer that missed {@code missed} (key points of the entry). */
    public List<FollowUp> choose(Entry e, List<String> missed, int n) {
        List<Candidate> candidates = candidates(e);
        if (candidates.isEmpty()) {
            return List.of(GENERIC);
        }
        var remaining = new ArrayList<>(candidates);
        var picked = new ArrayList<FollowUp>();
        // Missed points in rubric order, round after round, so that several follow-ups cover several gaps.
        boolean progress = true;
        while (progress && picked.size() < n) {
            progress = false;
            for (int k = 0; k < e.keyPoints().size() && picked.size() < n; k++) {
                if (!missed.contains(e.keyPoints().get(k))) {
                    continue;
                }
                int point = k;
                var best = remaining.stream().filter(c -> c.keyPoint() == point)
                        .max(Comparator.comparingDouble(Candidate::similarity));
                if (best.isPresent()) {
                    remaining.remove(best.get());
                    picked.add(answered(e, best.get(), true));
                    progress = true;
                }
            }
        }
        remaining.stream().filter(c -> c.keyPoint() >= 0)
                .sorted(Comparator.comparingDouble(Candidate::similarity).reversed())
                .forEach(c -> picked.add(answered(e, c, false)));
        remaining.stream().filter(c -> c.keyPoint() < 0).forEach(c -> picked.add(answered(e, c, false)));
        return List.copyOf(picked.subList(0, Math.min(n, picked.size())));
    }

    private FollowUp unanswered(Entry e, Candidate c) {
        if (c.keyPoint() >= 0) {
            String point = e.keyPoints().get(c.keyPoint());
            return new FollowUp(c.question(), "Goes deeper on: " + FeedbackWriter.lowerFirst(point), c.entryId(), point);
        }
        return beyond(c);
    }

    private FollowUp answered(Entry e, Candidate c, boolean missedPoint) {
        if (c.keyPoint() < 0) {
            return beyond(c);
        }
        String point = e.keyPoints().get(c.keyPoint());
        String rationale = missedPoint ? "Your answer missed this key point: " + point
                : "Probes further into a point your answer made: " + FeedbackWriter.lowerFirst(point);
        return new FollowUp(c.question(), rationale, c.entryId(), point);
    }

    private static FollowUp beyond(Candidate c) {
        String rationale = c.curated()
                ? "Goes beyond the key points of the question, as an interviewer does once the basics are there."
                : "Moves to a neighbouring topic (" + c.section() + ") that interviewers often connect to this one.";
        return new FollowUp(c.question(), rationale, c.entryId(), null);
    }

    /** The entry's curated follow-ups, then its related entries' questions, each with the point it probes. */
    private List<Candidate> candidates(Entry e) {
        return cache.computeIfAbsent(e.id(), id -> {
            var questions = new ArrayList<>(e.followUps());
            var related = e.related().stream().flatMap(r -> corpus.entry(r).stream()).toList();
            related.forEach(r -> questions.add(r.question()));
            var questionVectors = new ArrayList<>(vectors.followUps(e));
            questionVectors.addAll(vectors.embed(related.stream().map(Entry::question).toList()));
            List<float[]> points = vectors.keyPoints(e);
            var out = new ArrayList<Candidate>();
            for (int i = 0; i < questions.size(); i++) {
                int nearest = points.isEmpty() ? -1 : LocalEmbedder.nearest(questionVectors.get(i), points);
                double similarity = nearest < 0 ? 0 : LocalEmbedder.dot(questionVectors.get(i), points.get(nearest));
                Entry r = i < e.followUps().size() ? null : related.get(i - e.followUps().size());
                out.add(new Candidate(questions.get(i), r == null ? null : r.id(), r == null ? e.section() : r.section(),
                        similarity >= PROBES ? nearest : -1, similarity));
            }
            return List.copyOf(out);
        });
    }
}
