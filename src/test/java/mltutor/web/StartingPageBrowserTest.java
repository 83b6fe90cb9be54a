package mltutor.web;

import static org.junit.jupiter.api.Assertions.*;
import static org.openqa.selenium.support.ui.ExpectedConditions.*;

import mltutor.Fixtures;
import mltutor.config.ServerAccess;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;

/** A page opened while {@code tutor serve} is still starting says so, and comes up by itself when it is ready. */
@Tag("browser")
class StartingPageBrowserTest {
    @RegisterExtension
    static final BrowserFixture BROWSER = new BrowserFixture();

    @Test
    void thePageWaitsForAStartingServerAndThenWorks() {
        var services = new ServiceSwitch();
        var server = ApiServer.create(services, ServerAccess.localOnly()).start("127.0.0.1", 0);
        try {
            var driver = BROWSER.driver();
            driver.get("http://127.0.0.1:" + server.port() + "/#/ask");
            BROWSER.waiting().until(textToBePresentInElementLocated(By.id("server-status"), "Starting"));
            assertTrue(driver.findElement(By.cssSelector("body")).getText().contains("the tutor is starting"));

            services.switchTo(Fixtures.fixtureApp().api());
            BROWSER.waiting().until(textToBePresentInElementLocated(By.id("server-status"), "questions"));
            assertFalse(driver.findElement(By.id("banner")).isDisplayed(), "the starting banner goes away");
        } finally {
            server.stop();
        }
    }
}
