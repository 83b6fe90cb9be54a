package mltutor.config;

import static mltutor.config.Setting.*;

import dev.langchain4j.model.embedding.onnx.PoolingMode;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import mltutor.embedding.EmbeddingModelSpec;
import mltutor.embedding.ModelPreset;
import mltutor.index.ChunkIndex;
import mltutor.llm.LlmSettings;
import mltutor.practice.GradingScale;
import mltutor.retrieval.Fusion;
import mltutor.retrieval.OriginWeights;
import mltutor.retrieval.Ranking;

/**
 * The whole configuration, read and validated in one place. Each setting is declared once in {@link Setting}
 * (environment variable, flag, kind, default); a command-line flag wins over the environment variable, and the
 * declared default applies otherwise. Here live only the rules that join settings (derived defaults, cross-checks).
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
        Optional<Path> gapLog,
        boolean answerUncovered) {

    /** How search ranks entries: the configured fusion and origin weights over the default ranking. */
    public Ranking ranking() {
        return new Ranking(fusion, originWeights, Ranking.DEFAULT_DENSE_KINDS, Ranking.Lexical.ENTRIES,
                ChunkIndex.FieldWeights.DEFAULT, candidates);
    }

    /** Reads settings from the process environment, overridden by flags. */
    public static TutorConfig load(Map<String, String> flags) {
        return from(System.getenv(), flags);
    }

    /**
     * Reads settings from the given environment, overridden by flags (both keyed by {@link Setting#env()});
     * throws {@link ConfigException} when invalid.
     */
    public static TutorConfig from(Map<String, String> env, Map<String, String> flags) {
        var v = new SettingValues(env, flags);
        v.get(Setting.WATCH, String.class); // used by serve alone (ServerAccess.watch), checked with every setting
        String host = v.get(HOST, String.class);
        int port = v.get(PORT, Integer.class);
        Path corpus = v.get(CORPUS_DIR, Path.class);
        Path data = v.get(DATA_DIR, Path.class);
        Path models = v.get(MODELS_DIR, Path.class);
        ModelPreset preset;
        try {
            preset = ModelPreset.byId(v.get(EMBEDDING_PRESET, String.class));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(EMBEDDING_PRESET.env() + ": " + e.getMessage());
        }
        EmbeddingModelSpec base = preset.spec(models);
        Optional<Path> customModel = v.ifGiven(EMBEDDING_MODEL, Path.class);
        Path modelFile = customModel.orElse(base.modelFile());
        Path tokenizer = v.ifGiven(EMBEDDING_TOKENIZER, Path.class)
                .orElseGet(() -> customModel.map(TutorConfig::siblingTokenizer).orElse(base.tokenizerFile()));
        String name = customModel.map(m -> stripOnnx(m.getFileName().toString())).orElse(base.name());
        var spec = new EmbeddingModelSpec(name, modelFile, tokenizer,
                v.ifGiven(EMBEDDING_POOLING, String.class).map(p -> p.equals("cls") ? PoolingMode.CLS : PoolingMode.MEAN)
                        .orElse(base.pooling()),
                v.ifGiven(QUERY_PREFIX, String.class).orElse(base.queryPrefix()),
                v.ifGiven(PASSAGE_PREFIX, String.class).orElse(base.passagePrefix()),
                v.ifGiven(EMBEDDING_MAX_TOKENS, Integer.class).orElse(base.maxTokens()));

        int chunkTokens = Math.min(v.get(CHUNK_TOKENS, Integer.class), spec.maxTokens() - 8);
        int cache = v.get(QUERY_CACHE, Integer.class);
        boolean rrf = v.get(FUSION, String.class).equals("rrf");
        double weight = v.get(FUSION_WEIGHT, Double.class);
        Fusion fusion = rrf ? Fusion.rrf(60) : Fusion.weighted(weight);
        var weights = new OriginWeights(v.get(EXTRA_WEIGHT, Double.class), 0.8);
        double graderThreshold = v.get(GRADER_THRESHOLD, Double.class);
        double graderBand = v.get(GRADER_BAND, Double.class);
        if (graderBand >= graderThreshold) {
            throw new ConfigException(GRADER_BAND.env() + ": must be smaller than " + GRADER_THRESHOLD.env() + " ("
                    + graderThreshold + "), got " + graderBand);
        }
        var grading = new GradingScale(graderThreshold, graderBand, v.get(GRADER_BACKGROUND_WEIGHT, Double.class),
                GradingScale.BACKGROUND_REFERENCE);
        Optional<Path> gapLog = v.given(GAP_LOG).filter(g -> g.strip().equals("off")).isPresent() ? Optional.empty()
                : Optional.of(v.get(GAP_LOG, Path.class));
        boolean answerUncovered = v.get(LLM_UNCOVERED, String.class).equals("answer");
        return new TutorConfig(host, port, corpus, data, spec, chunkTokens, cache, fusion, weights, 100, llm(v), grading,
                gapLog, answerUncovered);
    }

    private static LlmSettings llm(SettingValues v) {
        var settings = new LlmSettings(Optional.empty(), v.get(LLM_TIMEOUT, Duration.class),
                v.get(LLM_TEMPERATURE, Double.class), v.get(LLM_MAX_TOKENS, Integer.class), v.get(LLM_RETRIES, Integer.class),
                v.get(LLM_MAX_CONCURRENT, Integer.class), v.get(LLM_QUEUE_WAIT, Duration.class));
        String name = v.get(LLM, String.class);
        if (name.equalsIgnoreCase("none")) {
            return settings;
        }
        var provider = LlmSettings.Provider.valueOf(name.toUpperCase(Locale.ROOT));
        String model = v.ifGiven(LLM_MODEL, String.class).orElseThrow(() -> new ConfigException(LLM_MODEL.env()
                + ": required when " + LLM.env() + "=" + name + " (e.g. " + provider.exampleModel() + ")"));
        URI url = v.ifGiven(LLM_BASE_URL, URI.class).orElse(URI.create(provider.defaultUrl()));
        Optional<String> key = v.ifGiven(LLM_API_KEY, String.class).or(() -> v.ifGiven(OPENAI_API_KEY, String.class));
        if (provider == LlmSettings.Provider.OPENAI && key.isEmpty() && "api.openai.com".equals(url.getHost())) {
            throw new ConfigException(LLM_API_KEY.env() + ": required for api.openai.com (or set " + OPENAI_API_KEY.env()
                    + ")");
        }
        return settings.with(new LlmSettings.Endpoint(provider, url, model, key));
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
}
