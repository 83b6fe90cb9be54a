package mltutor.web;

import static org.junit.jupiter.api.Assertions.*;
import static org.openqa.selenium.support.ui.ExpectedConditions.*;

import io.javalin.Javalin;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import mltutor.Fixtures;
import mltutor.app.TutorApp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;

/**
 * The web app in real Chromium against the real server on the fixture corpus plus one entry whose question
 * contains a script tag. Screenshots of each main screen go to target/screenshots/.
 */
@Tag("browser")
class WebAppBrowserTest {
    @RegisterExtension
    static final BrowserFixture BROWSER = new BrowserFixture();

    static final String HOSTILE_QUESTION = "What does <script>alert(1)</script> do when a chatbot echoes it?";
    private static TutorApp app;
    private static Javalin server;
    private static String base;

    private ChromeDriver driver;

    @BeforeAll
    static void startServer() throws IOException {
        Path corpus = Fixtures.copyOfFixtureCorpus();
        Path dir = Files.createDirectories(corpus.resolve("questions/security"));
        Files.writeString(dir.resolve("script-question.md"), """
                ---
                id: script-question
                section: Web Security
                question: "%s"
                origin: extra
                difficulty: 2
                tags: [security, xss]
                related: [kv-cache]
                resources: []
                key_points:
                  - Echoing user text as HTML lets an injected script run in the page.
                  - Output must be escaped or sanitised before it is inserted into the page.
                  - A content security policy limits what an injected script can do.
                follow_ups:
                  - How would you sanitise Markdown written by an LLM?
                  - Why is escaping safer than filtering out bad tags?
                  - What does a content security policy block?
                ---
                ## Short answer
                Nothing, if the page treats it as text. <img src="x" onerror="window.__xss = 1">
                <script>window.__xss = 2</script> A page that inserts it as HTML runs it.

                ## Explanation
                Escape or sanitise every piece of user or model text before it reaches the DOM.
                """.formatted(HOSTILE_QUESTION.replace("\"", "\\\"")));
        app = Fixtures.startApp(corpus, Fixtures.tempDir("browser-index"));
        server = ApiServer.create(app.api()).start("127.0.0.1", 0);
        base = "http://127.0.0.1:" + server.port() + "/";
    }

    @AfterAll
    static void stopServer() {
        server.stop();
        app.close();
    }

    @BeforeEach
    void freshPage() {
        driver = BROWSER.freshStorage(base);
        driver.get(base + "#/ask");
        BROWSER.waiting().until(textToBePresentInElementLocated(By.id("server-status"), "offline"));
    }

    @AfterEach
    void noScriptRan() {
        assertNoAlert();
        assertNull(BROWSER.script("return window.__xss;"), "an injected script ran");
    }

    private void open(String hash) {
        driver.get(base + hash);
    }

    private WebElement visible(By by) {
        return BROWSER.waiting().until(visibilityOfElementLocated(by));
    }

    private void assertNoAlert() {
        assertThrows(NoAlertPresentException.class, () -> driver.switchTo().alert(), "an alert was shown");
    }

    @Test
    void asksAQuestionAndOpensTheCitedEntryBesideTheAnswer() {
        WebElement input = visible(By.id("ask-input"));
        input.sendKeys("What is KV cache and why is it used?", Keys.ENTER);
        visible(By.cssSelector(".qa .answer-meta"));
        WebElement answer = driver.findElement(By.cssSelector(".qa .answer-body"));
        assertTrue(answer.getText().length() > 80, answer.getText());
        List<WebElement> markers = driver.findElements(By.cssSelector(".qa .answer-body .cite"));
        assertFalse(markers.isEmpty(), "the answer has clickable citation markers: " + answer.getText());
        assertTrue(driver.findElement(By.cssSelector(".qa .generator")).getText().contains("offline"));
        markers.get(0).click();
        WebElement cited = visible(By.id("source-question"));
        String citedQuestion = driver.findElement(By.cssSelector(".qa .sources li:first-child .source-link")).getText();
        assertEquals(citedQuestion, cited.getText());
        assertTrue(driver.findElement(By.id("source-panel")).getText().contains("Open full entry"));
        BROWSER.screenshot("ask");

        // A follow-up question is one click away and keeps the conversation.
        driver.findElements(By.cssSelector(".qa .related .chip")).get(0).click();
        BROWSER.waiting().until(numberOfElementsToBe(By.cssSelector(".qa .answer-meta"), 2));
    }

