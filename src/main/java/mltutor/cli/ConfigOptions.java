package mltutor.cli;

import java.util.HashMap;
import java.util.Map;
import mltutor.config.TutorConfig;
import picocli.CommandLine.Option;

/** Flags shared by every command; each overrides the environment variable of the same setting. */
final class ConfigOptions {
    @Option(names = "--corpus", paramLabel = "DIR", description = "Corpus directory (TUTOR_CORPUS_DIR, default: corpus).")
    String corpus;

    @Option(names = "--data", paramLabel = "DIR", description = "Index directory (TUTOR_DATA_DIR, default: data/index).")
    String data;

    @Option(names = "--model-preset", paramLabel = "NAME",
            description = "Embedding model preset (TUTOR_EMBEDDING_PRESET, default: bge-small-en-v1.5-q).")
    String preset;

    @Option(names = "--model", paramLabel = "FILE", description = "ONNX model file (TUTOR_EMBEDDING_MODEL).")
    String model;

    @Option(names = "--tokenizer", paramLabel = "FILE", description = "tokenizer.json of the model (TUTOR_EMBEDDING_TOKENIZER).")
    String tokenizer;

    @Option(names = "--pooling", paramLabel = "cls|mean", description = "Pooling mode (TUTOR_EMBEDDING_POOLING).")
    String pooling;

    @Option(names = "--query-prefix", paramLabel = "TEXT", description = "Prefix for queries, 'none' for none (TUTOR_QUERY_PREFIX).")
    String queryPrefix;

    @Option(names = "--passage-prefix", paramLabel = "TEXT", description = "Prefix for passages, 'none' for none (TUTOR_PASSAGE_PREFIX).")
    String passagePrefix;

    @Option(names = "--chunk-tokens", paramLabel = "N", description = "Largest chunk in tokens (TUTOR_CHUNK_TOKENS, default: 256).")
    String chunkTokens;

    @Option(names = "--fusion", paramLabel = "weighted|rrf", description = "Hybrid fusion (TUTOR_FUSION, default: weighted).")
    String fusion;

    @Option(names = "--fusion-weight", paramLabel = "W", description = "Vector weight in weighted fusion (TUTOR_FUSION_WEIGHT).")
    String fusionWeight;

    @Option(names = "--domain-threshold", paramLabel = "S",
            description = "Nearest-chunk cosine below which a query is out of domain (TUTOR_DOMAIN_THRESHOLD).")
    String domainThreshold;

    @Option(names = "--grader-threshold", paramLabel = "S",
            description = "Similarity a typical key point needs to count as covered (TUTOR_GRADER_THRESHOLD, default: 0.78).")
    String graderThreshold;

    @Option(names = "--grader-band", paramLabel = "S",
            description = "Partial credit band below the threshold (TUTOR_GRADER_BAND, default: 0.05).")
    String graderBand;

    @Option(names = "--grader-background-weight", paramLabel = "W",
            description = "How much a key point's similarity to unrelated text raises its bar (TUTOR_GRADER_BACKGROUND_WEIGHT, default: 0.7).")
    String graderBackgroundWeight;

    Map<String, String> flags() {
        var m = new HashMap<String, String>();
        put(m, TutorConfig.CORPUS_DIR, corpus);
        put(m, TutorConfig.DATA_DIR, data);
        put(m, TutorConfig.EMBEDDING_PRESET, preset);
        put(m, TutorConfig.EMBEDDING_MODEL, model);
        put(m, TutorConfig.EMBEDDING_TOKENIZER, tokenizer);
        put(m, TutorConfig.EMBEDDING_POOLING, pooling);
        put(m, TutorConfig.QUERY_PREFIX, queryPrefix);
        put(m, TutorConfig.PASSAGE_PREFIX, passagePrefix);
        put(m, TutorConfig.CHUNK_TOKENS, chunkTokens);
        put(m, TutorConfig.FUSION, fusion);
        put(m, TutorConfig.FUSION_WEIGHT, fusionWeight);
        put(m, TutorConfig.DOMAIN_THRESHOLD, domainThreshold);
        put(m, TutorConfig.GRADER_THRESHOLD, graderThreshold);
        put(m, TutorConfig.GRADER_BAND, graderBand);
        put(m, TutorConfig.GRADER_BACKGROUND_WEIGHT, graderBackgroundWeight);
        return m;
    }

    static void put(Map<String, String> m, String key, String value) {
        if (value != null) {
            m.put(key, value);
        }
    }

    TutorConfig config() {
        return TutorConfig.load(flags());
    }
}
