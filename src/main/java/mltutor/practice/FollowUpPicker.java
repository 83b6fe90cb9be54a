package mltutor.practice;

import mltutor.embedding.EntryVectors;
import java.util.List;
import mltutor.corpus.Corpus;
import mltutor.corpus.Entry;
import mltutor.embedding.LocalEmbedder;

/**
 * Chooses the follow-up question for a graded answer: the entry's curated follow-up closest to the first key
 * point the answer missed, so the next question makes the candidate fill the gap; when nothing is missing,
 * the follow-up furthest from the rubric, which goes deeper than the original question did.
 */
public final class FollowUpPicker {
    private final Corpus corpus;
    private final EntryVectors vectors;

    public FollowUpPicker(Corpus corpus, EntryVectors vectors) {
        this.corpus = corpus;
        this.vectors = vectors;
    }

    public FollowUp pick(Entry entry, KeyPointGrader.Coverage coverage) {
        return pick(entry, coverage.missing());
    }

    /** The follow-up for an answer that missed {@code missing} (key points of the entry, in any order). */
    public FollowUp pick(Entry entry, List<String> missingPoints) {
        if (entry.followUps().isEmpty()) {
            return fromRelated(entry);
        }
        List<float[]> followUps = vectors.followUps(entry);
        List<float[]> points = vectors.keyPoints(entry);
        int missing = -1;
        for (int i = 0; i < entry.keyPoints().size(); i++) {
            if (missingPoints.contains(entry.keyPoints().get(i))) {
                missing = i;
                break;
            }
        }
        if (missing >= 0) {
            int best = LocalEmbedder.nearest(points.get(missing), followUps);
            String point = entry.keyPoints().get(missing);
            return new FollowUp(entry.followUps().get(best),
                    "Your answer did not cover this key point, and the question makes you reason about it: " + point,
                    point);
        }
        // Everything covered: the follow-up least like any key point goes furthest beyond the rubric.
        int best = 0;
        double lowest = Double.MAX_VALUE;
        for (int f = 0; f < followUps.size(); f++) {
            double closest = -1;
            for (float[] p : points) {
                closest = Math.max(closest, LocalEmbedder.dot(followUps.get(f), p));
            }
            if (closest < lowest) {
                lowest = closest;
                best = f;
            }
        }
        return new FollowUp(entry.followUps().get(best),
                "You covered every key point; this goes deeper, as an interviewer would with a strong candidate.",
                null);
    }


    private FollowUp fromRelated(Entry entry) {
        return entry.related().stream()
                .flatMap(id -> corpus.entry(id).stream())
                .findFirst()
                .map(r -> new FollowUp(r.question(), "A related question interviewers often ask next.", null))
                .orElse(new FollowUp("Can you give a concrete example and the trade-offs of your approach?",
                        "Interviewers ask for an example and the trade-offs when the answer stays abstract.", null));
    }
}
