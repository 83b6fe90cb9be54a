package mltutor.export;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import mltutor.corpus.Entry;

/**
 * Makes the Anki note of an entry: front = the question; back = the short answer, the key points and a link back to
 * the entry in the web app at {@code linkBase}; tags = section, difficulty and origin. The text comes from the one
 * Markdown parse of the entry ({@link Entry#shortAnswer()}).
 */
public final class AnkiNotes {
    /** The parent deck; each section is a sub-deck, so a section exported alone lands in the same place. */
    public static final String DECK = "ML Interview Tutor";

    private final String entryUrlPrefix;

    /** {@code linkBase}: where the web app runs, e.g. {@code http://127.0.0.1:7070/}. */
    public AnkiNotes(URI linkBase) {
        String base = linkBase.toString();
        this.entryUrlPrefix = (base.endsWith("/") ? base : base + "/") + "#/q/";
    }

    /**
     * The base URL checked: an absolute http or https URL, as a user would open the web app.
     *
     * @throws InvalidExportException when it is not one
     */
    public static URI linkBase(String text) {
        try {
            URI uri = new URI(text.strip());
            if (uri.getHost() != null && ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
                    && uri.getRawQuery() == null && uri.getRawFragment() == null) {
                return uri;
            }
        } catch (java.net.URISyntaxException e) {
            // falls through to the message below
        }
        throw new InvalidExportException("the link base must be an http(s) URL such as http://127.0.0.1:7070/, got '"
                + text + "'");
    }

    public AnkiNote note(Entry e) {
        String back = "<div class=\"short-answer\">" + AnkiHtml.blocks(e.shortAnswer()) + "</div>\n"
                + "<h4>Key points</h4>\n<ul class=\"key-points\">"
                + String.join("", e.keyPoints().stream().map(k -> "<li>" + AnkiHtml.inline(k) + "</li>").toList())
                + "</ul>\n<p class=\"source\"><a href=\"" + AnkiHtml.escape(entryUrl(e.id()))
                + "\">Open in ML Interview Tutor</a></p>";
        return new AnkiNote(e.id(), StableIds.id("mltutor-note:" + e.id()), StableIds.guid("mltutor:" + e.id()),
                DECK + "::" + e.section(), "<div class=\"question\">" + AnkiHtml.inline(e.question()) + "</div>", back,
                AnkiHtml.plain(e.question()), tags(e));
    }

    /** The web app's page of the entry. */
    public String entryUrl(String id) {
        return entryUrlPrefix + URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
    }

    static List<String> tags(Entry e) {
        return List.of(e.section().strip().replaceAll("\\s+", "_"), "difficulty-" + e.difficulty(),
                "origin-" + e.origin());
    }
}
