package mltutor.export;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import mltutor.Fixtures;
import mltutor.corpus.Corpus;
import mltutor.corpus.CorpusLoader;
import mltutor.corpus.Entry;
import org.junit.jupiter.api.Test;

/** The .apkg export, opened with SQLite and checked note by note against the corpus. */
class AnkiExportTest {
    static final URI BASE = URI.create("http://127.0.0.1:7070/");
    static final Clock JAN = Clock.fixed(Instant.parse("2025-01-15T10:00:00Z"), ZoneOffset.UTC);
    static final Clock JUN = Clock.fixed(Instant.parse("2025-06-15T10:00:00Z"), ZoneOffset.UTC);

    private static Corpus fixture() {
        return new CorpusLoader().load(Fixtures.FIXTURE_CORPUS);
    }

    @Test
    void everyEntryBecomesOneNoteWithQuestionAnswerKeyPointsLinkAndTags() throws Exception {
        Corpus corpus = fixture();
        var file = new AnkiExport(corpus, JAN).export(ExportSelection.all(), BASE);
        assertEquals("ml-interview-tutor.apkg", file.fileName());
        AnkiPackageFile apkg = AnkiPackageFile.read(file.bytes());
        checkPackage(corpus, corpus.entries(), apkg, BASE);
        assertEquals(corpus.entries().size(), file.notes());
    }

    @Test
    void reExportsKeepEveryGuidAndIdSoAnkiUpdatesInsteadOfDuplicating() throws Exception {
        Corpus corpus = fixture();
        var first = AnkiPackageFile.read(new AnkiExport(corpus, JAN).export(ExportSelection.all(), BASE).bytes());
        var later = AnkiPackageFile.read(new AnkiExport(corpus, JUN).export(ExportSelection.all(), BASE).bytes());
        assertEquals(first.notes().stream().map(AnkiPackageFile.Note::guid).toList(),
                later.notes().stream().map(AnkiPackageFile.Note::guid).toList());
        assertEquals(first.notes().stream().map(AnkiPackageFile.Note::id).toList(),
                later.notes().stream().map(AnkiPackageFile.Note::id).toList());
        assertEquals(first.cards().stream().map(AnkiPackageFile.Card::id).toList(),
                later.cards().stream().map(AnkiPackageFile.Card::id).toList());
        assertEquals(first.models().fieldNames().next(), later.models().fieldNames().next(), "same note type id");
        assertEquals(first.decks().toString().replaceAll("\"mod\":\\d+", ""), later.decks().toString()
                .replaceAll("\"mod\":\\d+", ""), "same decks and deck ids");
        // A section exported alone gives its notes the same GUIDs as the whole export.
        var section = AnkiPackageFile.read(new AnkiExport(corpus, JUN)
                .export(new ExportSelection(Optional.of("transformers"), Optional.empty()), BASE).bytes());
        assertTrue(first.notes().stream().map(AnkiPackageFile.Note::guid).toList()
                .containsAll(section.notes().stream().map(AnkiPackageFile.Note::guid).toList()));
        assertEquals(first.notes().size(), new HashSet<>(first.notes().stream().map(AnkiPackageFile.Note::guid).toList()).size(),
                "GUIDs are unique");
    }

    @Test
    void filtersBySectionIgnoringCaseAndByOrigin() throws Exception {
        Corpus corpus = fixture();
        var export = new AnkiExport(corpus, JAN);
        var transformers = export.export(new ExportSelection(Optional.of("TRANSFORMERS"), Optional.empty()), BASE);
        assertEquals("ml-interview-tutor-transformers.apkg", transformers.fileName());
        List<Entry> expected = corpus.entries().stream().filter(e -> e.section().equals("Transformers")).toList();
        assertEquals(2, expected.size());
        checkPackage(corpus, expected, AnkiPackageFile.read(transformers.bytes()), BASE);

        var extra = export.export(new ExportSelection(Optional.empty(), Optional.of("extra")), BASE);
        List<Entry> extras = corpus.entries().stream().filter(e -> e.origin().equals("extra")).toList();
        assertEquals(1, extras.size());
        checkPackage(corpus, extras, AnkiPackageFile.read(extra.bytes()), BASE);

        var seedTransformers = export.export(new ExportSelection(Optional.of("Transformers"), Optional.of(" Seed ")), BASE);
        assertEquals("ml-interview-tutor-transformers-seed.apkg", seedTransformers.fileName());
        assertEquals(expected.stream().filter(e -> e.origin().equals("seed")).count(), seedTransformers.notes());
    }

