package mltutor.chunking;

/**
 * How corpus files are cut into chunks. Part of the index fingerprint: changing it rebuilds the index.
 *
 * @param maxTokens  the largest chunk, in tokens of the embedding model's tokenizer, question context included
 * @param keyPoints  also index each key point as its own small chunk (a self-contained claim about the entry);
 *                   sentence-level units were measured too and lost on both dev sets (docs/retrieval.md)
 */
public record ChunkingParams(int maxTokens, boolean keyPoints) {
    public ChunkingParams {
        if (maxTokens < 32) {
            throw new IllegalArgumentException("chunk size must be at least 32 tokens, got " + maxTokens);
        }
    }

    /** Section chunks of this size, plus the finer units the default retrieval uses. */
    public static ChunkingParams of(int maxTokens) {
        return new ChunkingParams(maxTokens, true);
    }
}
