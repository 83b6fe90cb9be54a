package mltutor.tutor;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import mltutor.Fixtures;
import mltutor.app.TutorApp;
import mltutor.retrieval.Answerability;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Ask, draft and follow-ups on questions the notes do not answer, offline, on the real corpus. */
@Tag("slow")
class TutorAnswerabilityTest {
    private final TutorApp app = Fixtures.realApp();
    private final Tutor tutor = app.tutor();
    static final String UNCOVERED = "how does a gaussian process put a prior over functions";

    @Test
    void saysTheNotesDoNotCoverAnUncoveredQuestionLinksTheNearestEntriesAndLogsTheGap() throws Exception {
        AskAnswer a = tutor.ask(AskRequest.of(UNCOVERED));
        assertEquals(Answerability.Decision.UNCOVERED, a.answerability());
        assertFalse(a.grounded());
        assertTrue(a.inDomain());
        assertEquals(AskAnswer.NONE, a.source());
        assertTrue(a.citations().isEmpty());
        assertTrue(a.answer().startsWith("The tutor's notes don't cover this yet"), a.answer());
        assertEquals(3, a.related().size());
        a.related().forEach(r -> assertTrue(a.answer().contains(r.question()), "links " + r.question()));
        String log = Files.readString(app.config().gapLog().orElseThrow());
        assertTrue(log.contains("\"question\":\"" + UNCOVERED + "\""), log);
    }

    @Test
    void refusesAnOffTopicQuestionWithoutLoggingItAsAGap() throws Exception {
        String q = "what temperature should I proof sourdough at";
        AskAnswer a = tutor.ask(AskRequest.of(q));
        assertEquals(Answerability.Decision.OFF_TOPIC, a.answerability());
        assertFalse(a.inDomain());
        assertTrue(a.answer().startsWith("This does not look like a machine-learning or LLM interview question"), a.answer());
        var log = app.config().gapLog().orElseThrow();
        assertFalse(Files.exists(log) && Files.readString(log).contains(q));
    }

    @Test
    void draftsAndFollowUpsDeclineAnUncoveredQuestionToo() {
        Draft d = tutor.draft(new DraftRequest(UNCOVERED, null));
        assertNull(d.id());
        assertEquals(Answerability.Decision.UNCOVERED, d.answerability());
        assertTrue(d.draft().startsWith("The tutor's notes don't cover this yet"), d.draft());
        FollowUps f = tutor.followUps(new FollowUpRequest(UNCOVERED, null, null, null));
        assertNull(f.id());
        assertTrue(f.followUps().isEmpty());
        assertEquals(Answerability.Decision.UNCOVERED, f.answerability());
    }

    @Test
    void stillAnswersWhatTheNotesCover() {
        AskAnswer a = tutor.ask(AskRequest.of("what is SHAP and how does it explain a single prediction"));
        assertEquals(Answerability.Decision.ANSWERABLE, a.answerability());
        assertEquals(AskAnswer.NOTES, a.source());
        assertTrue(a.grounded());
        assertEquals("shap-lime", a.citations().get(0).entryId());
    }
}