    @Test
    void refusesAnUnknownSectionOrOriginOrAFilterThatMatchesNothing() {
        Corpus corpus = fixture();
        var export = new AnkiExport(corpus, JAN);
        var section = assertThrows(InvalidExportException.class,
                () -> export.export(new ExportSelection(Optional.of("Cooking"), Optional.empty()), BASE));
        assertTrue(section.getMessage().startsWith("no section named 'Cooking'; the sections are: "), section.getMessage());
        assertTrue(section.getMessage().contains("Transformers"));
        var origin = assertThrows(InvalidExportException.class,
                () -> new ExportSelection(Optional.empty(), Optional.of("mine")));
        assertEquals("origin must be 'seed' or 'extra', got 'mine'", origin.getMessage());
        String extraSection = corpus.entries().stream().filter(e -> e.origin().equals("extra")).findFirst().orElseThrow().section();
        String seedOnly = corpus.sectionCounts().keySet().stream().filter(s -> !s.equals(extraSection)).findFirst().orElseThrow();
        var none = assertThrows(InvalidExportException.class,
                () -> export.export(new ExportSelection(Optional.of(seedOnly), Optional.of("extra")), BASE));
        assertEquals("no entries match section '" + seedOnly + "', origin 'extra'", none.getMessage());
    }

    @Test
    void checksTheLinkBase() {
        assertEquals(URI.create("https://tutor.example:8443/app/"), AnkiNotes.linkBase(" https://tutor.example:8443/app/ "));
        for (String bad : List.of("127.0.0.1:7070", "ftp://host/", "http://", "not a url", "http://h/?q=1")) {
            var e = assertThrows(InvalidExportException.class, () -> AnkiNotes.linkBase(bad), bad);
            assertTrue(e.getMessage().startsWith("the link base must be an http(s) URL"), e.getMessage());
        }
        assertEquals("https://tutor.example:8443/app/#/q/kv-cache",
                new AnkiNotes(URI.create("https://tutor.example:8443/app")).entryUrl("kv-cache"));
    }

    @Test
    void exportsTheWholeRealCorpusAsAValidPackage() throws Exception {
        Corpus corpus = new CorpusLoader().load(Fixtures.REAL_CORPUS);
        long start = System.nanoTime();
        var file = new AnkiExport(corpus, JAN).export(ExportSelection.all(), BASE);
        long millis = (System.nanoTime() - start) / 1_000_000;
        AnkiPackageFile apkg = AnkiPackageFile.read(file.bytes());
        checkPackage(corpus, corpus.entries(), apkg, BASE);
        for (AnkiPackageFile.Note n : apkg.notes()) {
            String fields = String.join("\n", n.fields());
            assertFalse(fields.contains("$$"), "display math converted: " + n.sortField());
            assertEquals(count(fields, "\\("), count(fields, "\\)"), "balanced inline math: " + n.sortField());
            assertEquals(count(fields, "\\["), count(fields, "\\]"), "balanced display math: " + n.sortField());
            assertFalse(fields.contains("<img") || fields.contains("<script") || fields.contains("src="),
                    "nothing loaded from outside: " + n.sortField());
        }
        assertTrue(apkg.notes().stream().anyMatch(n -> n.fields().get(1).contains("\\(")),
                "the corpus's formulas reach the cards in MathJax delimiters");
        System.out.printf("Anki export of the whole corpus: %d notes, %,d bytes (%.0f KB), %d ms%n",
                file.notes(), file.bytes().length, file.bytes().length / 1024.0, millis);
    }

    private static int count(String s, String needle) {
        int n = 0;
        for (int i = s.indexOf(needle); i >= 0; i = s.indexOf(needle, i + needle.length())) {
            n++;
        }
        return n;
    }

