package mltutor.web;

import static org.junit.jupiter.api.Assertions.*;
import static org.openqa.selenium.support.ui.ExpectedConditions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import mltutor.Fixtures;
import mltutor.app.TutorApp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The offline grade's self-check in real Chromium, against the real server on the fixture corpus plus the real
 * corpus's LoRA entry: a reversed LoRA answer shows wrong points with the sentence and the rule's finding, the
 * candidate's confirmations change the score shown, and the score recorded in progress (localStorage) is the
 * confirmed one, or the grader's when the candidate moves on. The score arithmetic (js/selfcheck.js) is tested
 * as a unit too. Screenshots: practice-self-check.png and practice-self-check-phone.png.
 */
@Tag("browser")
class PracticeSelfCheckBrowserTest {
    @RegisterExtension
    static final ServerFixture SERVER = new ServerFixture(PracticeSelfCheckBrowserTest::appWithLora);
    @RegisterExtension
    static final BrowserFixture BROWSER = new BrowserFixture();

    static final String REVERSED_LORA = "LoRA unfreezes all the pretrained weights W0. QLoRA keeps the frozen base in"
            + " 32-bit precision. For a 4096 x 4096 matrix LoRA with rank 8 trains about 16.8M parameters.";
    private static final ObjectMapper JSON = new ObjectMapper();

    private ChromeDriver driver;
    private String base;

