package mltutor.config;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import mltutor.embedding.ModelPreset;
import mltutor.llm.LlmSettings;
import mltutor.practice.GradingScale;

/**
 * Every setting, declared once: its environment variable, its command-line flag (if any), what it accepts, its
 * default and what it means. {@link TutorConfig} reads and validates from this list, the CLI generates its flags
 * from it ({@code cli/ConfigOptions}), and the README's configuration table is generated from it
 * ({@code tutor config --markdown}, checked by a test). Defaults owned by another type are referenced, not copied.
 */
public enum Setting {
    HOST("TUTOR_HOST", Flag.serve("--host", "HOST"), new SettingKind.Text(false), Default.is("127.0.0.1"),
            "address to bind"),
    PORT("TUTOR_PORT", Flag.serve("--port", "PORT"), new SettingKind.Whole(0, 65535), Default.is("7070"),
            "port (0 = any free port)"),
    ALLOWED_HOSTS("TUTOR_ALLOWED_HOSTS", Flag.serve("--allowed-hosts", "NAMES"), new SettingKind.Text(false),
            Default.derived("none"), "extra host names the `Host` header may carry, comma-separated (loopback names "
                    + "and IP addresses are always allowed; other names are refused against DNS rebinding)"),
    API_TOKEN("TUTOR_API_TOKEN", new SettingKind.Text(true), Default.derived("none"),
            "bearer token every `/api` request must send (`Authorization: Bearer ...`); the page takes it from a "
                    + "`#token=...` link printed at start; meant for `--host` beyond loopback"),
    WATCH("TUTOR_WATCH", Flag.serve("--watch", "on|off"), new SettingKind.Choice("off", "on"), Default.is("off"),
            "watch the corpus directory: a change that passes `corpus check` is re-indexed in the background (with the "
                    + "embedding cache) and switched to at once; a broken file is reported and the old index keeps "
                    + "serving. `serve --watch` alone means `on`"),
    CORPUS_DIR("TUTOR_CORPUS_DIR", Flag.every("--corpus", "DIR"), new SettingKind.FilePath(), Default.is("corpus"),
            "corpus directory"),
    DATA_DIR("TUTOR_DATA_DIR", Flag.every("--data", "DIR"), new SettingKind.FilePath(), Default.is("data/index"),
            "index directory"),
    MODELS_DIR("TUTOR_MODELS_DIR", new SettingKind.FilePath(), Default.is("models"), "where presets live"),
    EMBEDDING_PRESET("TUTOR_EMBEDDING_PRESET", Flag.every("--model-preset", "NAME"), new SettingKind.Text(false),
            Default.is(ModelPreset.BGE_SMALL_Q.id()), "embedding model preset: " + Arrays.stream(ModelPreset.values())
                    .map(p -> "`" + p.id() + "`").collect(Collectors.joining(", "))),
    EMBEDDING_MODEL("TUTOR_EMBEDDING_MODEL", Flag.every("--model"), new SettingKind.FilePath(),
            Default.derived("preset's `.onnx`"), "any ONNX encoder file"),
    EMBEDDING_TOKENIZER("TUTOR_EMBEDDING_TOKENIZER", Flag.every("--tokenizer"), new SettingKind.FilePath(),
            Default.derived("beside the model"), "the model's `tokenizer.json`"),
    EMBEDDING_POOLING("TUTOR_EMBEDDING_POOLING", Flag.every("--pooling"), new SettingKind.Choice("cls", "mean"),
            Default.derived("preset's"), "pooling mode: `cls` or `mean`"),
    QUERY_PREFIX("TUTOR_QUERY_PREFIX", Flag.every("--query-prefix"), new SettingKind.Prefix(),
            Default.derived("preset's"), "instruction prefix for queries (`none` for none)"),
    PASSAGE_PREFIX("TUTOR_PASSAGE_PREFIX", Flag.every("--passage-prefix"), new SettingKind.Prefix(),
            Default.derived("preset's"), "instruction prefix for passages (`none` for none)"),
    EMBEDDING_MAX_TOKENS("TUTOR_EMBEDDING_MAX_TOKENS", new SettingKind.Whole(32, 8192), Default.derived("preset's"),
            "the model's token window"),
    CHUNK_TOKENS("TUTOR_CHUNK_TOKENS", Flag.every("--chunk-tokens"), new SettingKind.Whole(32, 8192),
            Default.is("256"), "largest chunk in tokens, clipped to the model's window"),
    QUERY_CACHE("TUTOR_QUERY_CACHE", new SettingKind.Whole(1, 1_000_000), Default.is("1024"),
            "query embeddings kept (LRU)"),
    FUSION("TUTOR_FUSION", Flag.every("--fusion"), new SettingKind.Choice("weighted", "rrf"), Default.is("weighted"),
            "hybrid fusion: `weighted` or `rrf`"),
    FUSION_WEIGHT("TUTOR_FUSION_WEIGHT", Flag.every("--fusion-weight", "W"), new SettingKind.Decimal(0, 1),
            Default.is("0.3"), "vector weight in weighted fusion"),
    EXTRA_WEIGHT("TUTOR_EXTRA_WEIGHT", Flag.every("--extra-weight", "W"), new SettingKind.Decimal(0.01, 1),
            Default.is("0.8"), "score multiplier for entries not in the user's list"),
    GAP_LOG("TUTOR_GAP_LOG", Flag.every("--gap-log", "FILE|off"), new SettingKind.FilePath(),
            Default.is("data/gaps.jsonl"), "where uncovered questions are recorded (`off` to disable)"),
    LLM("TUTOR_LLM", Flag.every("--llm"),
            new SettingKind.Choice(java.util.List.of("none", "openai", "ollama"), Map.of("offline", "none")),
            Default.is("none"), "who writes answers: `none` (offline generator), `openai` (any OpenAI-compatible "
                    + "server) or `ollama`"),
    LLM_BASE_URL("TUTOR_LLM_BASE_URL", Flag.every("--llm-base-url"), new SettingKind.HttpUrl(),
            Default.derived("`" + LlmSettings.Provider.OPENAI.defaultUrl() + "` for openai, `"
                    + LlmSettings.Provider.OLLAMA.defaultUrl() + "` for ollama"),
            "base URL; OpenAI-compatible URLs end in `/v1`"),
    LLM_MODEL("TUTOR_LLM_MODEL", Flag.every("--llm-model", "NAME"), new SettingKind.Text(false),
            Default.derived("none (required with an LLM)"), "model name sent with each request"),
    LLM_API_KEY("TUTOR_LLM_API_KEY", Flag.every("--llm-api-key"), new SettingKind.Text(true),
            Default.derived("`OPENAI_API_KEY` if set"), "bearer token; required for api.openai.com, optional for "
                    + "local servers; never logged or returned; prefer the variable: flags show in `ps`"),
    OPENAI_API_KEY("OPENAI_API_KEY", new SettingKind.Text(true), Default.derived(""),
            "read when `TUTOR_LLM_API_KEY` is unset, as most OpenAI tooling does"),
    LLM_TIMEOUT("TUTOR_LLM_TIMEOUT", Flag.every("--llm-timeout"), new SettingKind.Seconds(0.1, 3600),
            Default.is(SettingKind.Seconds.format(LlmSettings.none().timeout())),
            "seconds one LLM call may take in all (connect, first byte, whole reply or stream, retries and backoff); "
                    + "then it is cancelled and the answer is written offline. With the queue wait it should stay "
                    + "under the page's 60 s"),
    LLM_TEMPERATURE("TUTOR_LLM_TEMPERATURE", Flag.every("--llm-temperature", "T"), new SettingKind.Decimal(0, 2),
            Default.is(Double.toString(LlmSettings.none().temperature())), "sampling temperature, 0-2"),
    LLM_MAX_TOKENS("TUTOR_LLM_MAX_TOKENS", Flag.every("--llm-max-tokens"), new SettingKind.Whole(16, 32768),
            Default.is(Integer.toString(LlmSettings.none().maxTokens())), "longest completion"),
    LLM_RETRIES("TUTOR_LLM_RETRIES", Flag.every("--llm-retries"), new SettingKind.Whole(0, 5),
            Default.is(Integer.toString(LlmSettings.none().retries())), "extra attempts after a refused "
                    + "connection, HTTP 429/5xx, empty or unreadable reply (backoff 250 ms, 500 ms, ... up to 2 s), "
                    + "while the time limit leaves time"),
    LLM_MAX_CONCURRENT("TUTOR_LLM_MAX_CONCURRENT", Flag.every("--llm-max-concurrent"), new SettingKind.Whole(1, 1024),
            Default.is(Integer.toString(LlmSettings.none().maxConcurrent())), "requests using the LLM at once"),
    LLM_QUEUE_WAIT("TUTOR_LLM_QUEUE_WAIT", Flag.every("--llm-queue-wait"), new SettingKind.Seconds(0, 600),
            Default.is(SettingKind.Seconds.format(LlmSettings.none().queueWait())),
            "seconds a request waits for a free slot before `503` with `Retry-After`"),
    LLM_UNCOVERED("TUTOR_LLM_UNCOVERED", Flag.every("--llm-uncovered"), new SettingKind.Choice("decline", "answer"),
            Default.is("decline"), "whether a configured LLM may answer ML questions the notes lack "
                    + "(`answer`, labelled `source: \"model\"`) or not (`decline`)"),
    GRADER_THRESHOLD("TUTOR_GRADER_THRESHOLD", Flag.every("--grader-threshold", "S"),
            new SettingKind.Decimal(0.01, 0.99), Default.is(Double.toString(GradingScale.DEFAULT_THRESHOLD)),
            "similarity a key point of typical background needs to count as covered"),
    GRADER_BAND("TUTOR_GRADER_BAND", Flag.every("--grader-band", "S"), new SettingKind.Decimal(0, 0.5),
            Default.is(Double.toString(GradingScale.DEFAULT_BAND)),
            "partial credit within this distance below the bar (0 = all or nothing); below the threshold"),
    GRADER_BACKGROUND_WEIGHT("TUTOR_GRADER_BACKGROUND_WEIGHT", Flag.every("--grader-background-weight", "W"),
            new SettingKind.Decimal(0, 2), Default.is(Double.toString(GradingScale.DEFAULT_BACKGROUND_WEIGHT)),
            "how much a key point's similarity to unrelated text raises its bar (0 = a plain threshold)");

