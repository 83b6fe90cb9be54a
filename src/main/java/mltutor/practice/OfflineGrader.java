package mltutor.practice;

import mltutor.corpus.Entry;

/** The default grader: key-point coverage by embeddings, feedback and follow-up composed from the entry. */
public final class OfflineGrader implements AnswerGrader {
    public static final String GENERATOR = "offline";

    private final KeyPointGrader grader;
    private final FollowUpChooser followUps;

    public OfflineGrader(KeyPointGrader grader, FollowUpChooser followUps) {
        this.grader = grader;
        this.followUps = followUps;
    }

    @Override
    public Assessment assess(Entry entry, String answer) {
        KeyPointGrader.Coverage coverage = grader.grade(entry, answer);
        return new Assessment(entry.id(), coverage.score(), coverage.covered(), coverage.missing(),
                FeedbackWriter.write(entry, answer, coverage), followUps.choose(entry, coverage.missing(), 1).get(0),
                GENERATOR, null);
    }
}
