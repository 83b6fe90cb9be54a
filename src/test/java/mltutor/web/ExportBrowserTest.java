package mltutor.web;

import static org.junit.jupiter.api.Assertions.*;
import static org.openqa.selenium.support.ui.ExpectedConditions.*;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import mltutor.Fixtures;
import mltutor.export.AnkiPackageFile;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Exports from the page in real Chromium: the Anki deck from Browse (of the chosen section) and from Progress (every
 * question), and a finished mock interview as Markdown. Each download is saved by the browser and then opened:
 * the .apkg with SQLite, the .md as text.
 */
@Tag("browser")
class ExportBrowserTest {
    @RegisterExtension
    static final ServerFixture SERVER = new ServerFixture();
    @RegisterExtension
    static final BrowserFixture BROWSER = new BrowserFixture();

    private ChromeDriver driver;
    private Path downloads;
    private String base;

    @BeforeEach
    void freshPage() {
        base = "http://127.0.0.1:" + SERVER.port() + "/";
        downloads = Fixtures.tempDir("browser-downloads");
        BROWSER.driver().executeCdpCommand("Browser.setDownloadBehavior",
                Map.of("behavior", "allow", "downloadPath", downloads.toAbsolutePath().toString()));
        driver = BROWSER.freshStorage(base);
    }

    @Test
    void browseExportsTheChosenSectionAsAnAnkiDeck() throws Exception {
        driver.get(base + "#/browse?section=Transformers");
        WebElement button = visible(By.id("export-anki"));
        assertEquals("Export Transformers to Anki", button.getText());
        assertEquals("/api/export/anki?section=Transformers", button.getAttribute("data-path"));
        button.click();
        Path file = downloaded("ml-interview-tutor-transformers.apkg");
        var apkg = AnkiPackageFile.read(Files.readAllBytes(file));
        long transformers = SERVER.app().corpus().entries().stream().filter(e -> e.section().equals("Transformers")).count();
        assertEquals(transformers, apkg.notes().size());
        assertTrue(apkg.notes().stream().allMatch(n -> n.tags().contains("Transformers")));
        BROWSER.waiting().until(textToBePresentInElementLocated(By.id("anki-export-status"),
                "Downloaded ml-interview-tutor-transformers.apkg (" + transformers + " notes)"));
        BROWSER.screenshot("browse-anki-export");
    }

    @Test
    void progressExportsEveryQuestionAsAnAnkiDeck() throws Exception {
        driver.get(base + "#/progress");
        WebElement button = visible(By.id("export-anki"));
        BROWSER.script("arguments[0].scrollIntoView();", button);
        button.click();
        Path file = downloaded("ml-interview-tutor.apkg");
        assertEquals(SERVER.app().corpus().entries().size(), AnkiPackageFile.read(Files.readAllBytes(file)).notes().size());
        BROWSER.waiting().until(textToBePresentInElementLocated(By.id("anki-export-status"), "Downloaded ml-interview-tutor.apkg"));
        BROWSER.screenshot("progress-anki-export");
    }

