package mltutor.app;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Predicate;
import mltutor.Fixtures;
import mltutor.config.ServerAccess;
import mltutor.web.ApiClient;
import mltutor.web.ApiServer;
import mltutor.web.ServiceSwitch;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@code serve --watch} over a real server: an edited entry is re-indexed and served without a restart; a broken
 * file is rejected, reported in {@code /api/health}, and the previous index keeps answering.
 */
@Tag("slow")
class CorpusWatcherTest {
    private static final String WORD = "zorblaxian";

    @Test
    void servesAnEditedEntryAndKeepsTheOldIndexWhenAFileBreaks() throws Exception {
        Path corpus = Fixtures.copyOfFixtureCorpus();
        Path data = Fixtures.tempDir("watch-data");
        TutorApp app = Fixtures.startApp(corpus, data);
        var services = new ServiceSwitch(app.api());
        var watcher = new CorpusWatcher(app, services, Fixtures.QUIET);
        services.switchTo(app.api(watcher::status));
        var server = ApiServer.create(services, ServerAccess.localOnly()).start("127.0.0.1", 0);
        try {
            watcher.start();
            var api = new ApiClient(server.port());
            assertEquals("watching", api.get("/api/health").json().path("reload").path("state").asText());
            assertFalse(foundByWord(api.get("/api/search?mode=bm25&k=3&q=" + WORD).json()));

            Path entry = corpus.resolve("questions/metrics/precision-recall.md");
            Files.writeString(entry, Files.readString(entry).replace("## Example / math",
                    "## Example / math\n\nA " + WORD + " classifier trades precision for recall.\n"));
            JsonNode health = await(api, h -> h.path("reload").path("state").asText().equals("reloaded"));
            assertEquals(1, health.path("reload").path("reloads").asInt());
            int embedded = health.path("reload").path("embedded").asInt();
            assertTrue(embedded >= 1 && embedded <= 3, "only the edited chunks are embedded again: " + embedded);
            assertTrue(foundByWord(api.get("/api/search?mode=bm25&k=3&q=" + WORD).json()), "the new text is served");

            Files.writeString(corpus.resolve("questions/metrics/broken.md"), "---\nid: [oops\n---\ntext\n");
            health = await(api, h -> h.path("reload").path("state").asText().equals("rejected"));
            assertEquals("ok", health.path("status").asText(), "the previous index keeps serving");
            assertTrue(health.path("reload").path("problem").asText().contains("broken.md"), health.toString());
            assertTrue(foundByWord(api.get("/api/search?mode=bm25&k=3&q=" + WORD).json()),
                    "the last good index still answers");
            assertEquals(200, api.get("/api/questions/precision-recall").status());
        } finally {
            server.stop();
            watcher.close();
        }
    }

    private static boolean foundByWord(JsonNode search) {
        return search.path("results").size() > 0
                && search.path("results").get(0).path("entryId").asText().equals("precision-recall");
    }

    /** Polls /api/health until the condition holds (a rebuild of the fixture corpus takes seconds). */
    private static JsonNode await(ApiClient api, Predicate<JsonNode> condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            last = api.get("/api/health").json();
            if (condition.test(last)) {
                return last;
            }
            Thread.sleep(100);
        }
        fail("timed out; last health: " + last);
        return last;
    }
}
