package mltutor.practice;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;

import mltutor.corpus.Corpus;
import mltutor.corpus.Entry;

/**
 * Sums up a mock-interview session: the average, the sections and tags the candidate is strong or weak in,
 * and the questions to review (lowest score first, each question once at its latest score).
 */
public final class InterviewSummary {
    /** A graded turn; the score is already known. */
    public record Turn(String id, int score) {
    }

    /** A section or tag, and how the session went on it. */
    public record TopicScore(String topic, String kind, int averageScore, int answered) {
    }

    /** A question to come back to. */
    public record ReviewItem(String id, String question, String section, int score) {
    }

    /** The body of {@code POST /api/interview/summary}. */
    public record Summary(int answered, int averageScore, List<TopicScore> strengths, List<TopicScore> weakTopics,
                          List<ReviewItem> review, String summary) {
    }

    /** At or above: a strength, and not worth reviewing yet. */
    public static final int STRONG = 70;
    /** Below: a weak topic. */
    public static final int WEAK = 50;
    /** A tag counts as a topic once it appears in this many answered questions. */
    private static final int MIN_TAG_TURNS = 2;

    private final Corpus corpus;

    public InterviewSummary(Corpus corpus) {
        this.corpus = corpus;
    }

    public Summary summarize(List<Turn> turns) {
        // Latest score per question: a retried question counts once, as it stands now.
        var latest = new LinkedHashMap<String, Integer>();
        turns.forEach(t -> {
            latest.remove(t.id());
            latest.put(t.id(), t.score());
        });
        var sections = new LinkedHashMap<String, List<Integer>>();
        var tags = new LinkedHashMap<String, List<Integer>>();
        var review = new ArrayList<ReviewItem>();
        latest.forEach((id, score) -> {
            Entry e = corpus.entry(id).orElseThrow();
            sections.computeIfAbsent(e.section(), k -> new ArrayList<>()).add(score);
            e.tags().forEach(tag -> tags.computeIfAbsent(tag, k -> new ArrayList<>()).add(score));
            if (score < STRONG) {
                review.add(new ReviewItem(id, e.question(), e.section(), score));
            }
        });
        review.sort(Comparator.comparingInt(ReviewItem::score));
        var topics = new ArrayList<TopicScore>();
        sections.forEach((s, scores) -> topics.add(topic(s, "section", scores)));
        tags.forEach((t, scores) -> {
            if (scores.size() >= MIN_TAG_TURNS) {
                topics.add(topic(t, "tag", scores));
            }
        });
        var strengths = topics.stream().filter(t -> t.averageScore() >= STRONG)
                .sorted(Comparator.comparingInt(TopicScore::averageScore).reversed()).toList();
        var weak = topics.stream().filter(t -> t.averageScore() < WEAK)
                .sorted(Comparator.comparingInt(TopicScore::averageScore)).toList();
        int average = (int) Math.round(latest.values().stream().mapToInt(Integer::intValue).average().orElse(0));
        return new Summary(latest.size(), average, strengths, weak, List.copyOf(review),
                markdown(latest.size(), average, strengths, weak, review));
    }

    private static TopicScore topic(String name, String kind, List<Integer> scores) {
        int avg = (int) Math.round(scores.stream().mapToInt(Integer::intValue).average().orElse(0));
        return new TopicScore(name, kind, avg, scores.size());
    }

    private static String markdown(int answered, int average, List<TopicScore> strengths, List<TopicScore> weak,
                                   List<ReviewItem> review) {
        var md = new StringBuilder();
        md.append("**").append(answered).append(answered == 1 ? " question" : " questions")
                .append(" answered, average score ").append(average).append("/100.**\n\n");
        md.append("**Strengths:** ").append(strengths.isEmpty() ? "none yet (no topic averaged " + STRONG + " or more)"
                : names(strengths)).append("\n\n");
        md.append("**Weak topics:** ").append(weak.isEmpty() ? "none below " + WEAK : names(weak)).append("\n\n");
        if (review.isEmpty()) {
            md.append("Nothing to review: every answer scored ").append(STRONG).append(" or more.\n");
        } else {
            md.append("**Review next:**\n");
            review.stream().limit(5).forEach(r -> md.append("- ").append(r.question()).append(" (").append(r.score())
                    .append(")\n"));
        }
        return md.toString();
    }

    private static String names(List<TopicScore> topics) {
        var parts = new ArrayList<String>();
        for (TopicScore t : topics) {
            parts.add(t.topic() + " (" + t.averageScore() + ")");
        }
        return String.join(", ", parts);
    }

}
