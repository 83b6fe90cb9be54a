package mltutor.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipFile;
import mltutor.Fixtures;
import org.junit.jupiter.api.Test;

/** {@code tutor export anki} on the fixture corpus: the file it writes, its filters and its one-line errors. */
class ExportCommandTest {
    private final String corpus = Fixtures.FIXTURE_CORPUS.toString();
    private final Path dir = Fixtures.tempDir("export-cli");

    @Test
    void writesAnAnkiPackageOfTheWholeCorpus() throws Exception {
        Path out = dir.resolve("deck.apkg");
        TutorCommandTest.Run r = TutorCommandTest.run("export", "anki", "--corpus", corpus, "--out", out.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().startsWith("wrote 6 notes (the whole corpus) to " + out), r.out());
        try (var zip = new ZipFile(out.toFile())) {
            assertNotNull(zip.getEntry("collection.anki2"));
            assertNotNull(zip.getEntry("media"));
        }
        assertTrue(Files.list(dir).noneMatch(p -> p.getFileName().toString().endsWith(".tmp")), "no temporary file left");
    }

    @Test
    void filtersBySectionAndOriginAndLinksToTheGivenBase() throws Exception {
        Path out = dir.resolve("transformers.apkg");
        TutorCommandTest.Run r = TutorCommandTest.run("export", "anki", "--corpus", corpus, "--section", "transformers",
                "--origin", "seed", "--link-base", "https://tutor.example/", "--out", out.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().startsWith("wrote 2 notes (section 'transformers', origin 'seed')"), r.out());
        String collection;
        try (var zip = new ZipFile(out.toFile())) {
            collection = new String(zip.getInputStream(zip.getEntry("collection.anki2")).readAllBytes(),
                    java.nio.charset.StandardCharsets.UTF_8);
        }
        assertTrue(collection.contains("https://tutor.example/#/q/kv-cache"), "the cards link to the given base");
    }

    @Test
    void badValuesAndFlagsGiveOneReadableLine() {
        assertOneLineError(TutorCommandTest.run("export", "anki", "--corpus", corpus, "--section", "Cooking"),
                "error: no section named 'Cooking'; the sections are: ");
        assertOneLineError(TutorCommandTest.run("export", "anki", "--corpus", corpus, "--origin", "mine"),
                "error: origin must be 'seed' or 'extra', got 'mine'");
        assertOneLineError(TutorCommandTest.run("export", "anki", "--corpus", corpus, "--link-base", "localhost:7070"),
                "error: the link base must be an http(s) URL");
        Path nowhere = dir.resolve("missing/dir/deck.apkg");
        assertOneLineError(TutorCommandTest.run("export", "anki", "--corpus", corpus, "--out", nowhere.toString()),
                "error: " + nowhere + ": no such file or directory");
        TutorCommandTest.Run unknown = TutorCommandTest.run("export", "anki", "--colour", "red");
        assertEquals(2, unknown.exit());
        assertEquals("error: Unknown options: '--colour', 'red' (see 'tutor export anki --help')", unknown.err().strip());
        TutorCommandTest.Run noValue = TutorCommandTest.run("export", "anki", "--section");
        assertEquals(2, noValue.exit());
        assertEquals(1, noValue.err().strip().lines().count(), noValue.err());
    }

    @Test
    void hasHelp() {
        TutorCommandTest.Run r = TutorCommandTest.run("export", "anki", "--help");
        assertEquals(0, r.exit());
        assertTrue(r.out().contains("Usage: tutor export anki") && r.out().contains("--section"), r.out());
    }

    private static void assertOneLineError(TutorCommandTest.Run r, String start) {
        assertEquals(1, r.exit(), r.out());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().startsWith(start), r.err());
        assertFalse(r.err().contains("Exception") || r.err().contains("\tat "), r.err());
    }
}
