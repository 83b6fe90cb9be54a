package mltutor.practice;

import mltutor.corpus.Entry;

/**
 * The default grader: key-point coverage by embeddings and contradiction rules, feedback and follow-up composed
 * from the entry. It cannot see every wrong statement, so it asks the candidate to confirm its matches.
 */
public final class OfflineGrader implements AnswerGrader {
    public static final String GENERATOR = "offline";

    private final KeyPointGrader grader;
    private final FollowUpChooser followUps;

    public OfflineGrader(KeyPointGrader grader, FollowUpChooser followUps) {
        this.grader = grader;
        this.followUps = followUps;
    }

    /** The per-point judgement behind {@link #assess}, for a judge that wants the rule findings. */
    public KeyPointGrader.Coverage coverage(Entry entry, String answer) {
        return grader.grade(entry, answer);
    }

    @Override
    public Assessment assess(Entry entry, String answer) {
        KeyPointGrader.Coverage coverage = grader.grade(entry, answer);
        return new Assessment(entry.id(), coverage.score(), coverage.covered(), coverage.missing(), coverage.wrong(),
                coverage.verdicts(), FeedbackWriter.write(entry, answer, coverage),
                followUps.choose(entry, coverage.gaps(), 1).get(0), GENERATOR, Assessment.OFFLINE_CHECKS, true, null);
    }
}
