package mltutor.practice;

import java.util.List;

/**
 * A grader's verdict on one answer: the body of {@code POST /api/feedback}. Every key point is covered, missing
 * or wrong (said, but contradicted by the notes); {@code points} gives the same verdicts in rubric order with
 * the words that earned them.
 *
 * @param score          0-100
 * @param covered        the entry's key points the answer covers, in rubric order
 * @param missing        the entry's key points it does not cover, in rubric order
 * @param wrong          the entry's key points it states wrongly, in rubric order
 * @param points         each key point's verdict, in rubric order
 * @param feedback       Markdown: what was good, what was wrong, what was missing, how to say it better
 * @param followUp       the question to answer next
 * @param generator      "offline", or the LLM that judged ("openai:model", "ollama:model")
 * @param checkedBy      in one sentence, what the grader checked, so the candidate knows what a score means
 * @param selfCheck      true when the grader cannot judge correctness itself and the candidate should confirm
 *                       or reject each match before the score counts for review scheduling (offline grading)
 * @param fallbackReason why an LLM judge was not used for this answer, or null
 */
public record Assessment(String id, int score, List<String> covered, List<String> missing, List<String> wrong,
                         List<PointVerdict> points, String feedback, FollowUp followUp, String generator,
                         String checkedBy, boolean selfCheck, String fallbackReason) {
    /** What the offline grader checks. */
    public static final String OFFLINE_CHECKS =
            "Checked offline: coverage of the key points, plus the contradictions the rules can see (numbers,"
                    + " negations, opposite words, swapped roles). Confirm each match yourself.";
    /** What an LLM judge checks. */
    public static final String JUDGE_CHECKS = "Judged by an LLM against the key points: covered, missing or wrong.";

    /**
     * One key point's verdict.
     *
     * @param verdict       "covered", "missing" or "wrong"
     * @param evidence      the sentence(s) of the answer that matched the point, or null when none did
     * @param findings      what the contradiction rules (or the judge's) found wrong with it, one line each
     * @param creditIfRight the point's share of the score if the candidate confirms the match as correct
     * @param creditIfWrong the point's share if the candidate says the match is wrong (a wrong point costs)
     */
    public record PointVerdict(String point, String verdict, String evidence, List<String> findings,
                               double creditIfRight, double creditIfWrong) {
        public PointVerdict {
            findings = List.copyOf(findings);
        }
    }

    public Assessment {
        if (score < 0 || score > 100) {
            throw new IllegalArgumentException("score out of range: " + score);
        }
        covered = List.copyOf(covered);
        missing = List.copyOf(missing);
        wrong = List.copyOf(wrong);
        points = List.copyOf(points);
    }

    /** This assessment, marked as the fallback for a judge that could not be used. */
    public Assessment withFallback(String reason) {
        return new Assessment(id, score, covered, missing, wrong, points, feedback, followUp, generator, checkedBy,
                selfCheck, reason);
    }
}
