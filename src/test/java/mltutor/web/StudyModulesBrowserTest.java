package mltutor.web;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The page's study modules in real Chromium, as units: the FSRS port (js/fsrs.js) against the reference
 * implementations' published values (ts-fsrs's long-term scheduler tests and FSRS-6 tests, fsrs-rs's SM-2
 * conversion test), the score-to-rating mapping, the migration of stored SM-2 progress (js/progress.js) and the
 * interview-date plan (js/plan.js). Each test imports the modules the server serves and returns JSON.
 */
@Tag("browser")
class StudyModulesBrowserTest {
    @RegisterExtension
    static final ServerFixture SERVER = new ServerFixture();
    @RegisterExtension
    static final BrowserFixture BROWSER = new BrowserFixture();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long DAY = 86_400_000L;

    /** ts-fsrs __tests__/impl/long-term_scheduler.test.ts: FSRS-5 parameters (19), enable_short_term false. */
    private static final String W19 = "[0.4197, 1.1869, 3.0412, 15.2441, 7.1434, 0.6477, 1.0007, 0.0674, 1.6597,"
            + " 0.1712, 1.1178, 2.0225, 0.0904, 0.3025, 2.1214, 0.2498, 2.9466, 0.4891, 0.6468]";

    @BeforeEach
    void openOrigin() {
        BROWSER.driver().manage().timeouts().scriptTimeout(Duration.ofSeconds(20));
        // Any page of the server's origin: the modules import from there. Storage starts empty.
        BROWSER.driver().get("http://127.0.0.1:" + SERVER.port() + "/openapi.json");
        BROWSER.script("localStorage.clear();");
    }

