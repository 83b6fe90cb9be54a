package mltutor.web;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import mltutor.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code /api/feedback} and {@code /api/followups} judge an answer with the same coverage model, on the real
 * corpus over real HTTP: they name the same missed key points, and a follow-up that cites a key point cites one
 * the answer missed or covered as it says.
 */
class FeedbackFollowUpsAgreementTest {
    @RegisterExtension
    static final ServerFixture SERVER = new ServerFixture(Fixtures::realApp);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The answer from issue 9: feedback counted the first key point covered, follow-ups listed it as missed. */
    static final String LORA_ANSWER = "LoRA freezes the base weights and trains two small matrices A and B whose "
            + "product is added to the weight. It saves memory.";

    @ParameterizedTest
    @ValueSource(strings = {LORA_ANSWER,
            "LoRA is a way to fine-tune a model.",
            "LoRA adds a low-rank update BA to a frozen weight W0; B starts at zero so training starts from the base"
                    + " model. With r = 8 on a 4096 x 4096 matrix it trains 65,536 parameters instead of 16.8M."
                    + " After training BA can be merged into W0, so inference costs nothing extra.",
            "Precision is the share of predicted positives that are correct."})
    void feedbackAndFollowUpsAgreeOnWhatTheAnswerMissed(String answer) throws Exception {
        JsonNode feedback = post("/api/feedback", Map.of("id", "lora", "answer", answer));
        JsonNode followUps = post("/api/followups", Map.of("id", "lora", "answer", answer, "n", 5));
        assertEquals(strings(feedback.get("missing")), strings(followUps.get("missedKeyPoints")));
        List<String> missed = strings(feedback.get("missing"));
        List<String> covered = strings(feedback.get("covered"));
        for (JsonNode f : followUps.get("followUps")) {
            String rationale = f.get("rationale").asText();
            if (rationale.startsWith("Your answer missed this key point: ")) {
                assertTrue(missed.contains(f.get("keyPoint").asText()), rationale);
            } else if (rationale.startsWith("Probes further into a point your answer made")) {
                assertTrue(covered.contains(f.get("keyPoint").asText()), rationale);
            }
        }
        JsonNode single = feedback.get("followUp");
        if (single.hasNonNull("keyPoint") && single.get("rationale").asText().startsWith("Your answer missed")) {
            assertTrue(missed.contains(single.get("keyPoint").asText()), single.toString());
        }
    }

    @Test
    void theLoraAnswerFromTheIssueIsJudgedOnceAndItsFollowUpsGiveTheirOwnReasons() throws Exception {
        JsonNode feedback = post("/api/feedback", Map.of("id", "lora", "answer", LORA_ANSWER));
        JsonNode followUps = post("/api/followups", Map.of("id", "lora", "answer", LORA_ANSWER, "n", 5));
        assertEquals(strings(feedback.get("covered")).contains(firstKeyPoint()),
                !strings(followUps.get("missedKeyPoints")).contains(firstKeyPoint()));
        for (JsonNode f : followUps.get("followUps")) {
            String rationale = f.get("rationale").asText();
            if (f.hasNonNull("keyPoint")) {
                assertTrue(rationale.contains(f.get("keyPoint").asText().substring(1)), f.toString());
            } else {
                assertFalse(rationale.contains("4096"), "no key point, so no key point as the reason: " + f);
            }
        }
    }

    private static String firstKeyPoint() throws Exception {
        return SERVER.client().get("/api/questions/lora").json().get("keyPoints").get(0).asText();
    }

    private static JsonNode post(String path, Map<String, Object> body) throws Exception {
        var r = SERVER.client().post(path, JSON.writeValueAsString(body));
        assertEquals(200, r.status(), r.body());
        return r.json();
    }

    private static List<String> strings(JsonNode array) {
        var out = new ArrayList<String>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
