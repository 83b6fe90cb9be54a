package mltutor.cli;

import java.util.HashMap;
import java.util.Map;
import mltutor.config.TutorConfig;
import picocli.CommandLine.Option;

/** Flags shared by every command; each overrides the environment variable of the same setting. */
public final class ConfigOptions {
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

    @Option(names = "--grader-threshold", paramLabel = "S",
            description = "Similarity a typical key point needs to count as covered (TUTOR_GRADER_THRESHOLD, default: 0.78).")
    String graderThreshold;

    @Option(names = "--grader-band", paramLabel = "S",
            description = "Partial credit band below the threshold (TUTOR_GRADER_BAND, default: 0.05).")
    String graderBand;

    @Option(names = "--grader-background-weight", paramLabel = "W",
            description = "How much a key point's similarity to unrelated text raises its bar (TUTOR_GRADER_BACKGROUND_WEIGHT, default: 0.7).")
    String graderBackgroundWeight;

    @Option(names = "--extra-weight", paramLabel = "W",
            description = "Score multiplier for extra (non-list) entries, 0-1 (TUTOR_EXTRA_WEIGHT, default: 0.8).")
    String extraWeight;

    @Option(names = "--llm", paramLabel = "none|openai|ollama", description = "Who writes answers (TUTOR_LLM, default: none = offline).")
    String llm;

    @Option(names = "--llm-base-url", paramLabel = "URL",
            description = "OpenAI-compatible base URL ending in /v1, or the Ollama URL (TUTOR_LLM_BASE_URL).")
    String llmBaseUrl;

    @Option(names = "--llm-model", paramLabel = "NAME", description = "Model name (TUTOR_LLM_MODEL).")
    String llmModel;

    @Option(names = "--llm-api-key", paramLabel = "KEY",
            description = "API key (TUTOR_LLM_API_KEY or OPENAI_API_KEY; prefer the environment: flags show in ps).")
    String llmApiKey;

    @Option(names = "--llm-timeout", paramLabel = "SECONDS", description = "Per-call LLM time limit (TUTOR_LLM_TIMEOUT, default: 60).")
    String llmTimeout;

    @Option(names = "--llm-temperature", paramLabel = "T", description = "Sampling temperature 0-2 (TUTOR_LLM_TEMPERATURE, default: 0.2).")
    String llmTemperature;

    @Option(names = "--llm-max-tokens", paramLabel = "N", description = "Longest completion (TUTOR_LLM_MAX_TOKENS, default: 800).")
    String llmMaxTokens;

    @Option(names = "--llm-retries", paramLabel = "N", description = "Retries after a retryable LLM failure (TUTOR_LLM_RETRIES, default: 2).")
    String llmRetries;

    @Option(names = "--llm-max-concurrent", paramLabel = "N",
            description = "LLM-backed requests served at once (TUTOR_LLM_MAX_CONCURRENT, default: 4).")
    String llmMaxConcurrent;

    @Option(names = "--llm-queue-wait", paramLabel = "SECONDS",
            description = "How long a request waits for a free LLM slot before a 503 (TUTOR_LLM_QUEUE_WAIT, default: 10).")
    String llmQueueWait;

    @Option(names = "--gap-log", paramLabel = "FILE|off",
            description = "Where uncovered questions are recorded, or 'off' (TUTOR_GAP_LOG, default: data/gaps.jsonl).")
    String gapLog;

    @Option(names = "--llm-uncovered", paramLabel = "decline|answer",
            description = "Whether the LLM may answer ML questions the notes do not cover from its own knowledge, "
                    + "labelled as such (TUTOR_LLM_UNCOVERED, default: decline).")
    String llmUncovered;

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
        put(m, TutorConfig.GRADER_THRESHOLD, graderThreshold);
        put(m, TutorConfig.GRADER_BAND, graderBand);
        put(m, TutorConfig.GRADER_BACKGROUND_WEIGHT, graderBackgroundWeight);
        put(m, TutorConfig.EXTRA_WEIGHT, extraWeight);
        put(m, TutorConfig.LLM, llm);
        put(m, TutorConfig.LLM_BASE_URL, llmBaseUrl);
        put(m, TutorConfig.LLM_MODEL, llmModel);
        put(m, TutorConfig.LLM_API_KEY, llmApiKey);
        put(m, TutorConfig.LLM_TIMEOUT, llmTimeout);
        put(m, TutorConfig.LLM_TEMPERATURE, llmTemperature);
        put(m, TutorConfig.LLM_MAX_TOKENS, llmMaxTokens);
        put(m, TutorConfig.LLM_RETRIES, llmRetries);
        put(m, TutorConfig.LLM_MAX_CONCURRENT, llmMaxConcurrent);
        put(m, TutorConfig.LLM_QUEUE_WAIT, llmQueueWait);
        put(m, TutorConfig.GAP_LOG, gapLog);
        put(m, TutorConfig.LLM_UNCOVERED, llmUncovered);
        return m;
    }

    static void put(Map<String, String> m, String key, String value) {
        if (value != null) {
            m.put(key, value);
        }
    }

    public TutorConfig config() {
        return TutorConfig.load(flags());
    }
}
