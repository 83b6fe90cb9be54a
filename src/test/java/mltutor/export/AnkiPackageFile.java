package mltutor.export;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * An .apkg opened the way Anki opens it: the zip's entries, and {@code collection.anki2} read with SQLite. The
 * collection's JSON columns are parsed, so invalid JSON fails the test that opens the file.
 */
public record AnkiPackageFile(Map<String, byte[]> zipEntries, List<Note> notes, List<Card> cards, JsonNode models,
                       JsonNode decks, JsonNode deckOptions, JsonNode conf, int version) {

    public record Note(long id, String guid, long noteType, List<String> fields, List<String> tags, String sortField,
                long checksum) {
    }

    public record Card(long id, long noteId, long deckId, int ord, int type, int queue, long due) {
    }

    public static AnkiPackageFile read(byte[] apkg) throws IOException, SQLException {
        var entries = new LinkedHashMap<String, byte[]>();
        try (var zip = new ZipInputStream(new ByteArrayInputStream(apkg))) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                entries.put(e.getName(), zip.readAllBytes());
            }
        }
        Path db = Files.createTempFile("anki-read-", ".anki2");
        try {
            Files.write(db, entries.get("collection.anki2"));
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db)) {
                var json = new ObjectMapper();
                JsonNode models;
                JsonNode decks;
                JsonNode dconf;
                JsonNode conf;
                int version;
                try (ResultSet col = c.createStatement().executeQuery("SELECT ver, conf, models, decks, dconf, tags FROM col")) {
                    col.next();
                    version = col.getInt("ver");
                    conf = json.readTree(col.getString("conf"));
                    models = json.readTree(col.getString("models"));
                    decks = json.readTree(col.getString("decks"));
                    dconf = json.readTree(col.getString("dconf"));
                    assertEquals("{}", col.getString("tags"));
                    assertEquals(false, col.next(), "one collection row");
                }
                var notes = new ArrayList<Note>();
                try (ResultSet n = c.createStatement().executeQuery(
                        "SELECT id, guid, mid, tags, flds, sfld, csum FROM notes ORDER BY rowid")) {
                    while (n.next()) {
                        notes.add(new Note(n.getLong("id"), n.getString("guid"), n.getLong("mid"),
                                Arrays.asList(n.getString("flds").split("\u001f", -1)),
                                Arrays.stream(n.getString("tags").strip().split(" ")).filter(t -> !t.isEmpty()).toList(),
                                n.getString("sfld"), n.getLong("csum")));
                    }
                }
                var cards = new ArrayList<Card>();
                try (ResultSet r = c.createStatement().executeQuery(
                        "SELECT id, nid, did, ord, type, queue, due FROM cards ORDER BY due")) {
                    while (r.next()) {
                        cards.add(new Card(r.getLong("id"), r.getLong("nid"), r.getLong("did"), r.getInt("ord"),
                                r.getInt("type"), r.getInt("queue"), r.getLong("due")));
                    }
                }
                return new AnkiPackageFile(entries, notes, cards, models, decks, dconf, conf, version);
            }
        } finally {
            Files.deleteIfExists(db);
        }
    }

    public String media() {
        return new String(zipEntries.get("media"), StandardCharsets.UTF_8);
    }
}
