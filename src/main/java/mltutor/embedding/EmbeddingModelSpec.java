package mltutor.embedding;

import dev.langchain4j.model.embedding.onnx.PoolingMode;
import java.nio.file.Path;

/**
 * Everything needed to load one local ONNX embedding model and use it the way it was trained:
 * files, pooling, the prefixes its authors document for queries and passages, and its token window.
 */
public record EmbeddingModelSpec(
        String name,
        Path modelFile,
        Path tokenizerFile,
        PoolingMode pooling,
        String queryPrefix,
        String passagePrefix,
        int maxTokens) {

    public EmbeddingModelSpec {
        queryPrefix = queryPrefix == null ? "" : queryPrefix;
        passagePrefix = passagePrefix == null ? "" : passagePrefix;
        if (maxTokens < 16) {
            throw new IllegalArgumentException("maxTokens must be at least 16, got " + maxTokens);
        }
    }

    /** The same model with other prefixes; used to measure whether a prefix helps. */
    public EmbeddingModelSpec withPrefixes(String query, String passage) {
        return new EmbeddingModelSpec(name, modelFile, tokenizerFile, pooling, query, passage, maxTokens);
    }
}
