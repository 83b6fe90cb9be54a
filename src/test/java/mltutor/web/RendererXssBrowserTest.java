package mltutor.web;

import static org.junit.jupiter.api.Assertions.*;
import static org.openqa.selenium.support.ui.ExpectedConditions.*;

import io.javalin.Javalin;
import java.util.HashMap;
import java.util.List;
import mltutor.Fixtures;
import mltutor.app.TutorApp;
import mltutor.llm.StubLlmServer;
import mltutor.llm.StubLlmServer.Reply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The page's renderer against stored-XSS payloads that mix math with markup, in real Chromium: through the
 * page's own Markdown renderer, offline feedback (which quotes the answer), an offline ask, and an LLM's answer
 * and judge feedback from the stub server. No element may carry an event-handler attribute, no alert may fire,
 * and formulas must still render.
 */
class RendererXssBrowserTest {
    @RegisterExtension
    static final BrowserFixture BROWSER = new BrowserFixture();

    /** The payload: a placeholder-shaped string after real math, then an image with a handler. */
    static final String PAYLOAD = "$a$ ... MATHXPLACEHOLDERX0X<img/src/onerror=alert(1)>";
    static final List<String> VARIANTS = List.of(
            PAYLOAD,
            "$x^2$ and MATHXPLACEHOLDERX0X<svg onload=window.__xss=2>",
            "$$a$$ then MATHXPLACEHOLDERX0X MATHXPLACEHOLDERX1X <a href=\"javascript:window.__xss=3\">x</a>",
            "\\(b\\) ![MATHXPLACEHOLDERX0X](x \"MATHXPLACEHOLDERX0X\") <img src=x onerror=\"window.__xss=4\">",
            "<a title=\"MATHXPLACEHOLDERX0X\" href=\"#\">t</a> $\\text{\" onmouseover=\"window.__xss=5}$ $e$",
            "`MATHXPLACEHOLDERX0X` $c$ <details open ontoggle=\"window.__xss=6\">d</details>",
            "$d$ [link](MATHXPLACEHOLDERX0X) <math><mtext><table><mglyph><style><img src=x onerror=window.__xss=7>",
            "![MATHXPLACEHOLDERX0X<img/src/onerror=window.__xss=8>](x) $a$ MATHXPLACEHOLDERX0X",
            "[t](https://example.com \"MATHXPLACEHOLDERX0X<img/src/onerror=window.__xss=9>\") $a$ MATHXPLACEHOLDERX0X");
    static final String KV_ANSWER = "The KV cache stores the key and value vectors of every previous token " + PAYLOAD
            + " so they are not recomputed at each decoding step. Past keys and values never change under causal"
            + " attention, so caching is exact " + PAYLOAD + ".";

    private static final StubLlmServer STUB = new StubLlmServer();
    private static TutorApp offlineApp;
    private static TutorApp llmApp;
    private static Javalin offline;
    private static Javalin withLlm;

    private ChromeDriver driver;

    @BeforeAll
    static void startServers() {
        offlineApp = Fixtures.fixtureApp();
        offline = ApiServer.create(offlineApp.api()).start("127.0.0.1", 0);
        var settings = new HashMap<String, String>();
        settings.put("TUTOR_LLM", "openai");
        settings.put("TUTOR_LLM_BASE_URL", STUB.openAiUrl());
        settings.put("TUTOR_LLM_MODEL", "stub-model");
        settings.put("TUTOR_LLM_TIMEOUT", "5");
        settings.put("TUTOR_LLM_RETRIES", "0");
        llmApp = Fixtures.fixtureAppWith(settings);
        withLlm = ApiServer.create(llmApp.api()).start("127.0.0.1", 0);
    }

    @AfterAll
    static void stopServers() {
        offline.stop();
        withLlm.stop();
        llmApp.close();
        STUB.close();
    }

    @BeforeEach
    void page() {
        driver = BROWSER.driver();
        STUB.reset();
    }

    @AfterEach
    void nothingRan() {
        assertThrows(NoAlertPresentException.class, () -> driver.switchTo().alert(), "an alert was shown");
        assertNull(BROWSER.script("return window.__xss;"), "an injected script ran");
        assertEquals(0L, BROWSER.script("""
                return Array.from(document.querySelectorAll('*')).filter(el => Array.from(el.attributes)
                    .some(a => a.name.toLowerCase().startsWith('on'))).length;"""), "an element has an event handler");
    }

    private void open(Javalin server, String hash) {
        String base = "http://127.0.0.1:" + server.port() + "/";
        driver.get(base + "openapi.json");
        BROWSER.script("localStorage.clear(); sessionStorage.clear();");
        driver.get(base + hash);
    }

