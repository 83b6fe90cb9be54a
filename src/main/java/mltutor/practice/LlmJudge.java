package mltutor.practice;

import java.util.ArrayList;
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
 * candidate's answer as fenced data; the JSON verdict is validated ({@link JudgeVerdict}). When the LLM fails,
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
        Prompts.Messages m = prompts.judge(entry.question(), entry.keyPoints(), entry.body(), answer);
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
        for (int i = 0; i < entry.keyPoints().size(); i++) {
            (verdict.covered().contains(i) ? covered : missing).add(entry.keyPoints().get(i));
        }
        FollowUp followUp = verdict.followUp() != null ? verdict.followUp() : followUps.choose(entry, missing, 1).get(0);
        return new Assessment(entry.id(), verdict.score(), covered, missing, verdict.feedback(), followUp,
                client.label(), null);
    }
}
