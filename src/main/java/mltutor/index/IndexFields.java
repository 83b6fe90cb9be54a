package mltutor.index;

/** Field names of a chunk document in the Lucene index. */
final class IndexFields {
    static final String CHUNK_ID = "chunkId";
    static final String ENTRY_ID = "entryId";
    static final String QUESTION = "question";
    static final String SECTION = "section";
    static final String ORIGIN = "origin";
    static final String KIND = "kind";
    static final String HEADING = "heading";
    static final String TEXT = "text";
    static final String STORED_TEXT = "chunkText";
    static final String URL = "url";
    static final String VECTOR = "vector";
    static final String FINGERPRINT = "fingerprint";

    private IndexFields() {
    }
}