    @Test
    void showsWhetherAnAnswerIsFromTheNotesNotCoveredOrOffTopic() {
        ask("What is KV cache and why is it used?", 1);
        ask("how does a gaussian process put a prior over functions", 2);
        ask("what temperature should I proof sourdough at", 3);
        var pills = driver.findElements(By.cssSelector(".qa .answer-meta [data-answerability]"));
        assertEquals(List.of("answerable", "uncovered", "offTopic"),
                pills.stream().map(p -> p.getAttribute("data-answerability")).toList());
        assertEquals(List.of("Grounded in the notes", "Not covered by the notes yet", "Not an ML interview topic"),
                pills.stream().map(WebElement::getText).toList());
        assertTrue(driver.findElements(By.cssSelector(".qa")).get(1).getText().contains("Nearest entries in the notes"));
        BROWSER.screenshot("answerability");
    }

    private void ask(String question, int answers) {
        WebElement input = visible(By.id("ask-input"));
        input.clear();
        input.sendKeys(question, Keys.ENTER);
        BROWSER.waiting().until(numberOfElementsToBe(By.cssSelector(".qa .answer-meta"), answers));
    }

    @Test
    void browsesToAnEntryAndRevealsItsKeyPoints() {
        open("#/browse");
        visible(By.cssSelector("button[data-section='Transformers']")).click();
        BROWSER.waiting().until(textToBe(By.id("result-count"), "2 questions"));
        assertTrue(driver.findElement(By.cssSelector("button[data-section='Transformers']")).getText().contains("2"));
        WebElement search = driver.findElement(By.id("browse-search"));
        search.sendKeys("kv");
        BROWSER.waiting().until(textToBe(By.id("result-count"), "1 question"));
        BROWSER.screenshot("browse");
        search.clear();
        open("#/browse");
        new Select(visible(By.id("difficulty-filter"))).selectByValue("3");
        BROWSER.waiting().until(textToBe(By.id("result-count"), "1 question"));
        assertTrue(driver.findElement(By.id("question-list")).getText().contains("gradient"));

        open("#/browse?section=Transformers");
        visible(By.cssSelector(".q-list a[data-id='kv-cache']")).click();
        assertEquals("What is KV cache and why is it used?", visible(By.id("entry-question")).getText());
        assertFalse(driver.findElement(By.id("key-points")).isDisplayed(), "key points start hidden");
        assertTrue(driver.findElement(By.cssSelector(".model-answer")).getText().contains("Short answer"));
        assertEquals(3, driver.findElements(By.cssSelector("#follow-ups li")).size());
        assertEquals("attention-scaling", driver.findElement(By.cssSelector("#related a")).getAttribute("href")
                .replaceAll(".*#/q/", ""));
        assertEquals("https://arxiv.org/abs/1706.03762",
                driver.findElement(By.cssSelector("#resources a")).getAttribute("href"));
        WebElement reveal = driver.findElement(By.id("reveal-key-points"));
        assertEquals("false", reveal.getAttribute("aria-expanded"));
        reveal.click();
        assertTrue(driver.findElement(By.id("key-points")).isDisplayed());
        assertEquals(4, driver.findElements(By.cssSelector("#key-points li")).size());
        assertEquals("true", reveal.getAttribute("aria-expanded"));
        BROWSER.screenshot("entry");
    }

    @Test
    void runsAFullPracticeRoundWithFeedbackFollowUpAndSummary() {
        open("#/practice");
        visible(By.cssSelector("input[name=section][value='Transformers']")).click();
        driver.findElement(By.id("start-practice")).click();
        String first = visible(By.id("practice-question")).getText();
        assertEquals("answer-input", BROWSER.script("return document.activeElement.id;"), "the answer box has focus");
        BROWSER.screenshot("practice-question");
        WebElement answer = driver.findElement(By.id("answer-input"));
        answer.sendKeys(goodAnswer(first));
        answer.sendKeys(Keys.chord(Keys.CONTROL, Keys.ENTER));

        WebElement score = visible(By.id("score"));
        int points = Integer.parseInt(score.getText());
        BROWSER.script("window.scrollTo(0, 0);");
        BROWSER.screenshot("practice-feedback");
        assertTrue(points > 0 && points <= 100, "score " + points);
        assertFalse(driver.findElements(By.cssSelector("#covered li")).isEmpty(), "a good answer covers points");
        assertTrue(driver.findElement(By.cssSelector(".feedback-body")).getText().contains("What was good"));
        assertTrue(driver.findElement(By.cssSelector("#feedback .generator")).getText().contains("offline"));
        driver.findElement(By.cssSelector("#model-answer-details summary")).click();
        BROWSER.waiting().until(textToBePresentInElementLocated(By.id("model-answer"), "Short answer"));
        WebElement followUp = driver.findElement(By.id("followup-question"));
        assertTrue(followUp.getText().endsWith("?"), followUp.getText());
        driver.findElement(By.id("followup-input")).sendKeys("Multi-query attention shares one key and value head"
                + " across all query heads, and grouped-query attention shares them per group, so the cache shrinks.");
        driver.findElement(By.id("submit-followup")).click();
        BROWSER.waiting().until(textMatches(By.id("followup-result"), java.util.regex.Pattern.compile("(?i)covered|missing|key points")));
        BROWSER.script("document.getElementById('followup').scrollIntoView();");
        BROWSER.screenshot("practice-followup");

        driver.findElement(By.id("next-question")).click();
        String second = visible(By.id("practice-question")).getText();
        assertNotEquals(first, second, "a question is not asked twice in a session");
        driver.findElement(By.id("answer-input")).sendKeys("I am not sure, it depends.");
        driver.findElement(By.id("submit-answer")).click();
        visible(By.id("score"));
        driver.findElement(By.id("end-session")).click();
        visible(By.id("session-summary"));
        assertEquals("2", driver.findElement(By.id("summary-answered")).getText());
        assertTrue(driver.findElement(By.id("summary-review")).getText().contains("?"), "the weak answer is listed to review");
        BROWSER.screenshot("practice-summary");
    }

