package mltutor.chunking;

/**
 * A piece of one corpus file small enough for the embedding model's token window. It never spans two
 * entries and carries its entry's id, question and section, so any hit leads straight to its entry.
 *
 * @param kind "entry" for a section of a question entry (or its header), "alias" / "query" for one other
 *             phrasing of its question, "keypoint" for one key point, "resource" for a learning-resource
 *             summary
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
    public static final String QUERY = "query";
    public static final String KEY_POINT = "keypoint";
    /** The kind of an entry's lexical document in the index, which has fields but no vector. */
    public static final String ENTRY_DOC = "entrydoc";

    /** Small self-contained units: embedded alone, without the entry's question as context. */
    public boolean standalone() {
        return kind.equals(ALIAS) || kind.equals(QUERY) || kind.equals(KEY_POINT);
    }

    /** Phrasings of the question itself, rather than statements from its answer. */
    public boolean phrasing() {
        return kind.equals(ALIAS) || kind.equals(QUERY);
    }

    /** What gets embedded and matched: the entry's question gives every section chunk its context. */
    public String embeddingText() {
        if (standalone()) {
            return text;
        }
        return heading.isEmpty() ? question + "\n" + text : question + "\n" + heading + ": " + text;
    }
}
