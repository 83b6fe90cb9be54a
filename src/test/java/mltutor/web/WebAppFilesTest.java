package mltutor.web;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The web app is served from the jar at /, with its libraries from WebJars and nothing from the internet. */
class WebAppFilesTest {
    @RegisterExtension
    static final ServerFixture SERVER = new ServerFixture();
    private static final Path WEB = Path.of("src/main/resources/web");

    private final ApiClient api = SERVER.client();

    @Test
    void servesThePageAtTheRoot() {
        var r = api.get("/");
        assertEquals(200, r.status());
        assertTrue(r.header("Content-Type").startsWith("text/html"), r.header("Content-Type"));
        assertTrue(r.body().contains("<title>ML Interview Tutor</title>"));
    }

    @Test
    void servesEveryScriptAndStylesheetThePageLoads() {
        String html = api.get("/").body();
        var m = Pattern.compile("(?:src|href)=\"(/[^\"]+)\"").matcher(html);
        var paths = new ArrayList<String>();
        while (m.find()) {
            paths.add(m.group(1));
        }
        assertTrue(paths.stream().anyMatch(p -> p.startsWith("/webjars/marked/")), paths.toString());
        assertTrue(paths.stream().anyMatch(p -> p.startsWith("/webjars/dompurify/")), paths.toString());
        assertTrue(paths.stream().anyMatch(p -> p.startsWith("/webjars/katex/")), paths.toString());
        for (String path : paths) {
            var r = api.get(path);
            assertEquals(200, r.status(), path);
            String type = r.header("Content-Type");
            if (path.endsWith(".js")) {
                assertTrue(type.contains("javascript"), path + " " + type);
            } else if (path.endsWith(".css")) {
                assertTrue(type.startsWith("text/css"), path + " " + type);
            }
        }
        assertEquals(200, api.get("/js/render.js").status());
        assertEquals(200, api.get("/webjars/katex/0.18.11/dist/fonts/KaTeX_Main-Regular.woff2").status());
    }

    @Test
    void keepsJsonErrorsForUnknownApiPaths() {
        var r = api.get("/api/no-such-thing");
        ApiServerTest.assertError(r, 404, "no such endpoint");
        ApiServerTest.assertError(api.post("/api/no-such-thing", "{}"), 404, "no such endpoint");
    }

    @Test
    void copiesNoInputLimitIntoThePage() throws IOException {
        String app = Files.readString(WEB.resolve("js/app.js"));
        var limits = api.get("/api/limits").json();
        for (String name : new String[] {"questionChars", "answerChars", "turnChars"}) {
            int value = limits.get(name).asInt();
            var literal = Pattern.compile("(?<![\\w./])(" + value + "|" + String.format(java.util.Locale.ROOT, "%,d", value).replace(",", "_")
                    + ")(?![\\w/])").matcher(app);
            assertFalse(literal.find(), "app.js hard-codes the server's " + name + " (" + value + ")");
        }
        assertTrue(app.contains("/api/limits"), "the page reads its limits from the server");
    }

    @Test
    void loadsNothingFromTheInternet() throws IOException {
        try (Stream<Path> files = Files.walk(WEB)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                String text = Files.readString(f);
                var m = Pattern.compile("(?:src|href)\\s*=\\s*[\"']https?:|@import\\s+url\\(['\"]?https?:|import\\s+.*from\\s+['\"]https?:")
                        .matcher(text);
                assertFalse(m.find(), f + " loads from the internet: " + (m.find(0) ? m.group() : ""));
            }
        }
    }
}
