package mltutor.web;

import static org.junit.jupiter.api.Assertions.*;
import static org.openqa.selenium.support.ui.ExpectedConditions.*;

import io.javalin.Javalin;
import java.util.List;
import java.util.Optional;
import mltutor.Fixtures;
import mltutor.config.ServerAccess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;

/** With TUTOR_API_TOKEN set, the page opened from the {@code #token=} link works, and keeps the token out of the URL. */
class TokenPageBrowserTest {
    @RegisterExtension
    static final BrowserFixture BROWSER = new BrowserFixture();
    static final String TOKEN = "page-token-0123456789";
    private static Javalin server;
    private static String base;

    @BeforeAll
    static void start() {
        server = ApiServer.create(Fixtures.fixtureApp().api(), new ServerAccess(List.of(), Optional.of(TOKEN)))
                .start("127.0.0.1", 0);
        base = "http://127.0.0.1:" + server.port() + "/";
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    @Test
    void thePageOpenedFromTheTokenLinkAsksAndAnswers() {
        var driver = BROWSER.driver();
        driver.get(base + "favicon.svg"); // another document first: a hash-only change would not reload the page
        driver.get(base + "#token=" + TOKEN);
        BROWSER.waiting().until(textToBePresentInElementLocated(By.id("server-status"), "offline"));
        assertFalse(driver.getCurrentUrl().contains(TOKEN), "the token leaves the address bar: " + driver.getCurrentUrl());
        BROWSER.waiting().until(visibilityOfElementLocated(By.id("ask-input")))
                .sendKeys("What is KV cache and why is it used?", Keys.ENTER);
        BROWSER.waiting().until(visibilityOfElementLocated(By.cssSelector(".qa .answer-meta")));
        assertTrue(driver.findElement(By.cssSelector(".qa .answer-body")).getText().length() > 80);
    }

    @Test
    void withoutTheTokenThePageSaysWhatIsNeeded() {
        var driver = BROWSER.driver();
        driver.get(base + "openapi.json");
        BROWSER.script("sessionStorage.clear(); localStorage.clear();");
        driver.get(base + "#/ask");
        BROWSER.waiting().until(visibilityOfElementLocated(By.id("ask-input")))
                .sendKeys("What is KV cache and why is it used?", Keys.ENTER);
        BROWSER.waiting().until(textToBePresentInElementLocated(By.cssSelector("body"), "needs its API token"));
    }
}
