package mltutor.web;

import static org.junit.jupiter.api.Assertions.*;
import static org.openqa.selenium.support.ui.ExpectedConditions.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import mltutor.Fixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The study tools on the page in real Chromium against the real server on the fixture corpus: a review with
 * FSRS (an old SM-2 export imported, answered, re-rated), the score chart and readiness chart on Progress
 * (present, drawn, updated after a graded answer, readable at phone width) and the interview-date plan.
 * Screenshots go to target/screenshots/.
 */
@Tag("browser")
class StudyToolsBrowserTest {
    @RegisterExtension
    static final ServerFixture SERVER = new ServerFixture();
    @RegisterExtension
    static final BrowserFixture BROWSER = new BrowserFixture();

    private static final long DAY = 86_400_000L;
    private ChromeDriver driver;
    private String base;

    @BeforeEach
    void freshPage() {
        base = "http://127.0.0.1:" + SERVER.port() + "/";
        driver = BROWSER.freshStorage(base);
        driver.get(base + "#/ask");
        BROWSER.waiting().until(textToBePresentInElementLocated(By.id("server-status"), "offline"));
    }

    private void open(String hash) {
        driver.get(base + hash);
    }

    private WebElement visible(By by) {
        return BROWSER.waiting().until(visibilityOfElementLocated(by));
    }

    private String answer(String id, String text) {
        open("#/practice?id=" + id);
        visible(By.id("answer-input")).sendKeys(text);
        driver.findElement(By.id("submit-answer")).click();
        return visible(By.id("score")).getText();
    }

    private Object card(String id) {
        return BROWSER.script("return JSON.parse(localStorage.getItem('mltutor.progress.v1')).cards[arguments[0]];", id);
    }

    @SuppressWarnings("unchecked")
    private long cardField(String id, String field) {
        return ((Number) ((java.util.Map<String, Object>) card(id)).get(field)).longValue();
    }

    @Test
    void reviewsAnImportedSm2QuestionWithFsrsAndTakesTheUsersOwnRating() throws IOException {
        // An export from the SM-2 version: kv-cache answered badly two days ago, due yesterday.
        BROWSER.importKvCacheAnsweredBadly(base);
        assertEquals("1", driver.findElement(By.id("due-count")).getText(), "the migrated card is still due");

        open("#/review");
        assertTrue(visible(By.id("due-list")).getText().contains("What is KV cache"));
        assertTrue(driver.findElement(By.id("review-title")).findElement(By.xpath("..")).getText().contains("FSRS"));
        driver.findElement(By.id("start-review")).click();
        assertEquals("What is KV cache and why is it used?", visible(By.id("practice-question")).getText());
        driver.findElement(By.id("answer-input")).sendKeys("The KV cache stores the key and value vectors of every"
                + " previous token so they are not recomputed at each decoding step. Past keys and values never change"
                + " under causal attention, so caching is exact. Its size is 2 x layers x kv_heads x head_dim x"
                + " sequence length x batch x bytes.");
        driver.findElement(By.id("submit-answer")).click();
        int score = Integer.parseInt(visible(By.id("score")).getText());
        // An offline grade is recorded once the candidate has checked the matches (here: as the grader read them).
        driver.findElement(By.id("record-score")).click();
        assertEquals(String.valueOf(score), visible(By.id("recorded-score")).getAttribute("data-score"));
        int grade = score < 40 ? 1 : score < 70 ? 2 : score < 90 ? 3 : 4;
        WebElement pressed = visible(By.cssSelector("#rating-bar button[aria-pressed='true']"));
        assertEquals(String.valueOf(grade), pressed.getAttribute("data-grade"), "score " + score + " sets the rating");
        assertEquals(grade, cardField("kv-cache", "lastGrade"));
        assertEquals(1, cardField("kv-cache", "reps"), "SM-2 reps 0 plus this review");
        BROWSER.script("document.getElementById('rating-bar').scrollIntoView({ block: 'center' });");
        BROWSER.screenshot("review-fsrs-rating");

        // The user's own rating replaces the score's: Again brings it back tomorrow, Easy pushes it out.
        driver.findElement(By.cssSelector("#rating-bar button[data-grade='1']")).click();
        BROWSER.waiting().until(attributeToBe(By.cssSelector("#rating-bar button[data-grade='1']"), "aria-pressed", "true"));
        assertEquals(1, cardField("kv-cache", "scheduledDays"));
        driver.findElement(By.cssSelector("#rating-bar button[data-grade='4']")).click();
        BROWSER.waiting().until(attributeToBe(By.cssSelector("#rating-bar button[data-grade='4']"), "aria-pressed", "true"));
        long easyDays = cardField("kv-cache", "scheduledDays");
        assertTrue(easyDays > 2, "Easy gives a longer interval: " + easyDays);
        assertEquals(1, cardField("kv-cache", "reps"), "re-rating is not a second review");
        assertTrue(driver.findElement(By.id("next-review")).getText().startsWith("Comes back on"));

        open("#/review");
        assertTrue(visible(By.id("due-list")).getText().contains("all caught up"));
        assertTrue(driver.findElement(By.id("upcoming-list")).getText().contains("due in " + easyDays + " days"));
        assertFalse(driver.findElement(By.id("due-count")).isDisplayed());
        BROWSER.screenshot("review-fsrs");
    }

    private long chartPoints(String canvasId) {
        return ((Number) BROWSER.script("return Chart.getChart(document.getElementById(arguments[0])).data.datasets[0].data.length;",
                canvasId)).longValue();
    }

