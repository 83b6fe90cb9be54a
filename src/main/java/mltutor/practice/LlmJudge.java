package mltutor.practice;

import java.util.ArrayList;
import java.util.List;
import mltutor.corpus.Entry;
import mltutor.llm.ConcurrencyCap;
import mltutor.llm.LlmBusyException;
import mltutor.llm.LlmClient;
import mltutor.llm.LlmFailure;
import mltutor.llm.prompt.LeakGuard;
import mltutor.llm.prompt.Prompts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Grades with an LLM: the question, the numbered key points and the model answer go in as reference, the
 * candidate's answer as fenced data, with what the offline contradiction rules flagged; the JSON verdict
 * (covered, missing or wrong per key point) is validated ({@link JudgeVerdict}). When the LLM fails,
 * is busy, or keeps returning invalid verdicts, the offline grader answers, with the reason in
 * {@link Assessment#fallbackReason()}.
 */
public final class LlmJudge implements AnswerGrader {
    private static final Logger LOG = LoggerFactory.getLogger(LlmJudge.class);

    private final LlmClient client;
    private final ConcurrencyCap cap;
    private final Prompts prompts;
    private final LeakGuard guard;
    private final OfflineGrader offline;
    private final FollowUpChooser followUps;

    public LlmJudge(LlmClient client, Prompts prompts, LeakGuard guard, OfflineGrader offline, FollowUpChooser followUps) {
        this.client = client;
        this.cap = client.cap();
        this.prompts = prompts;
        this.guard = guard;
        this.offline = offline;
        this.followUps = followUps;
    }

    @Override
    public Assessment assess(Entry entry, String answer) {
        KeyPointGrader.Coverage rules = offline.coverage(entry, answer);
        var findings = new ArrayList<String>();
        for (int i = 0; i < rules.points().size(); i++) {
            var p = rules.points().get(i);
            if (!p.findings().isEmpty()) {
                findings.add("Key point " + (i + 1) + ": the candidate said \"" + p.evidence() + "\"; "
                        + String.join("; ", p.findings().stream().map(ContradictionRules.Finding::explain).toList()));
            }
        }
        Prompts.Messages m = prompts.judge(entry.question(), entry.keyPoints(), entry.body(), answer, findings);
        JudgeVerdict verdict;
        try (ConcurrencyCap.Permit ignored = cap.acquire()) {
            verdict = client.complete(m.system(), m.user(),
                    reply -> JudgeVerdict.parse(guard.check(reply), entry.keyPoints().size()));
        } catch (LlmFailure f) {
            LOG.warn("LLM judge failed for {}, grading offline: {}", entry.id(), f.reason());
            return offline.assess(entry, answer).withFallback(f.reason());
        } catch (LlmBusyException busy) {
            return offline.assess(entry, answer).withFallback("the LLM is busy");
        }
        var covered = new ArrayList<String>();
        var missing = new ArrayList<String>();
        var wrong = new ArrayList<String>();
        var points = new ArrayList<Assessment.PointVerdict>();
        for (int i = 0; i < entry.keyPoints().size(); i++) {
            String point = entry.keyPoints().get(i);
            boolean isWrong = verdict.wrong().contains(i);
            String state = verdict.covered().contains(i) ? "covered" : isWrong ? "wrong" : "missing";
            (state.equals("covered") ? covered : isWrong ? wrong : missing).add(point);
            var offlinePoint = rules.points().get(i);
            points.add(new Assessment.PointVerdict(point, state, offlinePoint.evidence(),
                    isWrong ? offlinePoint.findings().stream().map(ContradictionRules.Finding::explain).toList()
                            : List.of(), 1, -KeyPointGrader.WRONG_COST));
        }
        var gaps = new ArrayList<>(wrong);
        gaps.addAll(missing);
        FollowUp followUp = verdict.followUp() != null ? verdict.followUp() : followUps.choose(entry, gaps, 1).get(0);
        return new Assessment(entry.id(), verdict.score(), covered, missing, wrong, points, verdict.feedback(), followUp,
                client.label(), Assessment.JUDGE_CHECKS, false, null);
    }
}
