package mltutor.chunking;

/**
 * A piece of one corpus file small enough for the embedding model's token window. It never spans two
 * entries and carries its entry's id, question and section, so any hit leads straight to its entry.
 *
 * @param kind "entry" for a question entry, "alias" for one alternative phrasing of its question,
 *             "resource" for a learning-resource summary
 * @param url  the resource's address, or null for entries
 */
public record Chunk(
        String chunkId,
        String entryId,
        String question,
        String section,
        String origin,
        String kind,
        String heading,
        String text,
        String url) {

    public static final String ALIAS = "alias";

    /** What gets embedded and matched: the entry's question gives every chunk but an alias its context. */
    public String embeddingText() {
        if (kind.equals(ALIAS)) {
            return text;
        }
        return heading.isEmpty() ? question + "\n" + text : question + "\n" + heading + ": " + text;
    }
}