    @Test
    void downloadsAFinishedMockInterviewAsMarkdown() throws Exception {
        driver.get(base + "#/practice");
        visible(By.cssSelector("input[name=section][value='Transformers']")).click();
        driver.findElement(By.id("start-practice")).click();
        String first = visible(By.id("practice-question")).getText();
        String firstAnswer = "The cache keeps the keys and values of earlier tokens, so each new token attends without"
                + " recomputing them.";
        driver.findElement(By.id("answer-input")).sendKeys(firstAnswer);
        driver.findElement(By.id("submit-answer")).click();
        int firstScore = Integer.parseInt(visible(By.id("score")).getText());
        List<String> missing = driver.findElements(By.cssSelector("#missing li")).stream().map(WebElement::getText).toList();
        String followUp = driver.findElement(By.id("followup-question")).getText();
        String followUpAnswer = "Grouped-query attention shares key and value heads, so the cache shrinks.";
        driver.findElement(By.id("followup-input")).sendKeys(followUpAnswer);
        driver.findElement(By.id("submit-followup")).click();
        BROWSER.waiting().until(textMatches(By.id("followup-result"), java.util.regex.Pattern.compile("(?i)covered|missing|key points")));
        driver.findElement(By.id("next-question")).click();
        String second = visible(By.id("practice-question")).getText();
        driver.findElement(By.id("answer-input")).sendKeys("I am not sure.");
        driver.findElement(By.id("submit-answer")).click();
        int secondScore = Integer.parseInt(visible(By.id("score")).getText());
        driver.findElement(By.id("end-session")).click();
        visible(By.id("session-summary"));
        driver.findElement(By.id("download-summary")).click();

        Path file = Files.list(waitForFile(name -> name.matches("mock-interview-\\d{4}-\\d{2}-\\d{2}\\.md"))).findFirst().orElseThrow();
        String md = Files.readString(file, StandardCharsets.UTF_8);
        assertTrue(md.startsWith("# Mock interview, "), md);
        assertTrue(md.contains("2 questions answered, average score "), md);
        assertTrue(md.contains("## 1. " + first + "\n\nTransformers · score **" + firstScore + "/100**"), md);
        assertTrue(md.contains("## 2. " + second + "\n\nTransformers · score **" + secondScore + "/100**"), md);
        assertTrue(md.contains("### Your answer\n\n> " + firstAnswer), md);
        assertTrue(md.contains("> I am not sure."), md);
        assertFalse(missing.isEmpty(), "a short answer misses key points");
        for (String point : missing) {
            assertTrue(md.contains("- " + point), "missing point listed: " + point + "\n" + md);
        }
        assertTrue(md.contains("### Follow-up\n\n**" + followUp + "**\n\n> " + followUpAnswer), md);
        assertTrue(md.contains("## Review next"), md);
        BROWSER.script("document.getElementById('download-summary').scrollIntoView();");
        BROWSER.screenshot("interview-summary-markdown");
    }

    @Test
    void buildsTheInterviewMarkdownInTheDocumentedFormat() {
        driver.get(base + "#/ask");
        Object md = ((org.openqa.selenium.JavascriptExecutor) driver).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                import('/js/export.js').then((m) => done(m.interviewMarkdown(
                  { reason: 'Time is up.', turns: [
                    { id: 'a', question: 'What is $x$?', section: 'Maths', score: 80, answer: 'It is\\n\\nx.',
                      missing: [], followUp: 'And y?', followUpAnswer: 'y too', followUpResult: 'You covered it.' },
                    { id: 'b', question: 'Why?', section: 'Maths', score: 20, graderScore: 35, scoredBy: 'self', answer: '',
                      wrong: ['Wrongly.'], missing: ['Because.'], followUp: '' },
                    { id: 'c', question: 'Old turn', section: '', score: 50, answer: 'kept before missing was stored' }] },
                  { answered: 3, averageScore: 50, strengths: [{ topic: 'Maths', kind: 'section', averageScore: 80, answered: 1 }],
                    weakTopics: [], review: [{ id: 'b', question: 'Why?', section: 'Maths', score: 20 }] },
                  new Date('2025-03-04T10:00:00Z')))).catch((e) => done('failed: ' + e));
                """);
        assertEquals("""
                # Mock interview, 2025-03-04

                3 questions answered, average score 50/100.

                _Time is up._

                **Strengths:** Maths (section, 80)

                **Weak topics:** none

                ## Review next

                - Why? (20/100)

                ## 1. What is $x$?

                Maths · score **80/100**

                ### Your answer

                > It is
                >
                > x.

                ### What was missing

                Nothing: every key point was covered.

                ### Follow-up

                **And y?**

                > y too

                _You covered it._

                ## 2. Why?

                Maths · score **20/100**

                _Your score after checking the grader's matches against the notes; the grader gave 35/100._

                ### Your answer

                _(no answer)_

                ### What was wrong

                - Wrongly.

                ### What was missing

                - Because.

                ## 3. Old turn

                score **50/100**

                ### Your answer

                > kept before missing was stored
                """, md);
    }

    private WebElement visible(By by) {
        return BROWSER.waiting().until(visibilityOfElementLocated(by));
    }

    /** The downloaded file once Chromium has finished writing it. */
    private Path downloaded(String name) {
        return waitForFile(name::equals).resolve(name);
    }

    private Path waitForFile(java.util.function.Predicate<String> name) {
        new WebDriverWait(driver, Duration.ofSeconds(30)).until(d -> {
            try (var files = Files.list(downloads)) {
                return files.map(p -> p.getFileName().toString()).anyMatch(name);
            } catch (IOException e) {
                return false;
            }
        });
        return downloads;
    }
}
