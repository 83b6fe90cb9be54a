package mltutor.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Optional;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import mltutor.config.Setting;
import mltutor.config.SettingsTable;
import mltutor.config.TutorConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/** The flags generated from the setting declarations behave like the environment variables they override. */
class ConfigOptionsTest {
    /** A valid value for each flagged setting, none of them its default. */
    private static final Map<Setting, String> SAMPLES = samples();

    private static Map<Setting, String> samples() {
        var m = new HashMap<Setting, String>();
        m.put(Setting.HOST, "0.0.0.0");
        m.put(Setting.PORT, "9090");
        m.put(Setting.ALLOWED_HOSTS, "tutor.lan");
        m.put(Setting.WATCH, "on");
        m.put(Setting.CORPUS_DIR, "/srv/notes");
        m.put(Setting.DATA_DIR, "/srv/index");
        m.put(Setting.EMBEDDING_PRESET, "e5-small-v2-q");
        m.put(Setting.EMBEDDING_MODEL, "/opt/m/my-model.onnx");
        m.put(Setting.EMBEDDING_TOKENIZER, "/opt/m/tok.json");
        m.put(Setting.EMBEDDING_POOLING, "mean");
        m.put(Setting.QUERY_PREFIX, "q: ");
        m.put(Setting.PASSAGE_PREFIX, "none");
        m.put(Setting.CHUNK_TOKENS, "200");
        m.put(Setting.FUSION, "rrf");
        m.put(Setting.FUSION_WEIGHT, "0.6");
        m.put(Setting.EXTRA_WEIGHT, "0.5");
        m.put(Setting.GAP_LOG, "off");
        m.put(Setting.LLM, "openai");
        m.put(Setting.LLM_BASE_URL, "http://localhost:8000/v1/");
        m.put(Setting.LLM_MODEL, "qwen2.5-7b-instruct");
        m.put(Setting.LLM_API_KEY, "sk-flag");
        m.put(Setting.LLM_TIMEOUT, "2.5");
        m.put(Setting.LLM_TEMPERATURE, "0");
        m.put(Setting.LLM_MAX_TOKENS, "512");
        m.put(Setting.LLM_RETRIES, "0");
        m.put(Setting.LLM_MAX_CONCURRENT, "8");
        m.put(Setting.LLM_QUEUE_WAIT, "3");
        m.put(Setting.LLM_UNCOVERED, "answer");
        m.put(Setting.GRADER_THRESHOLD, "0.7");
        m.put(Setting.GRADER_BAND, "0.1");
        m.put(Setting.GRADER_BACKGROUND_WEIGHT, "0");
        return m;
    }

    static Stream<Setting> flagged() {
        return Stream.of(Setting.values()).filter(s -> s.flag().isPresent());
    }

    /** Parses a {@code serve} command line (the command with every flag) and returns the flags it read. */
    private static Map<String, String> parse(List<String> args) {
        var cli = new CommandLine(new TutorCommand());
        ConfigOptions.addFlags(cli);
        var all = new java.util.ArrayList<String>(List.of("serve"));
        all.addAll(args);
        cli.parseArgs(all.toArray(String[]::new));
        return ((ServeCommand) cli.getSubcommands().get("serve").getCommand()).options.flags();
    }

    @Test
    void everyFlaggedSettingHasASample() {
        assertEquals(flagged().toList(), flagged().filter(SAMPLES::containsKey).toList());
    }

    @Test
    void watchAloneMeansOnAndTakesOffToo() {
        assertEquals(Map.of("TUTOR_WATCH", "on"), parse(List.of("--watch")));
        assertEquals(Map.of("TUTOR_WATCH", "off"), parse(List.of("--watch=off")));
        assertEquals(Map.of("TUTOR_WATCH", "on", "TUTOR_PORT", "0"), parse(List.of("--watch", "--port", "0")));
    }

    @ParameterizedTest
    @MethodSource("flagged")
    void eachFlagOverridesItsOwnVariable(Setting s) {
        String value = SAMPLES.get(s);
        assertEquals(Map.of(s.env(), value), parse(List.of(s.flag().orElseThrow().name(), value)));
    }

    @Test
    void flagsAndEnvironmentVariablesGiveTheSameConfiguration() {
        var args = new java.util.ArrayList<String>();
        var env = new HashMap<String, String>();
        flagged().forEach(s -> {
            args.add(s.flag().orElseThrow().name() + "=" + SAMPLES.get(s));
            env.put(s.env(), SAMPLES.get(s));
        });
        TutorConfig fromFlags = TutorConfig.from(Map.of(), parse(args));
        TutorConfig fromEnv = TutorConfig.from(env, Map.of());
        assertEquals(fromEnv, fromFlags);
        assertNotEquals(TutorConfig.from(Map.of(), Map.of()), fromFlags, "the samples change the configuration");
        assertEquals(Optional.of("sk-flag"), fromFlags.llm().apiKey());
    }

    @Test
    void aFlagWinsOverTheEnvironmentSecretsIncluded() {
        var env = Map.of("TUTOR_LLM", "openai", "TUTOR_LLM_MODEL", "gpt-4o-mini", "TUTOR_LLM_API_KEY", "sk-env",
                "OPENAI_API_KEY", "sk-openai", "TUTOR_CORPUS_DIR", "/env/corpus");
        var c = TutorConfig.from(env, parse(List.of("--llm-api-key", "sk-flag", "--corpus", "/flag/corpus")));
        assertEquals(Optional.of("sk-flag"), c.llm().apiKey());
        assertEquals(java.nio.file.Path.of("/flag/corpus"), c.corpusDir());
        assertEquals(Optional.of("sk-env"), TutorConfig.from(env, parse(List.of())).llm().apiKey());
    }

    @Test
    void onlyServeTakesTheServerFlagsAndHelpComesFromTheDeclarations() {
        TutorCommandTest.Run serve = TutorCommandTest.run("serve", "--help");
        assertTrue(serve.out().contains("--port=PORT") && serve.out().contains("--host=HOST"), serve.out());
        assertTrue(serve.out().replaceAll("\\s+", " ").contains("--corpus=DIR Corpus directory (TUTOR_CORPUS_DIR, default: corpus)."),
                serve.out());
        TutorCommandTest.Run search = TutorCommandTest.run("search", "--help");
        assertTrue(search.out().contains("--fusion=weighted|rrf"), search.out());
        assertFalse(search.out().contains("--port"), search.out());
        assertEquals(2, TutorCommandTest.run("search", "--port", "1", "x").exit(), "an unknown flag is a usage error");
    }

    @Test
    void configPrintsTheReadmeTableAndHidesSecrets() {
        assertEquals(SettingsTable.markdown(), TutorCommandTest.run("config", "--markdown").out());
        TutorCommandTest.Run r = TutorCommandTest.run("config", "--llm-api-key", "sk-very-secret", "--fusion", "rrf");
        assertEquals(0, r.exit(), r.err());
        assertFalse(r.out().contains("sk-very-secret"), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.matches("TUTOR_FUSION +rrf +\\[flag]")), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.matches("TUTOR_LLM_API_KEY +\\(set, not shown\\) +\\[flag]")), r.out());
        TutorCommandTest.Run bad = TutorCommandTest.run("config", "--llm-timeout", "soon");
        assertEquals("error: TUTOR_LLM_TIMEOUT: must be a number, got 'soon'", bad.err().strip());
    }
}
