package mltutor.embedding;

import dev.langchain4j.model.embedding.onnx.PoolingMode;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * The models the build knows how to unpack into {@code models/}, with their documented pooling and prefixes.
 * Any other ONNX model can be used by configuring the spec fields directly.
 */
public enum ModelPreset {
    BGE_SMALL_Q("bge-small-en-v1.5-q", PoolingMode.CLS,
            "Represent this sentence for searching relevant passages: ", "", 512),
    BGE_SMALL("bge-small-en-v1.5", PoolingMode.CLS,
            "Represent this sentence for searching relevant passages: ", "", 512),
    MINILM_Q("all-minilm-l6-v2-q", PoolingMode.MEAN, "", "", 128),
    E5_SMALL_Q("e5-small-v2-q", PoolingMode.MEAN, "query: ", "passage: ", 512);

    private final String dirName;
    private final PoolingMode pooling;
    private final String queryPrefix;
    private final String passagePrefix;
    private final int maxTokens;

    ModelPreset(String dirName, PoolingMode pooling, String queryPrefix, String passagePrefix, int maxTokens) {
        this.dirName = dirName;
        this.pooling = pooling;
        this.queryPrefix = queryPrefix;
        this.passagePrefix = passagePrefix;
        this.maxTokens = maxTokens;
    }

    /** The preset's name as used in configuration, e.g. {@code bge-small-en-v1.5-q}. */
    public String id() {
        return dirName;
    }

    /** The spec for this preset with its files under {@code modelsDir/<id>/}. */
    public EmbeddingModelSpec spec(Path modelsDir) {
        Path dir = modelsDir.resolve(dirName);
        return new EmbeddingModelSpec(dirName, dir.resolve(dirName + ".onnx"), dir.resolve(dirName + "-tokenizer.json"),
                pooling, queryPrefix, passagePrefix, maxTokens);
    }

    public static ModelPreset byId(String id) {
        return Arrays.stream(values())
                .filter(p -> p.dirName.equals(id.toLowerCase(Locale.ROOT)))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown embedding model preset '" + id
                        + "' (known: " + String.join(", ", Arrays.stream(values()).map(ModelPreset::id).toList()) + ")"));
    }
}