    /** The fixture corpus plus corpus/questions/llm-fine-tuning/lora.md, its links to entries not there dropped. */
    static TutorApp appWithLora() {
        try {
            Path corpus = Fixtures.copyOfFixtureCorpus();
            String lora = Files.readString(Fixtures.REAL_CORPUS.resolve("questions/llm-fine-tuning/lora.md"))
                    .replaceAll("(?m)^related: \\[.*]$", "related: []")
                    .replaceAll("(?m)^resources: \\[.*]$", "resources: []")
                    .replaceAll("(?m)^origin: seed$", "origin: extra");
            Files.writeString(Files.createDirectories(corpus.resolve("questions/llm-fine-tuning")).resolve("lora.md"), lora);
            return Fixtures.startApp(corpus, Fixtures.tempDir("self-check-index"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @AfterAll
    static void closeApp() {
        SERVER.app().close();
    }

    @BeforeEach
    void freshPage() {
        base = "http://127.0.0.1:" + SERVER.port() + "/";
        driver = BROWSER.freshStorage(base);
    }

    private WebElement visible(By by) {
        return BROWSER.waiting().until(visibilityOfElementLocated(by));
    }

    private JsonNode storage(String key) {
        try {
            Object raw = BROWSER.script("return localStorage.getItem(arguments[0]);", key);
            return raw == null ? null : JSON.readTree((String) raw);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The feedback the page got from POST /api/feedback, as it keeps it in the session. */
    private JsonNode feedback() {
        return storage("mltutor.session.v1").get("feedback");
    }

    private JsonNode attempts() {
        JsonNode progress = storage("mltutor.progress.v1");
        return progress == null ? JSON.createArrayNode() : progress.get("attempts");
    }

    private int shownScore() {
        return Integer.parseInt(driver.findElement(By.id("score")).getText());
    }

    private void answerLora() {
        driver.get(base + "#/practice?id=lora");
        visible(By.id("answer-input")).sendKeys(REVERSED_LORA);
        driver.findElement(By.id("submit-answer")).click();
        visible(By.id("score"));
    }

    /** The server's formula, written out here independently: round(100 * max(0, sum of chosen credits) / n). */
    private static int expected(JsonNode points, List<Boolean> saidRight) {
        double sum = 0;
        for (int i = 0; i < points.size(); i++) {
            JsonNode p = points.get(i);
            sum += saidRight.get(i) ? p.get("creditIfRight").asDouble() : p.get("creditIfWrong").asDouble();
        }
        return (int) Math.round(100 * Math.max(0, sum) / points.size());
    }

    private static List<Boolean> graderReading(JsonNode points) {
        var out = new ArrayList<Boolean>();
        points.forEach(p -> out.add(!p.get("verdict").asText().equals("wrong")));
        return out;
    }

    @Test
    void aReversedLoraAnswerShowsWrongPointsAndRecordsTheConfirmedScore() {
        answerLora();
        JsonNode fb = feedback();
        JsonNode points = fb.get("points");
        assertTrue(fb.get("selfCheck").asBoolean(), fb.toString());
        assertEquals(fb.get("checkedBy").asText(), driver.findElement(By.id("checked-by")).getText());
        assertTrue(fb.get("checkedBy").asText().startsWith("Checked offline"), fb.toString());

        // At least one wrong point, with the candidate's sentence, the rule's finding and what the notes say.
        List<WebElement> wrong = driver.findElements(By.cssSelector("#wrong > li"));
        assertFalse(wrong.isEmpty(), "a reversed answer has a wrong point: " + fb);
        assertEquals(fb.get("wrong").size(), wrong.size());
        WebElement first = wrong.get(0);
        JsonNode firstPoint = points.get(Integer.parseInt(first.getAttribute("data-point")));
        assertEquals("wrong", firstPoint.get("verdict").asText());
        String quoted = first.findElement(By.cssSelector(".evidence")).getText();
        assertTrue(quoted.startsWith("You said: "), quoted);
        assertTrue(REVERSED_LORA.contains(quoted.substring("You said: ".length()).split("\\. ")[0]), quoted);
        List<WebElement> findings = first.findElements(By.cssSelector(".findings li"));
        assertFalse(findings.isEmpty(), "the rule's finding is shown");
        assertEquals(firstPoint.get("findings").get(0).asText(), findings.get(0).getText());
        assertEquals("The notes say: " + firstPoint.get("point").asText(), first.findElement(By.cssSelector(".kp")).getText());
        assertEquals(fb.get("covered").size(), driver.findElements(By.cssSelector("#covered > li")).size());
        assertEquals(fb.get("missing").size(), driver.findElements(By.cssSelector("#missing > li")).size());

        // Nothing is recorded yet; the score shown is the grader's, by the same formula as the server's.
        List<Boolean> choices = graderReading(points);
        assertEquals(fb.get("score").asInt(), expected(points, choices));
        assertEquals(fb.get("score").asInt(), shownScore());
        assertEquals(0, attempts().size(), "a self-checked score waits for the candidate");
        assertTrue(driver.findElement(By.id("score-status")).getText().startsWith("Not recorded yet"));
        assertTrue(driver.findElements(By.cssSelector("#rating-bar")).isEmpty(), "no rating before a score is recorded");

        // Saying the first wrong point was right raises the score; saying it was wrong again restores it.
        int i = Integer.parseInt(first.getAttribute("data-point"));
        WebElement right = first.findElement(By.cssSelector("button[data-choice='right']"));
        WebElement wrongButton = first.findElement(By.cssSelector("button[data-choice='wrong']"));
        assertEquals("true", wrongButton.getAttribute("aria-pressed"), "pre-selected from the verdict");
        right.click();
        choices.set(i, true);
        int raised = expected(points, choices);
        assertTrue(raised > fb.get("score").asInt(), "confirming a match can only add: " + raised);
        assertEquals(raised, shownScore());
        assertEquals(String.valueOf(raised), driver.findElement(By.id("score-to-record")).getText());
        assertEquals("true", right.getAttribute("aria-pressed"));
        assertTrue(driver.findElement(By.id("score-status")).getText().contains("your check makes it " + raised));
        BROWSER.script("window.scrollTo(0, 0);");
        BROWSER.screenshot("practice-self-check");
        wrongButton.click();
        choices.set(i, false);
        assertEquals(fb.get("score").asInt(), shownScore());

        // Reject every covered match and confirm the first wrong one: the shown score follows each choice.
        right.click();
        choices.set(i, true);
        for (WebElement covered : driver.findElements(By.cssSelector("#covered > li"))) {
            List<WebElement> reject = covered.findElements(By.cssSelector("button[data-choice='wrong']"));
            if (!reject.isEmpty()) {
                reject.get(0).click();
                choices.set(Integer.parseInt(covered.getAttribute("data-point")), false);
                assertEquals(expected(points, choices), shownScore());
            }
        }
        int confirmed = expected(points, choices);
        assertEquals(confirmed, shownScore());

        driver.findElement(By.id("record-score")).click();
        WebElement recorded = visible(By.id("recorded-score"));
        assertEquals("self", recorded.getAttribute("data-by"));
        assertEquals(String.valueOf(confirmed), recorded.getAttribute("data-score"));
        assertTrue(recorded.getText().startsWith("Recorded for review: " + confirmed + ", your confirmed score"),
                recorded.getText());
        JsonNode attempts = attempts();
        assertEquals(1, attempts.size());
        assertEquals(confirmed, attempts.get(0).get("score").asInt());
        assertEquals(confirmed, storage("mltutor.progress.v1").at("/cards/lora/lastScore").asInt());
        assertTrue(visible(By.id("rating-bar")).getText().contains("the score " + confirmed + " counts as"));
        assertFalse(right.isEnabled(), "a recorded check is final");
        assertTrue(driver.findElements(By.id("record-score")).isEmpty());

        // Finishing records nothing more, and the summary and the turn carry the confirmed score.
        driver.findElement(By.id("next-question")).click();
        visible(By.id("session-summary"));
        assertEquals(1, attempts().size());
        assertEquals(String.valueOf(confirmed), driver.findElement(By.id("summary-average")).getText());
    }

    @Test
    void movingOnWithoutRecordingKeepsTheGradersScoreOnAPhone() {
        driver.manage().window().setSize(BrowserFixture.PHONE);
        answerLora();
        int graded = feedback().get("score").asInt();
        for (WebElement confirm : driver.findElements(By.cssSelector("#wrong button[data-choice='right']"))) {
            confirm.click();
        }
        assertNotEquals(graded, shownScore(), "the check changed the score shown");
        Object overflow = BROWSER.script("return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
        assertEquals(0L, ((Number) overflow).longValue(), "the page scrolls sideways");
        BROWSER.script("document.querySelector('#wrong').scrollIntoView();");
        BROWSER.screenshot("practice-self-check-phone");

        // Opening another tab is moving on: the grader's score is recorded, as it was, and the page says so when back.
        driver.get(base + "#/progress");
        assertEquals("1", visible(By.id("stat-attempts")).getText());
        assertEquals(graded, attempts().get(0).get("score").asInt());
        driver.get(base + "#/practice");
        WebElement recorded = visible(By.id("recorded-score"));
        assertEquals("grader", recorded.getAttribute("data-by"));
        assertEquals("Recorded for review: " + graded + ", the grader's score.", recorded.getText());
        assertEquals(graded, shownScore());
        assertEquals(1, attempts().size(), "coming back records nothing more");
    }

    @Test
    void theConfirmedScoreFollowsTheServersFormula() throws IOException {
        Object out = driver.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                import('/js/selfcheck.js').then((s) => {
                  const p = (verdict, evidence, creditIfRight, creditIfWrong) => ({ point: verdict, verdict, evidence, findings: [], creditIfRight, creditIfWrong });
                  const points = [p('covered', 'A.', 1, -1), p('wrong', 'B.', 0.6, -1), p('missing', 'C.', 0.5, 0),
                    p('missing', null, 0, 0), p('covered', null, 1, 0), p('wrong', '  ', 0.8, 0)];
                  const d = s.defaultChoices(points);
                  done(JSON.stringify({
                    defaults: d,
                    confirmable: points.map(s.confirmable),
                    graders: s.confirmedScore(points, d),
                    wrongConfirmed: s.confirmedScore(points, [true, true, false, false, false, false]),
                    allRejected: s.confirmedScore(points, [false, false, true, true, true, true]),
                    empty: s.confirmedScore([], []),
                    half: s.confirmedScore([p('covered', 'A.', 1, -1), p('missing', null, 0, 0)], [true, true]),
                    gaps: s.gaps({ wrong: ['w1', 'w2'], missing: ['m1'] }),
                    gapsOld: s.gaps({ missing: ['m1'] }),
                    judge: s.needsSelfCheck({ selfCheck: false, points }),
                    offline: s.needsSelfCheck({ selfCheck: true, points }),
                    nothingMatched: s.needsSelfCheck({ selfCheck: true, points: [p('missing', 'C.', 0.5, 0)] }),
                  }));
                }, (e) => done('import failed: ' + e));
                """);
        JsonNode r = JSON.readTree((String) out);
        assertEquals("[true,false,true,true,true,false]", r.get("defaults").toString());
        assertEquals("[true,true,false,false,false,false]", r.get("confirmable").toString());
        // 1 - 1 + 0.5 + 0 + 1 + 0 (a wrong point without a sentence keeps its creditIfWrong) = 1.5 of 6.
        assertEquals(25, r.get("graders").asInt());
        // 1 + 0.6 + 0.5 + 0 + 1 + 0 = 3.1 of 6; choices for points that cannot be confirmed are ignored.
        assertEquals(52, r.get("wrongConfirmed").asInt());
        // -1 - 1 + 0.5 + 0 + 1 + 0 = -0.5: never below 0.
        assertEquals(0, r.get("allRejected").asInt());
        assertEquals(0, r.get("empty").asInt());
        assertEquals(50, r.get("half").asInt());
        assertEquals("[\"w1\",\"w2\",\"m1\"]", r.get("gaps").toString());
        assertEquals("[\"m1\"]", r.get("gapsOld").toString());
        assertFalse(r.get("judge").asBoolean(), "an LLM judge's grade is not self-checked");
        assertTrue(r.get("offline").asBoolean());
        assertFalse(r.get("nothingMatched").asBoolean(), "nothing to confirm, nothing to ask");
    }
}