    private final String env;
    private final Optional<Flag> flag;
    private final SettingKind kind;
    private final Default fallback;
    private final String meaning;

    Setting(String env, Flag flag, SettingKind kind, Default fallback, String meaning) {
        this(env, Optional.of(flag), kind, fallback, meaning);
    }

    /** A setting read from the environment only. */
    Setting(String env, SettingKind kind, Default fallback, String meaning) {
        this(env, Optional.empty(), kind, fallback, meaning);
    }

    Setting(String env, Optional<Flag> flag, SettingKind kind, Default fallback, String meaning) {
        this.env = env;
        this.flag = flag;
        this.kind = kind;
        this.fallback = fallback;
        this.meaning = meaning;
    }

    /** The environment variable, also the key of a flag override and the name in every error message. */
    public String env() {
        return env;
    }

    public Optional<Flag> flag() {
        return flag;
    }

    /** What the flag's value is called in help text: the flag's own word, else the kind's (e.g. {@code N}). */
    public String paramLabel() {
        return flag.flatMap(Flag::label).orElse(kind.label());
    }

    public Default fallback() {
        return fallback;
    }

    /** What the setting means, in Markdown (backticks for literal values). */
    public String meaning() {
        return meaning;
    }

    /** A secret's value is never printed. */
    public boolean secret() {
        return kind instanceof SettingKind.Text t && t.secret();
    }

