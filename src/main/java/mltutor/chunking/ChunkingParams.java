package mltutor.chunking;

/**
 * How corpus files are cut into chunks. Part of the index fingerprint: changing it rebuilds the index.
 *
 * @param maxTokens the largest chunk, in tokens of the embedding model's tokenizer, question context included
 */
public record ChunkingParams(int maxTokens) {
    public ChunkingParams {
        if (maxTokens < 32) {
            throw new IllegalArgumentException("chunk size must be at least 32 tokens, got " + maxTokens);
        }
    }

    /** The default size, clipped to what the model can read (with room for special tokens). */
    public static ChunkingParams forModelWindow(int preferredTokens, int modelWindow) {
        return new ChunkingParams(Math.min(preferredTokens, modelWindow - 8));
    }
}