    @Test
    void keepsProgressAcrossAReloadAndSchedulesReviews() throws IOException {
        open("#/practice?id=dropout");
        visible(By.id("answer-input")).sendKeys("Dropout zeroes each activation with probability p during training,"
                + " and the surviving activations are scaled by 1/(1-p). It is switched off at inference.");
        driver.findElement(By.id("submit-answer")).click();
        String score = visible(By.id("score")).getText();

        open("#/progress");
        assertEquals("1", visible(By.id("stat-attempts")).getText());
        driver.navigate().refresh();
        assertEquals("1", visible(By.id("stat-attempts")).getText(), "progress survives a reload");
        assertEquals(score, driver.findElement(By.id("stat-average")).getText());
        assertTrue(driver.findElement(By.id("recent-attempts")).getText().contains("dropout"));
        BROWSER.screenshot("progress");
        open("#/q/dropout");
        BROWSER.waiting().until(textToBePresentInElementLocated(By.cssSelector(".entry-head"), "Last score"));

        // Import a file in which kv-cache was answered badly two days ago: it is due, and Review serves it first.
        BROWSER.importKvCacheAnsweredBadly(base);
        assertEquals("1", driver.findElement(By.id("due-count")).getText());
        open("#/review");
        assertTrue(visible(By.id("due-list")).getText().contains("What is KV cache"));
        BROWSER.screenshot("review");
        driver.findElement(By.id("start-review")).click();
        assertEquals("What is KV cache and why is it used?", visible(By.id("practice-question")).getText());

        // A broken file is refused with a message, and reset clears everything.
        Path bad = Fixtures.tempDir("progress").resolve("bad.json");
        Files.writeString(bad, "{\"hello\": 1}");
        open("#/progress");
        visible(By.id("export-progress"));
        driver.findElement(By.id("import-file")).sendKeys(bad.toAbsolutePath().toString());
        BROWSER.waiting().until(textToBePresentInElementLocated(By.id("progress-message"), "not an ML Interview Tutor progress file"));
        driver.findElement(By.id("reset-progress")).click();
        visible(By.id("confirm-reset")).click();
        BROWSER.waiting().until(textToBe(By.id("stat-attempts"), "0"));
    }

    @Test
    void showsAClearErrorWhenTheApiFailsOrTheServerIsDown() {
        open("#/q/no-such-entry");
        WebElement error = visible(By.cssSelector(".error-box"));
        assertTrue(error.getText().contains("no entry with id 'no-such-entry'"), error.getText());

        Javalin second = ApiServer.create(app.api()).start("127.0.0.1", 0);
        String other = "http://127.0.0.1:" + second.port() + "/";
        try {
            driver.get(other + "#/browse");
            visible(By.cssSelector("button[data-section='Transformers']"));
        } finally {
            second.stop();
        }
        driver.findElement(By.cssSelector("button[data-section='Transformers']")).click();
        WebElement down = visible(By.cssSelector("#question-list .error-box"));
        assertTrue(down.getText().contains("Cannot reach the tutor server"), down.getText());
        assertTrue(down.findElement(By.cssSelector("button.retry")).isDisplayed());
        BROWSER.waiting().until(textToBe(By.id("server-status"), "Server unreachable"));
        BROWSER.screenshot("error-server-down");
    }