    /** Canvas pixels that are not transparent: the chart has been drawn. */
    private long paintedPixels(String canvasId) {
        return ((Number) BROWSER.script("""
                const c = document.getElementById(arguments[0]);
                const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
                let n = 0;
                for (let i = 3; i < d.length; i += 4) if (d[i] > 0) n++;
                return n;""", canvasId)).longValue();
    }

    @Test
    void drawsTheScoreChartAndReadinessAndUpdatesThemAfterAGradedAnswer() {
        open("#/progress");
        visible(By.id("readiness-chart"));
        assertTrue(driver.findElements(By.id("score-chart")).isEmpty(), "no chart before any answer");

        String first = answer("dropout", "Dropout zeroes each activation with probability p during training, and the"
                + " surviving activations are scaled by 1/(1-p). It is switched off at inference.");
        open("#/progress");
        visible(By.id("score-chart"));
        assertEquals(1, chartPoints("score-chart"));
        assertEquals(Long.parseLong(first), ((Number) BROWSER.script(
                "return Chart.getChart(document.getElementById('score-chart')).data.datasets[0].data[0];")).longValue());
        assertTrue(paintedPixels("score-chart") > 500, "the score chart is drawn");

        answer("kv-cache", "I am not sure, it depends.");
        open("#/progress");
        visible(By.id("score-chart"));
        assertEquals(2, chartPoints("score-chart"), "the chart has the new answer");
        visible(By.id("readiness-chart"));
        assertTrue(paintedPixels("readiness-chart") > 500, "the readiness chart is drawn");
        @SuppressWarnings("unchecked")
        List<String> labels = (List<String>) BROWSER.script("return Chart.getChart(document.getElementById('readiness-chart')).data.labels;");
        assertEquals(List.of("Deep Learning", "Evaluation Metrics", "Fundamental Concepts", "Optimization", "Transformers"),
                labels.stream().sorted().toList());
        WebElement table = driver.findElement(By.id("readiness-table"));
        String deepLearning = (String) BROWSER.script("""
                return [...arguments[0].querySelectorAll('tbody tr')].find((r) => r.cells[0].textContent === 'Deep Learning')
                  .cells[1].textContent;""", table);
        assertEquals("100%", deepLearning, "the only Deep Learning question was practised");
        BROWSER.screenshot("progress-charts");

        driver.manage().window().setSize(BrowserFixture.PHONE);
        open("#/progress");
        visible(By.id("score-chart"));
        visible(By.id("readiness-chart"));
        long width = ((Number) BROWSER.script("return document.getElementById('readiness-chart').getBoundingClientRect().width;")).longValue();
        assertTrue(width > 250 && width <= 390, "the chart fits the phone: " + width);
        assertEquals(0L, ((Number) BROWSER.script(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth;")).longValue(), "no sideways scrolling");
        BROWSER.script("document.getElementById('readiness').scrollIntoView();");
        BROWSER.screenshot("phone-progress-charts");
    }

    @Test
    void plansStudyDaysUntilTheInterviewAndAdaptsToAScore() {
        open("#/plan");
        String date = LocalDate.now().plusDays(7).toString();
        WebElement dateInput = visible(By.id("plan-date"));
        BROWSER.script("arguments[0].value = arguments[1];", dateInput, date);
        WebElement minutes = driver.findElement(By.id("plan-minutes"));
        minutes.clear();
        minutes.sendKeys("20");
        driver.findElement(By.id("plan-save")).click();
        visible(By.id("plan-days"));
        List<WebElement> days = driver.findElements(By.cssSelector("#plan-days > li"));
        assertEquals(7, days.size(), "one row per day before the interview");
        String all = driver.findElement(By.id("plan-days")).getText();
        for (String section : List.of("Deep Learning", "Evaluation Metrics", "Fundamental Concepts", "Optimization", "Transformers")) {
            assertTrue(all.contains("new in " + section), section + " is planned: " + all);
        }
        assertTrue(days.get(0).getText().startsWith("Today"), days.get(0).getText());
        assertTrue(driver.findElement(By.id("plan-summary")).getText().contains("6 of the 6 questions"),
                driver.findElement(By.id("plan-summary")).getText());
        BROWSER.screenshot("plan");

        // The settings are kept, and a question answered badly now comes back as a review in the plan.
        answer("kv-cache", "I am not sure, it depends.");
        open("#/plan");
        assertEquals(date, visible(By.id("plan-date")).getAttribute("value"));
        assertEquals("20", driver.findElement(By.id("plan-minutes")).getAttribute("value"));
        String adapted = visible(By.id("plan-days")).getText();
        assertTrue(adapted.contains("1 review"), adapted);
        assertTrue(driver.findElement(By.id("plan-summary")).getText().contains("5 of the 5 questions"));

        // Today's sections start a practice session on them.
        driver.findElement(By.id("plan-today-practice")).click();
        assertFalse(visible(By.id("practice-question")).getText().isBlank());

        driver.manage().window().setSize(BrowserFixture.PHONE);
        open("#/plan");
        visible(By.id("plan-days"));
        assertEquals(0L, ((Number) BROWSER.script(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth;")).longValue(), "no sideways scrolling");
        BROWSER.screenshot("phone-plan");

        BROWSER.script("arguments[0].value = arguments[1];", visible(By.id("plan-date")), LocalDate.now().toString());
        driver.findElement(By.id("plan-save")).click();
        BROWSER.waiting().until(textToBePresentInElementLocated(By.id("plan-output"), "Pick an interview date after today."));
    }
}
