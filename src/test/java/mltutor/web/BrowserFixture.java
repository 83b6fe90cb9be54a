package mltutor.web;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's Chromium, headless, driven through Selenium for a test class. Browser tests must run: when
 * Chromium or chromedriver is missing the class fails (install the packages chromium and chromium-driver).
 * Selenium Manager is bypassed, so nothing is downloaded.
 */
public final class BrowserFixture implements BeforeAllCallback, AfterAllCallback {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path SCREENSHOTS = Path.of("target/screenshots");
    static final Dimension DESKTOP = new Dimension(1280, 1000);
    static final Dimension PHONE = new Dimension(390, 844);

    private ChromeDriverService service;
    private ChromeDriver driver;
    private Path profile;

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        assertTrue(Files.isExecutable(CHROMIUM), "browser tests need " + CHROMIUM
                + ": apt-get install -y chromium chromium-driver");
        assertTrue(Files.isExecutable(CHROMEDRIVER), "browser tests need " + CHROMEDRIVER
                + ": apt-get install -y chromium chromium-driver");
        profile = Files.createTempDirectory("mltutor-chromium");
        service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        var options = new ChromeOptions();
        options.setBinary(CHROMIUM.toString());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile, "--window-size=" + DESKTOP.width + "," + DESKTOP.height, "--lang=en-US");
        driver = new ChromeDriver(service, options);
        driver.manage().window().setSize(DESKTOP);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        try {
            if (driver != null) {
                driver.quit();
            }
        } finally {
            if (service != null) {
                service.stop();
            }
            deleteQuietly(profile);
        }
    }

    public ChromeDriver driver() {
        return driver;
    }

    /**
     * The browser at desktop size on a page of {@code base} that does not run the app, with its storage cleared,
     * so no open page writes old state back and each test starts with no progress.
     */
    public ChromeDriver freshStorage(String base) {
        driver.manage().window().setSize(DESKTOP);
        driver.get(base + "openapi.json");
        script("localStorage.clear();");
        return driver;
    }

    /**
     * Imports, through the Progress tab of {@code base}, a progress file of the SM-2 version (format 1) in which
     * kv-cache was answered badly (score 20) two days ago and fell due yesterday.
     */
    public void importKvCacheAnsweredBadly(String base) throws IOException {
        long twoDaysAgo = System.currentTimeMillis() - 2 * 86_400_000L;
        Path file = mltutor.Fixtures.tempDir("sm2-progress").resolve("progress.json");
        Files.writeString(file, """
                {"format":"ml-interview-tutor-progress","version":1,
                 "attempts":[{"id":"kv-cache","score":20,"at":%d,"mode":"practice"}],
                 "cards":{"kv-cache":{"ease":2.3,"reps":0,"interval":1,"due":%d,"lastScore":20,"lastAt":%d}},
                 "names":{"kv-cache":{"question":"What is KV cache and why is it used?","section":"Transformers"}}}
                """.formatted(twoDaysAgo, twoDaysAgo + 86_400_000L, twoDaysAgo));
        driver.get(base + "#/progress");
        waiting().until(org.openqa.selenium.support.ui.ExpectedConditions.visibilityOfElementLocated(
                org.openqa.selenium.By.id("export-progress")));
        driver.findElement(org.openqa.selenium.By.id("import-file")).sendKeys(file.toAbsolutePath().toString());
        waiting().until(org.openqa.selenium.support.ui.ExpectedConditions.textToBePresentInElementLocated(
                org.openqa.selenium.By.id("progress-message"), "Imported 1 attempts"));
    }

    public WebDriverWait waiting() {
        return new WebDriverWait(driver, Duration.ofSeconds(30));
    }

    public Object script(String js, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(js, args);
    }

    /** Saves a PNG of the current viewport as target/screenshots/NAME.png. */
    public Path screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
            Path target = SCREENSHOTS.resolve(name + ".png");
            Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // A leftover temp profile is harmless.
        }
    }
}