    @Test
    void takesItsInputLimitsFromTheServer() {
        int served = new ApiClient(server.port()).get("/api/limits").json().get("questionChars").asInt();
        assertEquals(String.valueOf(served), visible(By.id("ask-input")).getAttribute("maxlength"));

        // Let the page see other limits than the real ones: it must follow whatever /api/limits says.
        var script = driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", """
                const realFetch = window.fetch;
                window.fetch = async (input, init) => {
                  const response = await realFetch(input, init);
                  if (!String(input).endsWith('/api/limits')) return response;
                  const limits = await response.json();
                  return new Response(JSON.stringify({ ...limits, questionChars: 120, answerChars: 300 }),
                    { status: 200, headers: { 'Content-Type': 'application/json' } });
                };"""));
        try {
            driver.get(base + "openapi.json");
            open("#/ask");
            assertEquals("120", visible(By.id("ask-input")).getAttribute("maxlength"));
            open("#/practice?id=dropout");
            WebElement answer = visible(By.id("answer-input"));
            WebElement counter = driver.findElement(By.cssSelector("#answer-input + .counter"));
            assertEquals("0 / 300 characters", counter.getText());
            BROWSER.script("arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('input'));",
                    answer, "x".repeat(301));
            assertEquals("301 / 300 characters", counter.getText());
            driver.findElement(By.id("submit-answer")).click();
            BROWSER.waiting().until(textToBePresentInElementLocated(By.id("answer-status"), "the limit is 300"));
            assertTrue(driver.findElements(By.id("score")).isEmpty(), "the page did not send an answer over the limit");
        } finally {
            driver.executeCdpCommand("Page.removeScriptToEvaluateOnNewDocument", Map.of("identifier", script.get("identifier")));
        }
    }

    @Test
    void rendersAQuestionWithAScriptTagAsText() {
        open("#/browse?section=" + ApiClient.encode("Web Security"));
        WebElement link = visible(By.cssSelector(".q-list a[data-id='script-question'] .q-text"));
        assertEquals(HOSTILE_QUESTION, link.getText());
        link.click();
        assertEquals(HOSTILE_QUESTION, visible(By.id("entry-question")).getText());
        assertTrue(driver.findElements(By.cssSelector(".model-answer script, .model-answer img[onerror]")).isEmpty(),
                "the model answer's markup was sanitised");
        assertNoAlert();

        open("#/practice?id=script-question");
        assertEquals(HOSTILE_QUESTION, visible(By.id("practice-question")).getText());
        driver.findElement(By.id("answer-input")).sendKeys("Escape output <script>window.__xss=3</script> before it"
                + " is inserted into the page, or an injected script runs. <img src=x onerror=\"window.__xss=4\">");
        driver.findElement(By.id("submit-answer")).click();
        visible(By.id("score"));
        String echoed = driver.findElement(By.cssSelector(".your-answer")).getAttribute("textContent");
        assertTrue(echoed.contains("<script>window.__xss=3</script>"), "the answer is shown as text: " + echoed);
        assertTrue(driver.findElements(By.cssSelector("#feedback script, #feedback [onerror], #feedback [onload]")).isEmpty());

        open("#/ask");
        visible(By.id("ask-input")).sendKeys(HOSTILE_QUESTION, Keys.ENTER);
        visible(By.cssSelector(".qa .answer-meta"));
        assertEquals(HOSTILE_QUESTION, driver.findElement(By.cssSelector(".qa-question")).getText());
        BROWSER.screenshot("script-as-text");
    }

    @Test
    void fitsAPhoneScreenWithALongAnswer() {
        driver.manage().window().setSize(BrowserFixture.PHONE);
        open("#/practice?id=kv-cache");
        String longWord = "x".repeat(300);
        String answer = ("The KV cache stores the keys and values of previous tokens so they are not recomputed. "
                + longWord + " ").repeat(12);
        WebElement box = visible(By.id("answer-input"));
        BROWSER.script("arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('input'));", box, answer);
        driver.findElement(By.id("submit-answer")).click();
        visible(By.id("score"));
        driver.findElement(By.cssSelector("#feedback details summary")).click();
        assertNoHorizontalScroll();
        BROWSER.screenshot("phone-feedback");
        open("#/browse");
        visible(By.cssSelector("button[data-section='Transformers']"));
        assertNoHorizontalScroll();
        BROWSER.screenshot("phone-browse");
        open("#/ask");
        visible(By.id("ask-input")).sendKeys("How big is the KV cache of a 7B model?", Keys.ENTER);
        visible(By.cssSelector(".qa .answer-meta"));
        assertNoHorizontalScroll();
        BROWSER.screenshot("phone-ask");
    }

    private void assertNoHorizontalScroll() {
        Object overflow = BROWSER.script("return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
        assertEquals(0L, ((Number) overflow).longValue(), "the page scrolls sideways");
    }

    private static String goodAnswer(String question) {
        if (question.contains("KV cache")) {
            return "The KV cache stores the key and value vectors of every previous token so they are not recomputed"
                    + " at each decoding step. Past keys and values never change under causal attention, so caching"
                    + " is exact. Its size is 2 x layers x kv_heads x head_dim x sequence length x batch x bytes.";
        }
        return "We divide the attention scores by the square root of d_k because the dot product of two random"
                + " vectors with unit-variance components has variance d_k. Without scaling the softmax saturates and"
                + " its gradients vanish. Dividing by sqrt(d_k) keeps the logits at unit variance.";
    }
}