    /** Every note, card, deck and the note type of the package, against the entries it should hold. */
    static void checkPackage(Corpus corpus, List<Entry> entries, AnkiPackageFile apkg, URI base) {
        assertEquals("{}", apkg.media());
        assertEquals(11, apkg.version());
        assertEquals(entries.size(), apkg.notes().size());
        assertEquals(entries.size(), apkg.cards().size(), "one card per note");

        JsonNode model = apkg.models().get(String.valueOf(AnkiPackage.NOTE_TYPE_ID));
        assertNotNull(model, "the note type is keyed by its id: " + apkg.models());
        assertEquals(AnkiPackage.NOTE_TYPE_ID, model.get("id").asLong());
        assertEquals(List.of("Front", "Back"), List.of(model.get("flds").get(0).get("name").asText(),
                model.get("flds").get(1).get("name").asText()));
        assertEquals("{{Front}}", model.get("tmpls").get(0).get("qfmt").asText());
        assertTrue(model.get("tmpls").get(0).get("afmt").asText().contains("{{Back}}"));
        assertEquals(String.valueOf(AnkiPackage.NOTE_TYPE_ID), apkg.conf().get("curModel").asText());
        assertTrue(apkg.deckOptions().has("1"));

        Map<String, Entry> byGuid = entries.stream()
                .collect(Collectors.toMap(e -> StableIds.guid("mltutor:" + e.id()), Function.identity()));
        Map<Long, AnkiPackageFile.Card> cardByNote = apkg.cards().stream()
                .collect(Collectors.toMap(AnkiPackageFile.Card::noteId, Function.identity()));
        for (AnkiPackageFile.Note n : apkg.notes()) {
            Entry e = byGuid.get(n.guid());
            assertNotNull(e, "a GUID from an entry id: " + n.guid());
            assertEquals(AnkiPackage.NOTE_TYPE_ID, n.noteType());
            assertEquals(2, n.fields().size(), e.id());
            String front = n.fields().get(0);
            String back = n.fields().get(1);
            assertTrue(front.contains(AnkiHtml.inline(e.question())), e.id() + ": " + front);
            assertEquals(AnkiHtml.plain(e.question()), n.sortField());
            assertEquals(AnkiPackage.checksum(n.sortField()), n.checksum());
            assertTrue(back.contains(AnkiHtml.blocks(e.shortAnswer())), e.id() + ": " + back);
            assertFalse(e.shortAnswer().isBlank(), e.id());
            assertEquals(e.keyPoints().size(), count(back, "<li>"), e.id() + " key points: " + back);
            for (String k : e.keyPoints()) {
                assertTrue(back.contains("<li>" + AnkiHtml.inline(k) + "</li>"), e.id() + ": " + k);
            }
            assertTrue(back.contains("<a href=\"" + base + "#/q/" + e.id() + "\">"), back);
            assertEquals(List.of(e.section().replace(' ', '_'), "difficulty-" + e.difficulty(), "origin-" + e.origin()),
                    n.tags());
            assertFalse(n.tags().stream().anyMatch(t -> t.contains(" ")));

            AnkiPackageFile.Card card = cardByNote.get(n.id());
            assertNotNull(card, "a card for " + e.id());
            assertEquals(0, card.ord());
            assertEquals(0, card.type(), "new");
            assertEquals(0, card.queue(), "new");
            JsonNode deck = apkg.decks().get(String.valueOf(card.deckId()));
            assertNotNull(deck, "the card's deck is in the collection");
            assertEquals(AnkiNotes.DECK + "::" + e.section(), deck.get("name").asText());
            assertEquals(card.deckId(), deck.get("id").asLong());
        }
        assertTrue(apkg.decks().has("1"), "Anki's default deck");
        assertTrue(apkg.decks().has(String.valueOf(AnkiPackage.deckId(AnkiNotes.DECK))), "the parent deck");
        assertEquals(entries.size(), new HashSet<>(apkg.cards().stream().map(AnkiPackageFile.Card::due).toList()).size(),
                "new cards in entry order");
    }
}