    private WebElement visible(By by) {
        return BROWSER.waiting().until(visibilityOfElementLocated(by));
    }

    @Test
    void thePagesRendererKeepsEveryVariantInert() {
        open(offline, "#/ask");
        visible(By.id("ask-input"));
        for (String variant : VARIANTS) {
            // WebDriver waits for a returned promise.
            @SuppressWarnings("unchecked")
            var result = (java.util.Map<String, Object>) BROWSER.script("""
                    const text = arguments[0];
                    return import('/js/render.js').then(r => {
                      const box = document.createElement('div');
                      box.append(r.markdown(text));
                      const md = box.textContent;
                      box.append(r.textWithMath(text));
                      document.body.append(box);
                      const odd = Array.from(box.querySelectorAll('*')).flatMap(el => Array.from(el.attributes))
                          .filter(a => !/^[a-z][a-z0-9:-]*$/i.test(a.name) || a.value.includes('class='))
                          .map(a => a.name + '=' + a.value);
                      return { formulas: box.querySelectorAll('.katex').length, markdownText: md, odd: odd.join(' ') };
                    });""", variant);
            assertTrue(((Number) result.get("formulas")).intValue() >= 1, "math still renders: " + variant);
            assertEquals("", result.get("odd"), "math was spliced into an attribute: " + variant);
            if (variant.endsWith("MATHXPLACEHOLDERX0X") || variant.contains("MATHXPLACEHOLDERX0X<img/src/onerror=alert")) {
                assertTrue(result.get("markdownText").toString().contains("MATHXPLACEHOLDERX0X"),
                        "a placeholder written in the text stays text: " + result.get("markdownText"));
            }
        }
        String text = driver.findElement(By.cssSelector("body")).getText();
        assertTrue(text.contains("MATHXPLACEHOLDERX0X"), "a forged placeholder stays text");
    }

    @Test
    void offlineFeedbackQuotesTheAnswerAsText() {
        String feedback = feedbackOn(offline);
        assertTrue(feedback.contains("MATHXPLACEHOLDERX0X"), "the quoted answer reached the renderer: " + feedback);
    }

    @Test
    void anOfflineAskWithThePayloadStaysText() {
        open(offline, "#/ask");
        visible(By.id("ask-input")).sendKeys("What is a KV cache? " + PAYLOAD, Keys.ENTER);
        visible(By.cssSelector(".qa .answer-meta"));
        assertTrue(driver.findElement(By.cssSelector(".qa")).getText().contains("MATHXPLACEHOLDERX0X"));
    }

    @Test
    void anLlmAnswerAndJudgeFeedbackWithThePayloadStayInert() throws Exception {
        String judge = new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(java.util.Map.of(
                "score", 40, "covered", List.of(1), "feedback", "You wrote " + String.join(" ", VARIANTS)));
        STUB.script(r -> r.streaming() ? Reply.text("The KV cache [1] " + String.join("\n\n", VARIANTS))
                : Reply.text(judge));
        open(withLlm, "#/ask");
        visible(By.id("ask-input")).sendKeys("What is KV cache and why is it used?", Keys.ENTER);
        visible(By.cssSelector(".qa .answer-meta"));
        BROWSER.waiting().until(textToBePresentInElementLocated(By.cssSelector(".qa .answer-body"), "MATHXPLACEHOLDERX"));
        assertFalse(driver.findElements(By.cssSelector(".qa .answer-body .katex")).isEmpty(), "the LLM's math renders");

        String feedback = feedbackOn(withLlm);
        assertTrue(feedback.contains("MATHXPLACEHOLDERX"), "the judge's feedback reached the renderer: " + feedback);
        // The judge decides correctness: no self-check is asked, and its score is recorded at once.
        assertTrue(driver.findElements(By.cssSelector("#feedback .self-check, #record-score")).isEmpty());
        assertEquals("judge", driver.findElement(By.id("recorded-score")).getAttribute("data-by"));
        assertEquals(40L, BROWSER.script(
                "return JSON.parse(localStorage.getItem('mltutor.progress.v1')).attempts[0].score;"));
    }

    /** Answers the KV-cache question with the payload on the practice page of {@code server}; the feedback text. */
    private String feedbackOn(Javalin server) {
        open(server, "#/practice?id=kv-cache");
        WebElement answer = visible(By.id("answer-input"));
        answer.sendKeys(KV_ANSWER);
        answer.sendKeys(Keys.chord(Keys.CONTROL, Keys.ENTER));
        visible(By.id("score"));
        return driver.findElement(By.cssSelector(".feedback-body")).getText();
    }
}
