package mltutor.practice;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import mltutor.llm.LlmFailure;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class JudgeVerdictTest {
    @Test
    void readsAVerdictEvenInsideACodeFence() {
        JudgeVerdict v = JudgeVerdict.parse("""
                ```json
                {"score": 75, "covered": [3, 1, 3], "feedback": "### What was good\\nClear.",
                 "followUp": {"question": "Why inverted dropout?", "rationale": "Probes the scaling."}}
                ```""", 4);
        assertEquals(75, v.score());
        assertEquals(List.of(0, 2), v.covered(), "1-based numbers, deduplicated, in rubric order");
        assertEquals("### What was good\nClear.", v.feedback());
        assertEquals("Why inverted dropout?", v.followUp().question());
    }

    @Test
    void readsWrongPointsAndTakesNoneWhenTheJudgeSendsNone() {
        JudgeVerdict v = JudgeVerdict.parse("{\"score\": 20, \"covered\": [1], \"wrong\": [4, 2], \"feedback\": \"x\"}", 4);
        assertEquals(List.of(1, 3), v.wrong());
        assertEquals(List.of(), JudgeVerdict.parse("{\"score\": 20, \"covered\": [1], \"feedback\": \"x\"}", 4).wrong());
    }

    @Test
    void toleratesAMissingFollowUp() {
        assertNull(JudgeVerdict.parse("{\"score\": 0, \"covered\": [], \"feedback\": \"Nothing relevant.\"}", 4).followUp());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "not json at all",
            "{\"score\": 101, \"covered\": [1], \"feedback\": \"x\"}",
            "{\"score\": -1, \"covered\": [1], \"feedback\": \"x\"}",
            "{\"score\": 70.5, \"covered\": [1], \"feedback\": \"x\"}",
            "{\"score\": \"high\", \"covered\": [1], \"feedback\": \"x\"}",
            "{\"score\": 80, \"covered\": [5], \"feedback\": \"x\"}",
            "{\"score\": 80, \"covered\": [0], \"feedback\": \"x\"}",
            "{\"score\": 80, \"covered\": [\"The cache stores keys\"], \"feedback\": \"x\"}",
            "{\"score\": 80, \"feedback\": \"x\"}",
            "{\"score\": 80, \"covered\": [1], \"wrong\": [1], \"feedback\": \"x\"}",
            "{\"score\": 80, \"covered\": [1], \"wrong\": [7], \"feedback\": \"x\"}",
            "{\"score\": 80, \"covered\": [1], \"wrong\": 2, \"feedback\": \"x\"}",
            "{\"score\": 80, \"covered\": [1], \"feedback\": \"  \"}",
            "{\"score\": 80, \"covered\": [1], \"feedback\": \"x\"",
            "[80, [1], \"x\"]"})
    void rejectsVerdictsOutOfRangeOrOffTheList(String reply) {
        LlmFailure f = assertThrows(LlmFailure.class, () -> JudgeVerdict.parse(reply, 4));
        assertTrue(f.retryable());
        assertTrue(f.reason().startsWith("invalid judge verdict"), f.reason());
    }
}
