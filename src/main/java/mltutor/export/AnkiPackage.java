package mltutor.export;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes notes as an Anki package ({@code .apkg}): a zip holding {@code collection.anki2}, an SQLite database in
 * Anki's collection schema (version 11) with one note type (front/back), the decks and one new card per note,
 * and {@code media}, the (empty) media map. The note type and deck ids are derived from their names, so every
 * export names the same ones.
 */
public final class AnkiPackage {
    static final String NOTE_TYPE = "ML Interview Tutor (question / answer)";
    static final long NOTE_TYPE_ID = StableIds.id("mltutor-note-type:" + NOTE_TYPE);
    /** Anki's field separator inside {@code notes.flds}. */
    static final char FIELD_SEPARATOR = '\u001f';
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Clock clock;

    public AnkiPackage(Clock clock) {
        this.clock = clock;
    }

    /** The deck id of a full deck name ({@code Parent::Child}). */
    static long deckId(String name) {
        return StableIds.id("mltutor-deck:" + name);
    }

    /** The package's bytes. */
    public byte[] write(List<AnkiNote> notes) {
        try {
            Path db = Files.createTempFile("mltutor-anki-", ".anki2");
            try {
                writeCollection(db, notes);
                var zip = new ByteArrayOutputStream();
                try (var out = new ZipOutputStream(zip)) {
                    out.putNextEntry(new ZipEntry("collection.anki2"));
                    Files.copy(db, out);
                    out.closeEntry();
                    out.putNextEntry(new ZipEntry("media"));
                    out.write("{}".getBytes(StandardCharsets.UTF_8));
                    out.closeEntry();
                }
                return zip.toByteArray();
            } finally {
                Files.deleteIfExists(db);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the Anki package: " + e.getMessage(), e);
        }
    }

    private void writeCollection(Path db, List<AnkiNote> notes) throws IOException {
        long nowMillis = clock.millis();
        long nowSeconds = nowMillis / 1000;
        var decks = new LinkedHashSet<String>();
        decks.add(AnkiNotes.DECK);
        notes.forEach(n -> decks.add(n.deck()));
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db)) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                for (String ddl : resource("anki-schema.sql").replaceAll("(?m)^--.*$", "").split(";")) {
                    if (!ddl.isBlank()) {
                        s.execute(ddl);
                    }
                }
            }
            try (PreparedStatement col = c.prepareStatement(
                    "INSERT INTO col VALUES (1, ?, ?, ?, 11, 0, 0, 0, ?, ?, ?, ?, '{}')")) {
                col.setLong(1, nowSeconds - nowSeconds % 86_400);
                col.setLong(2, nowMillis);
                col.setLong(3, nowMillis);
                col.setString(4, collectionConf());
                col.setString(5, noteTypes(nowSeconds, deckId(notes.isEmpty() ? AnkiNotes.DECK : notes.get(0).deck())));
                col.setString(6, decks(decks, nowSeconds));
                col.setString(7, resource("anki-deck-options.json"));
                col.executeUpdate();
            }
            try (PreparedStatement note = c.prepareStatement("INSERT INTO notes VALUES (?, ?, ?, ?, -1, ?, ?, ?, ?, 0, '')");
                 PreparedStatement card = c.prepareStatement(
                         "INSERT INTO cards VALUES (?, ?, ?, 0, ?, -1, 0, 0, ?, 0, 0, 0, 0, 0, 0, 0, 0, '')")) {
                int position = 0;
                for (AnkiNote n : notes) {
                    position++;
                    note.setLong(1, n.id());
                    note.setString(2, n.guid());
                    note.setLong(3, NOTE_TYPE_ID);
                    // Anki updates a note it already has (same GUID) when the imported one is newer.
                    note.setLong(4, nowSeconds);
                    note.setString(5, " " + String.join(" ", n.tags()) + " ");
                    note.setString(6, n.front() + FIELD_SEPARATOR + n.back());
                    note.setString(7, n.sortField());
                    note.setLong(8, checksum(n.sortField()));
                    note.addBatch();
                    card.setLong(1, StableIds.id("mltutor-card:" + n.entryId()));
                    card.setLong(2, n.id());
                    card.setLong(3, deckId(n.deck()));
                    card.setLong(4, nowSeconds);
                    card.setLong(5, position);
                    card.addBatch();
                }
                note.executeBatch();
                card.executeBatch();
            }
            c.commit();
        } catch (SQLException e) {
            throw new IOException("SQLite: " + e.getMessage(), e);
        }
    }

    private static String collectionConf() throws IOException {
        ObjectNode conf = (ObjectNode) JSON.readTree(resource("anki-collection-conf.json"));
        conf.put("curModel", String.valueOf(NOTE_TYPE_ID));
        return JSON.writeValueAsString(conf);
    }

    private static String noteTypes(long nowSeconds, long deckId) throws IOException {
        ObjectNode model = JSON.createObjectNode();
        model.put("id", NOTE_TYPE_ID);
        model.put("name", NOTE_TYPE);
        model.put("type", 0);
        model.put("mod", nowSeconds);
        model.put("usn", -1);
        model.put("sortf", 0);
        model.put("did", deckId);
        model.put("css", resource("anki-card.css"));
        model.put("latexPre", "\\documentclass[12pt]{article}\n\\special{papersize=3in,5in}\n"
                + "\\usepackage{amssymb,amsmath}\n\\pagestyle{empty}\n\\setlength{\\parindent}{0in}\n\\begin{document}\n");
        model.put("latexPost", "\\end{document}");
        model.putArray("tags");
        model.putArray("vers");
        ArrayNode fields = model.putArray("flds");
        int ord = 0;
        for (String name : List.of("Front", "Back")) {
            fields.addObject().put("name", name).put("ord", ord++).put("sticky", false).put("rtl", false)
                    .put("font", "Arial").put("size", 20).putArray("media");
        }
        model.putArray("tmpls").addObject()
                .put("name", "Card 1").put("ord", 0)
                .put("qfmt", "{{Front}}")
                .put("afmt", "{{FrontSide}}\n\n<hr id=answer>\n\n{{Back}}")
                .put("bqfmt", "").put("bafmt", "").putNull("did");
        // The card exists when the front is not empty.
        model.putArray("req").addArray().add(0).add("all").addArray().add(0);
        ObjectNode models = JSON.createObjectNode();
        models.set(String.valueOf(NOTE_TYPE_ID), model);
        return JSON.writeValueAsString(models);
    }

    private static String decks(Iterable<String> names, long nowSeconds) throws IOException {
        ObjectNode decks = JSON.createObjectNode();
        decks.set("1", deck(1, "Default", nowSeconds, 0));
        for (String name : names) {
            decks.set(String.valueOf(deckId(name)), deck(deckId(name), name, nowSeconds, -1));
        }
        return JSON.writeValueAsString(decks);
    }

    private static ObjectNode deck(long id, String name, long nowSeconds, int usn) {
        ObjectNode d = JSON.createObjectNode();
        d.put("id", id);
        d.put("name", name);
        d.put("desc", id == 1 ? "" : "Questions and model answers from ML Interview Tutor.");
        d.put("mod", nowSeconds);
        d.put("usn", usn);
        d.put("dyn", 0);
        d.put("conf", 1);
        d.put("collapsed", false);
        d.put("browserCollapsed", false);
        d.put("extendNew", 10);
        d.put("extendRev", 50);
        for (String today : List.of("newToday", "revToday", "lrnToday", "timeToday")) {
            d.putArray(today).add(0).add(0);
        }
        return d;
    }

    /** Anki's duplicate check: the first 8 hex digits of the SHA-1 of the sort field, as a number. */
    static long checksum(String sortField) {
        try {
            byte[] sha1 = MessageDigest.getInstance("SHA-1").digest(sortField.getBytes(StandardCharsets.UTF_8));
            return Long.parseLong(HexFormat.of().formatHex(sha1).substring(0, 8), 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-1", e);
        }
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = AnkiPackage.class.getResourceAsStream("/export/" + name)) {
            if (in == null) {
                throw new IOException("missing resource /export/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
