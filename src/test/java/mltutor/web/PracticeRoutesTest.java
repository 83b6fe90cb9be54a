package mltutor.web;

import static mltutor.web.ApiServerTest.assertError;
import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class PracticeRoutesTest {
    @RegisterExtension
    static final ServerFixture SERVER = new ServerFixture();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ApiClient api = SERVER.client();

    private static String body(Map<String, ?> fields) {
        try {
            return JSON.writeValueAsString(fields);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private JsonNode feedback(String id, String answer) {
        var r = api.post("/api/feedback", body(Map.of("id", id, "answer", answer)));
        assertEquals(200, r.status(), r.body());
        return r.json();
    }

    @Test
    void gradesAGoodAnswerWithCoveredPointsFeedbackAndAFollowUp() {
        JsonNode f = feedback("kv-cache", """
                The KV cache stores the key and value vectors of every previous token, so they are not recomputed at
                each decoding step. Under causal attention past keys and values never change, so caching them is exact.
                Its size is 2 x layers x kv_heads x head_dim x sequence length x batch x bytes per value.""");
        assertEquals("kv-cache", f.get("id").asText());
        int score = f.get("score").asInt();
        assertTrue(score >= 50 && score <= 100, "score " + score);
        assertTrue(f.get("covered").size() >= 2, f.toString());
        assertEquals(4, f.get("covered").size() + f.get("missing").size());
        assertTrue(f.get("feedback").asText().contains("### What was good"));
        assertTrue(f.get("feedback").asText().contains("### What was missing"));
        assertEquals("offline", f.get("generator").asText());
        assertTrue(f.get("followUp").get("question").asText().endsWith("?"));
        assertFalse(f.get("followUp").get("rationale").asText().isBlank());
    }

    @Test
    void scoresAnOffTopicAnswerLowAndListsEveryPointAsMissing() {
        JsonNode f = feedback("kv-cache", "Precision is the share of predicted positives that are correct; recall is"
                + " the share of actual positives that were found.");
        assertTrue(f.get("score").asInt() <= 30, f.toString());
        assertTrue(f.get("missing").size() >= 3);
        JsonNode followUp = f.get("followUp");
        assertTrue(f.get("missing").toString().contains(followUp.get("keyPoint").asText()), f.toString());
        assertTrue(followUp.get("rationale").asText().startsWith("Your answer missed this key point: "
                + followUp.get("keyPoint").asText()), "the follow-up probes a point the answer missed: " + followUp);
    }

    @Test
    void quotesTheCandidatesWordsAsInertText() {
        JsonNode f = feedback("kv-cache", "The KV cache stores the key and value vectors of previous tokens so they are"
                + " not recomputed <script>alert(1)</script> at each decoding step.");
        String md = f.get("feedback").asText();
        assertFalse(md.contains("<script>"), md);
        assertTrue(md.contains("&lt;script&gt;"), md);
    }

    @Test
    void quotesDollarSignsEscapedSoQuotedTextIsNotMath() {
        JsonNode f = feedback("kv-cache", "The KV cache stores the key and value vectors $a$ of previous tokens so they"
                + " are not recomputed MATHXPLACEHOLDERX0X<img/src/onerror=alert(1)> at each decoding step.");
        String md = f.get("feedback").asText();
        assertTrue(md.contains("\\$a\\$"), md);
        assertFalse(md.contains("<img"), md);
    }

    @Test
    void refusesEmptyAnswersUnknownIdsAndAnswersOver10000Characters() {
        assertError(api.post("/api/feedback", body(Map.of("id", "kv-cache", "answer", "   "))), 400, "'answer' is empty");
        assertError(api.post("/api/feedback", "{\"id\":\"kv-cache\"}"), 400, "'answer' is empty");
        assertError(api.post("/api/feedback", body(Map.of("answer", "an answer"))), 400, "'id' is required");
        assertError(api.post("/api/feedback", body(Map.of("id", "no-such-entry", "answer", "x"))), 404,
                "no entry with id 'no-such-entry'");
        assertError(api.post("/api/feedback", body(Map.of("id", "kv-cache", "answer", "a".repeat(10_001)))), 400,
                "the limit is 10000");
        assertEquals(200, api.post("/api/feedback", body(Map.of("id", "kv-cache", "answer",
                "word ".repeat(2000).strip()))).status());
        assertError(api.post("/api/feedback", "{\"id\": 5, \"answer\": []}"), 400, "malformed JSON");
    }

    @Test
    void servesEachQuestionOnceUntilTheFilteredPoolIsExhausted() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 6; i++) {
            ObjectNode req = JSON.createObjectNode();
            req.putPOJO("exclude", List.copyOf(seen));
            var r = api.post("/api/interview/next", req.toString());
            assertEquals(200, r.status(), r.body());
            JsonNode q = r.json();
            assertTrue(seen.add(q.get("id").asText()), "repeated " + q);
            assertEquals(5 - i, q.get("remaining").asInt());
            for (String field : new String[] {"id", "question", "section", "difficulty"}) {
                assertTrue(q.has(field), field);
            }
        }
        var r = api.post("/api/interview/next", body(Map.of("exclude", List.copyOf(seen))));
        assertError(r, 404, "no questions left");
    }

    @Test
    void filtersBySectionAndDifficultyAndServesPreferredQuestionsFirst() {
        JsonNode q = api.post("/api/interview/next", body(Map.of("sections", List.of("transformers"),
                "exclude", List.of("kv-cache")))).json();
        assertEquals("attention-scaling", q.get("id").asText());
        JsonNode hard = api.post("/api/interview/next", body(Map.of("difficulty", List.of(3)))).json();
        assertEquals("gradient-clipping", hard.get("id").asText());
        JsonNode preferred = api.post("/api/interview/next", body(Map.of("prefer", List.of("unknown", "dropout", "kv-cache"),
                "exclude", List.of()))).json();
        assertEquals("dropout", preferred.get("id").asText());
        JsonNode a = api.post("/api/interview/next", body(Map.of("seed", 42))).json();
        JsonNode b = api.post("/api/interview/next", body(Map.of("seed", 42))).json();
        assertEquals(a.get("id"), b.get("id"), "a seed makes the pick reproducible");
    }

    @Test
    void refusesUnknownSectionsAndDifficulties() {
        assertError(api.post("/api/interview/next", body(Map.of("sections", List.of("Cooking")))), 400,
                "unknown section 'Cooking'");
        assertError(api.post("/api/interview/next", body(Map.of("difficulty", List.of(4)))), 400,
                "'difficulty' values must be 1, 2 or 3");
        assertError(api.post("/api/interview/next", "{\"exclude\": \"kv-cache\"}"), 400, "malformed JSON");
    }

    @Test
    void summarisesASessionIntoStrengthsWeakTopicsAndQuestionsToReview() {
        var turns = List.of(
                Map.of("id", "kv-cache", "answer", "...", "score", 90),
                Map.of("id", "attention-scaling", "answer", "...", "score", 80),
                Map.of("id", "dropout", "answer", "...", "score", 20),
                Map.of("id", "precision-recall", "answer", "...", "score", 55));
        var r = api.post("/api/interview/summary", body(Map.of("turns", turns)));
        assertEquals(200, r.status(), r.body());
        JsonNode s = r.json();
        assertEquals(4, s.get("answered").asInt());
        assertEquals(61, s.get("averageScore").asInt());
        assertEquals("Transformers", s.get("strengths").get(0).get("topic").asText());
        assertEquals(85, s.get("strengths").get(0).get("averageScore").asInt());
        assertEquals("Deep Learning", s.get("weakTopics").get(0).get("topic").asText());
        assertEquals("dropout", s.get("review").get(0).get("id").asText());
        assertEquals("precision-recall", s.get("review").get(1).get("id").asText());
        assertEquals(2, s.get("review").size());
        assertTrue(s.get("summary").asText().contains("4 questions answered, average score 61/100"));
    }

    @Test
    void gradesTurnsSentWithoutAScoreAndCountsARetriedQuestionOnce() {
        var turns = List.of(
                Map.of("id", "dropout", "score", 100),
                Map.of("id", "dropout", "answer", "Dropout randomly zeroes activations during training."));
        JsonNode s = api.post("/api/interview/summary", body(Map.of("turns", turns))).json();
        assertEquals(1, s.get("answered").asInt());
        assertTrue(s.get("averageScore").asInt() < 100, "the later, graded attempt counts: " + s);
    }

    @Test
    void refusesMalformedSummaries() {
        assertError(api.post("/api/interview/summary", "{}"), 400, "'turns' is required");
        assertError(api.post("/api/interview/summary", body(Map.of("turns", List.of(Map.of("id", "nope", "score", 5))))),
                400, "turns[0].id: no entry with id 'nope'");
        assertError(api.post("/api/interview/summary", body(Map.of("turns", List.of(Map.of("id", "kv-cache", "score", 101))))),
                400, "turns[0].score must be from 0 to 100");
        assertError(api.post("/api/interview/summary", body(Map.of("turns", List.of(Map.of("id", "kv-cache"))))),
                400, "needs a 'score'");
    }
}