    /** Runs {@code body} (a function body with fsrs, plan and progress modules in scope) and parses its result. */
    private JsonNode run(String body) {
        Object out = BROWSER.driver().executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                Promise.all([import('/js/fsrs.js'), import('/js/plan.js'), import('/js/progress.js')])
                  .then(([fsrs, plan, progress]) => {
                    try { done(JSON.stringify((() => { %s })())); } catch (e) { done(JSON.stringify({ thrown: e.message })); }
                  }, (e) => done(JSON.stringify({ thrown: 'import failed: ' + e })));
                """.formatted(body));
        try {
            return JSON.readTree((String) out);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + out, e);
        }
    }

    /** Rates a new card with each rating in turn, reviewing each time on the day it falls due. */
    private JsonNode history(String params, String ratings) {
        return run("""
                const f = new fsrs.Fsrs(%s);
                let card = null;
                let now = new Date(2022, 11, 29, 12, 30, 0, 0).getTime();
                const ivl = [], s = [], d = [];
                for (const g of %s) {
                  card = f.next(card, now, g);
                  ivl.push(card.scheduledDays); s.push(card.stability); d.push(card.difficulty);
                  now = card.due;
                }
                return { ivl, s, d };""".formatted(params, ratings));
    }

    private static List<Double> numbers(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asDouble).toList();
    }

    private static List<Double> list(double... values) {
        var out = new ArrayList<Double>();
        for (double v : values) {
            out.add(v);
        }
        return out;
    }

    @Test
    void reproducesTheReferenceLongTermScheduleOfGoodReviewsAndTwoLapses() {
        JsonNode h = history("{ w: " + W19 + " }", "[3, 3, 3, 3, 3, 3, 1, 1, 3, 3, 3, 3, 3]");
        assertEquals(list(3, 13, 48, 155, 445, 1158, 17, 3, 11, 37, 112, 307, 773), numbers(h.get("ivl")));
        assertEquals(list(3.0412, 13.09130698, 48.15848988, 154.93732625, 445.05562739, 1158.07779739, 16.63063166,
                3.01732209, 11.42247264, 37.37521902, 111.8752758, 306.5974569, 772.94026648), numbers(h.get("s")));
        assertEquals(list(4.49094334, 4.26664289, 4.05746029, 3.86237659, 3.68044154, 3.51076891, 4.69833071,
                5.55956298, 5.26323756, 4.98688448, 4.72915759, 4.4888015, 4.26464541), numbers(h.get("d")));
    }

    @Test
    void reproducesTheReferenceLongTermSchedulesOfMixedRatings() {
        JsonNode a = history("{ w: " + W19 + " }", "[1, 2, 3, 4, 1, 2, 3, 4]");
        assertEquals(list(1, 2, 6, 41, 4, 7, 21, 133), numbers(a.get("ivl")));
        assertEquals(list(0.4197, 1.0344317, 5.5356759, 41.0033667, 4.46605519, 6.67743292, 20.88868155,
                132.81849454), numbers(a.get("s")));
        assertEquals(list(7.1434, 7.03653841, 6.64066485, 5.92312772, 6.44779861, 6.45995078, 6.10293922,
                5.36588547), numbers(a.get("d")));
        JsonNode b = history("{ w: " + W19 + " }", "[2, 3, 4, 1, 2, 3, 4, 1]");
        assertEquals(list(2, 7, 54, 5, 8, 26, 171, 8), numbers(b.get("ivl")));
        assertEquals(list(1.1869, 6.59167572, 53.76078737, 5.0853693, 8.09786749, 25.52991279, 171.16195166,
                8.11072373), numbers(b.get("s")));
        JsonNode c = history("{ w: " + W19 + " }", "[4, 1, 2, 3, 4, 1, 2, 3]");
        assertEquals(list(15, 3, 6, 27, 240, 10, 17, 60), numbers(c.get("ivl")));
        assertEquals(list(1.16304343, 2.99573557, 3.59851762, 3.43436666, 2.60045771, 4.03816348, 4.46259158,
                4.24020203), numbers(c.get("d")));
    }

    @Test
    void reproducesTheFsrs6DefaultParametersMemoryStateFirstRatingsAndRecall() {
        JsonNode r = run("""
                const f = new fsrs.Fsrs();
                let state = null;
                const intervals = [0, 0, 1, 3, 8, 21];
                [1, 3, 3, 3, 3, 3].forEach((g, i) => { state = f.nextState(state, intervals[i], g); });
                const first = f.preview(null, new Date(2023, 11, 1, 4, 5).getTime());
                return { state, s: [1, 2, 3, 4].map((g) => first[g].stability), d: [1, 2, 3, 4].map((g) => first[g].difficulty),
                  easyDays: first[4].scheduledDays, recall: f.retrievability(8, first[4].stability), w: f.w };""");
        // ts-fsrs FSRS-6.test.ts "memory state[long-term]" (from fsrs-rs inference.rs), to 4 decimals as there.
        assertEquals(53.335106, r.at("/state/stability").asDouble(), 1e-4);
        assertEquals(6.3574867, r.at("/state/difficulty").asDouble(), 1e-4);
        // "first repeat" and "get retrievability": an Easy card 8 days later is recalled with p = 0.9024733.
        assertEquals(list(0.212, 1.2931, 2.3065, 8.2956), numbers(r.get("s")));
        assertEquals(list(6.4133, 5.11217071, 2.11810397, 1), numbers(r.get("d")));
        assertEquals(8, r.get("easyDays").asInt());
        assertEquals(0.9024733, r.get("recall").asDouble());
        assertEquals(21, r.get("w").size());
        assertEquals(0.1542, r.get("w").get(20).asDouble(), "FSRS-6 default decay");
    }

    @Test
    void mapsScoresToRatingsAtTheGradersBands() {
        JsonNode r = run("""
                const scores = [0, 39, 40, 69, 70, 89, 90, 100];
                let error = null;
                try { fsrs.gradeFromScore(NaN); } catch (e) { error = e.message; }
                return { grades: scores.map(fsrs.gradeFromScore), error };""");
        assertEquals(list(1, 1, 2, 2, 3, 3, 4, 4), numbers(r.get("grades")));
        assertTrue(r.get("error").asText().contains("score must be a number"), r.toString());
    }

    @Test
    void convertsSm2EaseAndIntervalAsFsrsRsDoes() {
        JsonNode r = run("""
                const f = new fsrs.Fsrs();
                const cases = [[2.5, 10, 0.9], [2.5, 10, 0.8], [2.5, 10, 0.95], [1.3, 20, 0.9]];
                const t0 = new Date(2024, 0, 10, 9).getTime();
                const m = f.memoryFromSm2(2.0, 15, 0.9);
                const good = f.next({ state: 'review', ...m, lastReview: t0, reps: 3, lapses: 0 }, t0 + 15 * 86400000, 3);
                return { states: cases.map(([e, i, r]) => f.memoryFromSm2(e, i, r)), growth: good.stability / 15 };""");
        // fsrs-rs inference.rs test_memory_from_sm2 (f32 there, hence the tolerance).
        double[][] expected = {{10.0, 6.9140563}, {3.01572, 9.393428}, {24.841097, 1.2974405}, {20.0, 10.0}};
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i][0], r.at("/states/" + i + "/stability").asDouble(), 1e-4, "case " + i);
            assertEquals(expected[i][1], r.at("/states/" + i + "/difficulty").asDouble(), 1e-4, "case " + i);
        }
        // The converted card grows as SM-2 would have: a Good review on time multiplies the interval by the ease.
        assertEquals(2.0, r.get("growth").asDouble(), 0.01);
    }

    @Test
    void migratesStoredSm2ProgressWithoutLoss() {
        long now = System.currentTimeMillis();
        long due = now + 3 * DAY;
        BROWSER.script("localStorage.setItem('mltutor.progress.v1', arguments[0]);", """
                {"format":"ml-interview-tutor-progress","version":1,
                 "attempts":[{"id":"kv-cache","score":85,"at":%d,"mode":"practice"},{"id":"dropout","score":30,"at":%d,"mode":"review"}],
                 "cards":{"kv-cache":{"ease":2.6,"reps":3,"interval":6,"due":%d,"lastScore":85,"lastAt":%d},
                          "dropout":{"ease":1.3,"reps":0,"interval":1,"due":%d,"lastScore":30}},
                 "names":{"kv-cache":{"question":"What is KV cache?","section":"Transformers"},
                          "dropout":{"question":"What is dropout?","section":"Deep Learning"}}}
                """.formatted(now - 4 * DAY, now - DAY, due, now - 3 * DAY, now));
        JsonNode r = run("""
                const p = progress.progress;
                const exported = JSON.parse(p.exportJson());
                const kv = p.card('kv-cache'), dr = p.card('dropout');
                const reimported = p.importJson(JSON.stringify(exported));
                return { kv, dr, attempts: p.attempts().length, version: exported.version, due: p.dueIds(),
                  reimported, same: JSON.stringify(p.card('kv-cache')) === JSON.stringify(kv),
                  name: p.name('dropout').section };""");
        JsonNode kv = r.get("kv");
        assertNotNull(kv, r.toString());
        assertEquals(due, kv.get("due").asLong(), "the card keeps its due date");
        assertEquals(3, kv.get("reps").asInt());
        assertEquals(85, kv.get("lastScore").asInt());
        assertEquals(3, kv.get("lastGrade").asInt(), "85 counts as Good");
        assertEquals(now - 3 * DAY, kv.get("lastReview").asLong());
        assertEquals(6.0, kv.get("stability").asDouble(), 1e-6, "stability = the SM-2 interval at 90% retention");
        assertTrue(kv.get("difficulty").asDouble() >= 1 && kv.get("difficulty").asDouble() <= 10);
        JsonNode dr = r.get("dr");
        assertEquals(now, dr.get("due").asLong());
        assertEquals(now - DAY, dr.get("lastReview").asLong(), "no lastAt: the due day minus the interval");
        assertEquals(1, dr.get("lastGrade").asInt());
        assertEquals(10.0, dr.get("difficulty").asDouble(), "ease 1.3 is the hardest difficulty");
        assertEquals(2, r.get("attempts").asInt());
        assertEquals(List.of("dropout"), StreamSupport.stream(r.get("due").spliterator(), false).map(JsonNode::asText).toList());
        assertEquals(2, r.get("version").asInt(), "exports are format version 2");
        assertEquals(2, r.get("reimported").asInt());
        assertTrue(r.get("same").asBoolean(), "an exported file imports to the same cards");
        assertEquals("Deep Learning", r.get("name").asText());
    }

    @Test
    void refusesABrokenProgressFileAndKeepsTheCurrentProgress() {
        JsonNode r = run("""
                const p = progress.progress;
                p.record({ id: 'kv-cache', question: 'q', section: 'Transformers' }, 75);
                const errors = [];
                for (const text of ['nope', '{"format":"ml-interview-tutor-progress","version":3,"attempts":[]}']) {
                  try { p.importJson(text); } catch (e) { errors.push(e.message); }
                }
                return { errors, attempts: p.attempts().length };""");
        assertEquals("The file is not JSON.", r.at("/errors/0").asText());
        assertTrue(r.at("/errors/1").asText().contains("unsupported version 3"), r.toString());
        assertEquals(1, r.get("attempts").asInt());
    }

    @Test
    void replacesTheScoresRatingWithTheUsersOwnWithoutCountingTheReviewTwice() {
        JsonNode r = run("""
                const p = progress.progress;
                const entry = { id: 'kv-cache', question: 'q', section: 'Transformers' };
                p.record(entry, 95);
                const easy = p.card('kv-cache');
                p.rate('kv-cache', 1);
                const again = p.card('kv-cache');
                p.rate('kv-cache', 4);
                return { easy, again, back: p.card('kv-cache') };""");
        assertEquals(4, r.at("/easy/lastGrade").asInt(), "95 counts as Easy");
        assertEquals(8, r.at("/easy/scheduledDays").asInt());
        assertEquals(1, r.at("/again/lastGrade").asInt());
        assertEquals(1, r.at("/again/scheduledDays").asInt());
        assertEquals(1, r.at("/again/reps").asInt(), "re-rating is not a second review");
        assertEquals(r.at("/easy/stability").asDouble(), r.at("/back/stability").asDouble());
        assertEquals(r.at("/easy/due").asLong(), r.at("/back/due").asLong());
    }

    private static final String PLAN_INPUT = """
            const f = new fsrs.Fsrs();
            const today = new Date(2025, 0, 6, 10).getTime();
            const sections = [{ section: 'A', count: 10 }, { section: 'B', count: 20 }, { section: 'C', count: 5 }];
            """;

    @Test
    void plansEverySectionAndFitsEachDayInTheMinutesGiven() {
        JsonNode r = run(PLAN_INPUT + """
                const cards = { q1: { ...f.next(null, today - 3 * 86400000, 1), lastScore: 20 } };
                const made = plan.makePlan({ today, interview: new Date(2025, 0, 20).getTime(), dailyMinutes: 30,
                  sections, cards, names: { q1: { section: 'A' } }, scheduler: f });
                return made;""");
        assertEquals(14, r.get("studyDays").asInt());
        assertEquals(14, r.get("days").size());
        for (JsonNode d : r.get("days")) {
            assertTrue(d.get("minutes").asInt() <= 30, d.toString());
        }
        assertEquals("q1", r.at("/days/0/reviewIds/0").asText(), "the overdue review comes on the first day");
        var firstDay = StreamSupport.stream(r.at("/days/0/fresh").spliterator(), false).map(x -> x.get("section").asText()).toList();
        assertFalse(firstDay.contains("A"), "sections never practised come before A: " + firstDay);
        assertEquals(0, r.get("uncovered").size(), "every section is practised before the date");
        assertEquals(34, r.get("unpractised").asInt());
        assertTrue(r.get("newPlanned").asInt() > 20 && r.get("newPlanned").asInt() < 34, r.toString());
        assertTrue(r.get("minutesNeeded").asInt() > 30, "more minutes a day would fit all: " + r.get("minutesNeeded"));
    }

    @Test
    void adaptsToScoresAndRefusesADateThatIsNotAfterToday() {
        JsonNode r = run(PLAN_INPUT + """
                const even = [{ section: 'A', count: 10 }, { section: 'B', count: 10 }, { section: 'C', count: 10 }];
                const make = (cards, names) => plan.makePlan({ today, interview: new Date(2025, 0, 13).getTime(),
                  dailyMinutes: 20, sections: even, cards, names, scheduler: f });
                const names = { a1: { section: 'A' }, b1: { section: 'B' }, c1: { section: 'C' } };
                const graded = (g, score) => ({ ...f.next(null, today - 86400000, g), lastScore: score });
                const weakC = make({ a1: graded(3, 80), b1: graded(3, 80), c1: graded(1, 10) }, names);
                const weakA = make({ a1: graded(1, 10), b1: graded(3, 80), c1: graded(3, 80) }, names);
                const busy = plan.makePlan({ today, interview: new Date(2025, 0, 13).getTime(), dailyMinutes: 20,
                  sections: even, cards: {}, names: {}, scheduler: f, doneToday: 16 });
                return { busyToday: busy.days[0].minutes, busyTomorrow: busy.days[1].minutes, weakC: weakC.days[0].fresh, weakA: weakA.days[0].fresh, reviewsC: weakC.days[0].reviewIds,
                  past: plan.makePlan({ today, interview: today, dailyMinutes: 20, sections, cards: {}, names: {}, scheduler: f }),
                  zero: plan.makePlan({ today, interview: today + 5 * 86400000, dailyMinutes: 0, sections, cards: {}, names: {}, scheduler: f }) };""");
        // One question practised in each of three equal sections: the one that went badly gets the next new one.
        assertEquals("C", r.at("/weakC/0/section").asText(), r.toString());
        assertEquals("A", r.at("/weakA/0/section").asText(), r.toString());
        assertEquals("c1", r.at("/reviewsC/0").asText(), "the failed question is reviewed the next day");
        // 16 of today's 20 minutes already studied: no room for another new question today, tomorrow is full.
        assertEquals(0, r.get("busyToday").asInt());
        assertEquals(16, r.get("busyTomorrow").asInt());
        assertEquals("Pick an interview date after today.", r.at("/past/error").asText());
        assertTrue(r.at("/zero/error").asText().contains("Daily minutes"), r.toString());
    }
}
