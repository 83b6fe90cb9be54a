package mltutor.chunking;

import java.util.List;

/**
 * Everything an index generation holds: the chunks to embed and the per-entry fields for lexical search.
 *
 * @param rechunked how many of the chunks were cut anew for this content (the rest came from the chunk cache)
 */
public record IndexContent(List<Chunk> chunks, List<EntryFields> entries, int rechunked) {
    public IndexContent {
        chunks = List.copyOf(chunks);
        entries = List.copyOf(entries);
    }

    /** Content whose every chunk was cut anew. */
    public IndexContent(List<Chunk> chunks, List<EntryFields> entries) {
        this(chunks, entries, chunks.size());
    }
}
