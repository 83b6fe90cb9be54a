package mltutor.chunking;

import java.util.List;

/** Everything an index generation holds: the chunks to embed and the per-entry fields for lexical search. */
public record IndexContent(List<Chunk> chunks, List<EntryFields> entries) {
    public IndexContent {
        chunks = List.copyOf(chunks);
        entries = List.copyOf(entries);
    }
}
