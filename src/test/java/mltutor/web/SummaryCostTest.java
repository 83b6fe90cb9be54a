package mltutor.web;

import static mltutor.web.ApiServerTest.assertError;
import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import mltutor.Fixtures;
import mltutor.app.TutorApp;
import mltutor.corpus.Entry;
import mltutor.practice.AnswerGrader;
import mltutor.practice.Assessment;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The work one {@code POST /api/interview/summary} may cost: answers sent without a score are graded, at most
 * {@link PracticeRoutes#MAX_GRADED_TURNS} of them and {@link PracticeRoutes#MAX_GRADED_CHARS} characters, and only
 * the latest answer to each question. Asserts on the gradings done, counted by a grader wrapped around the real one.
 */
class SummaryCostTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The fixture corpus's six entries plus six more, so a request can name more questions than the limit. */
    private static final List<String> IDS = List.of("kv-cache", "attention-scaling", "dropout", "l1-vs-l2",
            "gradient-clipping", "precision-recall", "extra-1", "extra-2", "extra-3", "extra-4", "extra-5", "extra-6");

    private static TutorApp app;
    private static Javalin server;
    private static ApiClient api;
    private static final List<String> graded = Collections.synchronizedList(new ArrayList<>());

    @BeforeAll
    static void start() throws IOException {
        Path corpus = Fixtures.copyOfFixtureCorpus();
        for (String id : IDS.subList(6, 12)) {
            Files.writeString(corpus.resolve("questions/fundamentals/" + id + ".md"), "---\nid: " + id
                    + "\nsection: Extra\nquestion: What is " + id + "?\norigin: extra\ndifficulty: 1\ntags: [t]\n"
                    + "key_points: [first point, second point, third point]\nfollow_ups: [follow one, follow two, follow three]\n---\n"
                    + "## Short answer\nText about " + id + ".\n");
        }
        app = Fixtures.startApp(corpus, Fixtures.tempDir("summary-cost"));
        AnswerGrader real = app.practice().grader();
        AnswerGrader counting = (Entry entry, String answer) -> {
            graded.add(entry.id() + ":" + answer);
            return real.assess(entry, answer);
        };
        var services = app.api();
        server = ApiServer.create(new ApiServices(services.corpus(), services.retriever(), services.tutor(), counting,
                services.planner(), services.summary(), services.anki(), services.info())).start("127.0.0.1", 0);
        api = new ApiClient(server.port());
    }

    @AfterAll
    static void stop() {
        server.stop();
        app.close();
    }

    @BeforeEach
    void resetCount() {
        graded.clear();
    }

    private static String answer(int n, int chars) {
        var s = new StringBuilder("Answer " + n + ": the cache keeps keys and values, dropout regularises, clipping"
                + " bounds the gradient norm.");
        while (s.length() < chars) {
            s.append(" More detail on the point.");
        }
        // Ends in a non-space, so stripping does not change its length.
        return s.substring(0, chars - 1) + ".";
    }

    private static ApiClient.Response summary(List<Map<String, Object>> turns) {
        try {
            long cpu = processCpuNanos();
            var r = api.post("/api/interview/summary", JSON.writeValueAsString(Map.of("turns", turns)));
            System.out.printf("summary of %d turns: status %d, %d gradings, %.2f s process CPU%n", turns.size(),
                    r.status(), graded.size(), (processCpuNanos() - cpu) / 1e9);
            return r;
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** The request: 200 turns of 1.2 KB answers. Before, each of the 200 was graded (11.5 s of CPU). */
    @Test
    void twoHundredLongAnswersGradeOnlyTheLatestAnswerToEachQuestion() {
        var turns = new ArrayList<Map<String, Object>>();
        for (int i = 0; i < 200; i++) {
            turns.add(Map.of("id", IDS.get(i % 6), "answer", answer(i, 1200)));
        }
        var r = summary(turns);
        assertEquals(200, r.status(), r.body());
        assertEquals(6, r.json().get("answered").asInt());
        assertEquals(6, graded.size(), "one grading per question: " + graded.size());
        for (int i = 194; i < 200; i++) {
            assertTrue(graded.contains(IDS.get(i % 6) + ":" + answer(i, 1200)), "the latest answer is graded");
        }
    }

    @Test
    void aSummaryAtTheLimitsGradesTenAnswersOfTwentyThousandCharacters() {
        var turns = new ArrayList<Map<String, Object>>();
        for (int i = 0; i < PracticeRoutes.MAX_GRADED_TURNS; i++) {
            turns.add(Map.of("id", IDS.get(i), "answer", answer(i, PracticeRoutes.MAX_GRADED_CHARS
                    / PracticeRoutes.MAX_GRADED_TURNS)));
        }
        // Scored turns cost nothing: questions answered earlier with a score, then the same ones scored again.
        for (int i = 0; i < 150; i++) {
            turns.add(0, Map.of("id", IDS.get(i % 12), "answer", answer(i, 1200), "score", 40));
        }
        turns.add(Map.of("id", IDS.get(10), "answer", answer(0, 1200), "score", 90));
        turns.add(Map.of("id", IDS.get(11), "score", 70));
        var r = summary(turns);
        assertEquals(200, r.status(), r.body());
        JsonNode s = r.json();
        assertEquals(12, s.get("answered").asInt());
        assertEquals(PracticeRoutes.MAX_GRADED_TURNS, graded.size());
        assertEquals(PracticeRoutes.MAX_GRADED_CHARS, graded.stream().mapToInt(g -> g.length() - g.indexOf(':') - 1)
                .sum());
    }

    @Test
    void aSummaryOverEitherLimitIsRefusedBeforeAnyGrading() {
        var tooMany = new ArrayList<Map<String, Object>>();
        for (int i = 0; i <= PracticeRoutes.MAX_GRADED_TURNS; i++) {
            tooMany.add(Map.of("id", IDS.get(i), "answer", answer(i, 100)));
        }
        assertError(summary(tooMany), 400, "'turns' has 11 answers to grade (1100 characters); a summary grades at"
                + " most 10 answers and 20000 characters: send the 'score' that /api/feedback gave for the others");
        var tooLong = new ArrayList<Map<String, Object>>();
        for (int i = 0; i < 3; i++) {
            tooLong.add(Map.of("id", IDS.get(i), "answer", answer(i, 7000)));
        }
        assertError(summary(tooLong), 400, "'turns' has 3 answers to grade (21000 characters)");
        assertEquals(List.of(), graded);
    }

    @Test
    void aBadTurnAfterGradableOnesIsRefusedBeforeAnyGrading() {
        var turns = List.<Map<String, Object>>of(Map.of("id", "dropout", "answer", answer(1, 500)),
                Map.of("id", "kv-cache", "score", 101));
        assertError(summary(turns), 400, "turns[1].score must be from 0 to 100");
        assertEquals(List.of(), graded);
    }
}