    /** An on/off setting whose flag may stand alone, meaning on (e.g. {@code serve --watch}). */
    public boolean switchFlag() {
        return kind instanceof SettingKind.Choice c && c.words().equals(java.util.List.of("off", "on"));
    }

    SettingKind kind() {
        return kind;
    }

    /** Which commands take a flag. */
    public enum Scope { EVERY_COMMAND, SERVE }

    /**
     * A command-line flag overriding the environment variable.
     *
     * @param label the flag's value in help text, when the kind's word says too little (e.g. {@code DIR})
     */
    public record Flag(String name, Optional<String> label, Scope scope) {
        static Flag every(String name) {
            return new Flag(name, Optional.empty(), Scope.EVERY_COMMAND);
        }

        static Flag every(String name, String label) {
            return new Flag(name, Optional.of(label), Scope.EVERY_COMMAND);
        }

        static Flag serve(String name, String label) {
            return new Flag(name, Optional.of(label), Scope.SERVE);
        }
    }

    /**
     * A default: a fixed value, parsed like a user's, or one derived from other settings at read time.
     *
     * @param value the fixed value, or empty when derived
     * @param text  how the default is documented (Markdown)
     */
    public record Default(Optional<String> value, String text) {
        static Default is(String value) {
            return new Default(Optional.of(value), "`" + value + "`");
        }

        static Default derived(String text) {
            return new Default(Optional.empty(), text);
        }
    }
}
