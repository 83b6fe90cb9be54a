package mltutor.web;

import static org.junit.jupiter.api.Assertions.*;

import java.net.http.HttpResponse;
import java.util.List;
import mltutor.export.AnkiPackageFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code GET /api/export/anki} over real HTTP: a download of a valid package, filters, and 400s as JSON. */
class ExportRoutesTest {
    @RegisterExtension
    static final ServerFixture SERVER = new ServerFixture();

    @Test
    void downloadsTheWholeCorpusAsAnAnkiPackage() throws Exception {
        HttpResponse<byte[]> r = SERVER.client().getBytes("/api/export/anki");
        assertEquals(200, r.statusCode());
        assertEquals("application/apkg", r.headers().firstValue("Content-Type").orElse(""));
        assertEquals("attachment; filename=\"ml-interview-tutor.apkg\"; filename*=UTF-8''ml-interview-tutor.apkg",
                r.headers().firstValue("Content-Disposition").orElse(""));
        var apkg = AnkiPackageFile.read(r.body());
        int entries = SERVER.app().corpus().entries().size();
        assertEquals(entries, apkg.notes().size());
        assertEquals(String.valueOf(entries), r.headers().firstValue("X-Note-Count").orElse(""));
        String back = apkg.notes().get(0).fields().get(1);
        assertTrue(back.contains("href=\"http://127.0.0.1:" + SERVER.port() + "/#/q/"),
                "the cards link to the server as the request reached it: " + back);
    }

    @Test
    void filtersBySectionAndOrigin() throws Exception {
        HttpResponse<byte[]> r = SERVER.client().getBytes("/api/export/anki?section=transformers&origin=seed");
        assertEquals(200, r.statusCode());
        assertTrue(r.headers().firstValue("Content-Disposition").orElse("")
                .startsWith("attachment; filename=\"ml-interview-tutor-transformers-seed.apkg\""));
        long expected = SERVER.app().corpus().entries().stream()
                .filter(e -> e.section().equals("Transformers") && e.origin().equals("seed")).count();
        var notes = AnkiPackageFile.read(r.body()).notes();
        assertEquals(expected, notes.size());
        assertTrue(notes.stream().allMatch(n -> n.tags().containsAll(List.of("Transformers", "origin-seed"))));
    }

    @Test
    void invalidParametersAre400sWithJson() {
        assertBadRequest("/api/export/anki?section=Cooking", "no section named 'Cooking'; the sections are: ");
        assertBadRequest("/api/export/anki?origin=mine", "origin must be 'seed' or 'extra', got 'mine'");
        assertBadRequest("/api/export/anki?section=" + "x".repeat(201), "'section' is 201 characters; the limit is 200");
    }

    private static void assertBadRequest(String url, String messageStart) {
        ApiClient.Response r = SERVER.client().get(url);
        assertEquals(400, r.status(), r.body());
        assertTrue(r.header("Content-Type").startsWith("application/json"), r.header("Content-Type"));
        assertEquals(400, r.json().at("/error/status").asInt());
        assertTrue(r.json().at("/error/message").asText().startsWith(messageStart), r.body());
    }
}
