package mltutor.config;

import dev.langchain4j.model.embedding.onnx.PoolingMode;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import mltutor.embedding.EmbeddingModelSpec;
import mltutor.embedding.ModelPreset;
import mltutor.practice.GradingScale;
import mltutor.retrieval.Fusion;
import mltutor.retrieval.OriginWeights;
import mltutor.retrieval.Ranking;
import mltutor.index.ChunkIndex;
import mltutor.llm.LlmSettings;

/**
 * The whole configuration, read and validated in one place. Every setting has an environment variable
 * ({@code TUTOR_*}); a command-line flag with the same key wins over it, and a default applies otherwise.
 */
public record TutorConfig(
        String host,
        int port,
        Path corpusDir,
        Path dataDir,
        EmbeddingModelSpec embedding,
        int chunkTokens,
        int queryCacheSize,
        Fusion fusion,
        OriginWeights originWeights,
        int candidates,
        LlmSettings llm,
        GradingScale grading,
        java.util.Optional<Path> gapLog,
        boolean answerUncovered) {

    /** How search ranks entries: the configured fusion and origin weights over the default ranking. */
    public Ranking ranking() {
        return new Ranking(fusion, originWeights, Ranking.DEFAULT_DENSE_KINDS, Ranking.Lexical.ENTRIES,
                ChunkIndex.FieldWeights.DEFAULT, candidates);
    }

    /** Setting names, shared by environment variables and CLI flag overrides. */
    public static final String HOST = "TUTOR_HOST";
    public static final String PORT = "TUTOR_PORT";
    public static final String CORPUS_DIR = "TUTOR_CORPUS_DIR";
    public static final String DATA_DIR = "TUTOR_DATA_DIR";
    public static final String MODELS_DIR = "TUTOR_MODELS_DIR";
    public static final String EMBEDDING_PRESET = "TUTOR_EMBEDDING_PRESET";
    public static final String EMBEDDING_MODEL = "TUTOR_EMBEDDING_MODEL";
    public static final String EMBEDDING_TOKENIZER = "TUTOR_EMBEDDING_TOKENIZER";
    public static final String EMBEDDING_POOLING = "TUTOR_EMBEDDING_POOLING";
    public static final String EMBEDDING_MAX_TOKENS = "TUTOR_EMBEDDING_MAX_TOKENS";
    public static final String QUERY_PREFIX = "TUTOR_QUERY_PREFIX";
    public static final String PASSAGE_PREFIX = "TUTOR_PASSAGE_PREFIX";
    public static final String CHUNK_TOKENS = "TUTOR_CHUNK_TOKENS";
    public static final String QUERY_CACHE = "TUTOR_QUERY_CACHE";
    public static final String FUSION = "TUTOR_FUSION";
    public static final String FUSION_WEIGHT = "TUTOR_FUSION_WEIGHT";
    public static final String GRADER_THRESHOLD = "TUTOR_GRADER_THRESHOLD";
    public static final String GRADER_BAND = "TUTOR_GRADER_BAND";
    public static final String GRADER_BACKGROUND_WEIGHT = "TUTOR_GRADER_BACKGROUND_WEIGHT";
    public static final String EXTRA_WEIGHT = "TUTOR_EXTRA_WEIGHT";
    public static final String GAP_LOG = "TUTOR_GAP_LOG";
    public static final String LLM_UNCOVERED = "TUTOR_LLM_UNCOVERED";
    public static final String LLM = "TUTOR_LLM";
    public static final String LLM_BASE_URL = "TUTOR_LLM_BASE_URL";
    public static final String LLM_MODEL = "TUTOR_LLM_MODEL";
    public static final String LLM_API_KEY = "TUTOR_LLM_API_KEY";
    /** Read when TUTOR_LLM_API_KEY is unset, as most OpenAI tooling does. */
    public static final String OPENAI_API_KEY = "OPENAI_API_KEY";
    public static final String LLM_TIMEOUT = "TUTOR_LLM_TIMEOUT";
    public static final String LLM_TEMPERATURE = "TUTOR_LLM_TEMPERATURE";
    public static final String LLM_MAX_TOKENS = "TUTOR_LLM_MAX_TOKENS";
    public static final String LLM_RETRIES = "TUTOR_LLM_RETRIES";
    public static final String LLM_MAX_CONCURRENT = "TUTOR_LLM_MAX_CONCURRENT";
    public static final String LLM_QUEUE_WAIT = "TUTOR_LLM_QUEUE_WAIT";

    static final String OPENAI_DEFAULT_URL = "https://api.openai.com/v1";
    static final String OLLAMA_DEFAULT_URL = "http://localhost:11434";

    static final String DEFAULT_PRESET = "bge-small-en-v1.5-q";
    static final double DEFAULT_FUSION_WEIGHT = 0.3;
    static final double DEFAULT_EXTRA_WEIGHT = 0.8;

    /** Reads settings from the process environment, overridden by flags. */
    public static TutorConfig load(Map<String, String> flags) {
        return from(System.getenv(), flags);
    }

    /** Reads settings from the given environment, overridden by flags; throws {@link ConfigException} when invalid. */
    public static TutorConfig from(Map<String, String> env, Map<String, String> flags) {
        Function<String, String> get = key -> {
            String v = flags.get(key);
            if (v == null) {
                v = env.get(key);
            }
            return v == null || v.isBlank() ? null : v;
        };
        var s = new Settings(get);

        String host = s.string(HOST, "127.0.0.1");
        int port = s.integer(PORT, 7070, 0, 65535);
        Path corpus = s.path(CORPUS_DIR, "corpus");
        Path data = s.path(DATA_DIR, "data/index");
        Path models = s.path(MODELS_DIR, "models");

        ModelPreset preset;
        try {
            preset = ModelPreset.byId(s.string(EMBEDDING_PRESET, DEFAULT_PRESET));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(EMBEDDING_PRESET + ": " + e.getMessage());
        }
        EmbeddingModelSpec base = preset.spec(models);
        Path modelFile = s.path(EMBEDDING_MODEL, base.modelFile().toString());
        Path tokenizer = get.apply(EMBEDDING_TOKENIZER) != null ? s.path(EMBEDDING_TOKENIZER, null)
                : get.apply(EMBEDDING_MODEL) != null ? siblingTokenizer(modelFile) : base.tokenizerFile();
        String name = get.apply(EMBEDDING_MODEL) != null ? stripOnnx(modelFile.getFileName().toString()) : base.name();
        var spec = new EmbeddingModelSpec(name, modelFile, tokenizer,
                s.pooling(EMBEDDING_POOLING, base.pooling()),
                s.raw(QUERY_PREFIX, base.queryPrefix()),
                s.raw(PASSAGE_PREFIX, base.passagePrefix()),
                s.integer(EMBEDDING_MAX_TOKENS, base.maxTokens(), 32, 8192));

        int chunkTokens = Math.min(s.integer(CHUNK_TOKENS, 256, 32, 8192), spec.maxTokens() - 8);
        int cache = s.integer(QUERY_CACHE, 1024, 1, 1_000_000);
        String fusionName = s.string(FUSION, "weighted").toLowerCase(Locale.ROOT);
        double weight = s.decimal(FUSION_WEIGHT, DEFAULT_FUSION_WEIGHT, 0, 1);
        Fusion fusion = switch (fusionName) {
            case "weighted" -> Fusion.weighted(weight);
            case "rrf" -> Fusion.rrf(60);
            default -> throw new ConfigException(FUSION + ": must be 'weighted' or 'rrf', got '" + fusionName + "'");
        };
        var weights = new OriginWeights(s.decimal(EXTRA_WEIGHT, DEFAULT_EXTRA_WEIGHT, 0.01, 1), 0.8);
        double graderThreshold = s.decimal(GRADER_THRESHOLD, GradingScale.DEFAULT_THRESHOLD, 0.01, 0.99);
        double graderBand = s.decimal(GRADER_BAND, GradingScale.DEFAULT_BAND, 0, 0.5);
        if (graderBand >= graderThreshold) {
            throw new ConfigException(GRADER_BAND + ": must be smaller than " + GRADER_THRESHOLD + " (" + graderThreshold
                    + "), got " + graderBand);
        }
        var grading = new GradingScale(graderThreshold, graderBand,
                s.decimal(GRADER_BACKGROUND_WEIGHT, GradingScale.DEFAULT_BACKGROUND_WEIGHT, 0, 2),
                GradingScale.BACKGROUND_REFERENCE);
        String gapLog = s.string(GAP_LOG, "data/gaps.jsonl");
        String uncovered = s.string(LLM_UNCOVERED, "decline").toLowerCase(Locale.ROOT);
        if (!uncovered.equals("decline") && !uncovered.equals("answer")) {
            throw new ConfigException(LLM_UNCOVERED + ": must be 'decline' or 'answer', got '" + uncovered + "'");
        }
        return new TutorConfig(host, port, corpus, data, spec, chunkTokens, cache, fusion, weights, 100,
                llm(s), grading, gapLog.equals("off") ? java.util.Optional.empty() : java.util.Optional.of(s.path(GAP_LOG, gapLog)),
                uncovered.equals("answer"));
    }

    private static LlmSettings llm(Settings s) {
        var defaults = LlmSettings.none();
        String name = s.string(LLM, "none").toLowerCase(Locale.ROOT);
        LlmSettings.Provider provider = switch (name) {
            case "none", "offline" -> LlmSettings.Provider.NONE;
            case "openai" -> LlmSettings.Provider.OPENAI;
            case "ollama" -> LlmSettings.Provider.OLLAMA;
            default -> throw new ConfigException(LLM + ": must be 'none', 'openai' or 'ollama', got '" + name + "'");
        };
        Duration timeout = s.seconds(LLM_TIMEOUT, defaults.timeout(), 0.1, 3600);
        double temperature = s.decimal(LLM_TEMPERATURE, defaults.temperature(), 0, 2);
        int maxTokens = s.integer(LLM_MAX_TOKENS, defaults.maxTokens(), 16, 32768);
        int retries = s.integer(LLM_RETRIES, defaults.retries(), 0, 5);
        int maxConcurrent = s.integer(LLM_MAX_CONCURRENT, defaults.maxConcurrent(), 1, 1024);
        Duration queueWait = s.seconds(LLM_QUEUE_WAIT, defaults.queueWait(), 0, 600);
        if (provider == LlmSettings.Provider.NONE) {
            return new LlmSettings(provider, null, null, null, timeout, temperature, maxTokens, retries, maxConcurrent,
                    queueWait);
        }
        String model = s.string(LLM_MODEL, null);
        if (model == null) {
            throw new ConfigException(LLM_MODEL + ": required when " + LLM + "=" + name + " (e.g. "
                    + (provider == LlmSettings.Provider.OPENAI ? "gpt-4o-mini" : "llama3.1:8b") + ")");
        }
        URI url = s.httpUrl(LLM_BASE_URL,
                provider == LlmSettings.Provider.OPENAI ? OPENAI_DEFAULT_URL : OLLAMA_DEFAULT_URL);
        String key = s.string(LLM_API_KEY, null);
        if (key == null) {
            key = s.string(OPENAI_API_KEY, null);
        }
        if (provider == LlmSettings.Provider.OPENAI && key == null && "api.openai.com".equals(url.getHost())) {
            throw new ConfigException(LLM_API_KEY + ": required for api.openai.com (or set " + OPENAI_API_KEY + ")");
        }
        return new LlmSettings(provider, url, model, key, timeout, temperature, maxTokens, retries, maxConcurrent,
                queueWait);
    }

    private static Path siblingTokenizer(Path modelFile) {
        String base = stripOnnx(modelFile.getFileName().toString());
        Path dir = modelFile.toAbsolutePath().getParent();
        Path named = dir.resolve(base + "-tokenizer.json");
        return java.nio.file.Files.exists(named) ? named : dir.resolve("tokenizer.json");
    }

    private static String stripOnnx(String file) {
        return file.endsWith(".onnx") ? file.substring(0, file.length() - 5) : file;
    }

    /** Typed, validated reads of single settings. */
    private record Settings(Function<String, String> get) {
        String string(String key, String fallback) {
            String v = get.apply(key);
            return v == null ? fallback : v.strip();
        }

        /** Like {@link #string} but keeps surrounding spaces, which prefixes depend on. */
        String raw(String key, String fallback) {
            String v = get.apply(key);
            return v == null ? fallback : v.strip().equals("none") ? "" : v;
        }

        Path path(String key, String fallback) {
            String v = string(key, fallback);
            try {
                return Path.of(v);
            } catch (RuntimeException e) {
                throw new ConfigException(key + ": not a valid path: '" + v + "'");
            }
        }

        int integer(String key, int fallback, int min, int max) {
            String v = string(key, null);
            if (v == null) {
                return fallback;
            }
            try {
                int i = Integer.parseInt(v);
                if (i < min || i > max) {
                    throw new ConfigException(key + ": must be between " + min + " and " + max + ", got " + i);
                }
                return i;
            } catch (NumberFormatException e) {
                throw new ConfigException(key + ": must be an integer, got '" + v + "'");
            }
        }

        double decimal(String key, double fallback, double min, double max) {
            String v = string(key, null);
            if (v == null) {
                return fallback;
            }
            try {
                double d = Double.parseDouble(v);
                if (!(d >= min && d <= max)) {
                    throw new ConfigException(key + ": must be between " + min + " and " + max + ", got " + v);
                }
                return d;
            } catch (NumberFormatException e) {
                throw new ConfigException(key + ": must be a number, got '" + v + "'");
            }
        }

        /** A duration given in seconds, fractions allowed ("2.5"). */
        Duration seconds(String key, Duration fallback, double min, double max) {
            if (string(key, null) == null) {
                return fallback;
            }
            double d = decimal(key, 0, min, max);
            return Duration.ofMillis(Math.round(d * 1000));
        }

        /** An absolute http(s) URL without credentials; errors never echo a URL that may hold some. */
        URI httpUrl(String key, String fallback) {
            String v = string(key, fallback);
            URI uri;
            try {
                uri = new URI(v);
            } catch (URISyntaxException e) {
                throw new ConfigException(key + ": not a valid URL: " + e.getReason());
            }
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
                throw new ConfigException(key + ": must be an absolute http:// or https:// URL with a host"
                        + (v.contains("@") ? "" : ", got '" + v + "'"));
            }
            if (uri.getUserInfo() != null) {
                throw new ConfigException(key + ": must not contain credentials; use " + LLM_API_KEY);
            }
            String text = uri.toString();
            return URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
        }

        PoolingMode pooling(String key, PoolingMode fallback) {
            String v = string(key, null);
            if (v == null) {
                return fallback;
            }
            return switch (v.toLowerCase(Locale.ROOT)) {
                case "cls" -> PoolingMode.CLS;
                case "mean" -> PoolingMode.MEAN;
                default -> throw new ConfigException(key + ": must be 'cls' or 'mean', got '" + v + "'");
            };
        }
    }
}
