package mltutor.config;

import static org.junit.jupiter.api.Assertions.*;

import dev.langchain4j.model.embedding.onnx.PoolingMode;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import mltutor.retrieval.Fusion;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class TutorConfigTest {
    @Test
    void usesTheEmbeddedDefaultsOnAFreshMachine() {
        TutorConfig c = TutorConfig.from(Map.of(), Map.of());
        assertEquals("127.0.0.1", c.host());
        assertEquals(7070, c.port());
        assertEquals(Path.of("corpus"), c.corpusDir());
        assertEquals(Path.of("data/index"), c.dataDir());
        assertEquals("bge-small-en-v1.5-q", c.embedding().name());
        assertEquals(PoolingMode.CLS, c.embedding().pooling());
        assertEquals("Represent this sentence for searching relevant passages: ", c.embedding().queryPrefix());
        assertEquals(Fusion.weighted(0.3), c.fusion());
    }

    @Test
    void flagsWinOverEnvironmentVariables() {
        var c = TutorConfig.from(Map.of("TUTOR_PORT", "8080", "TUTOR_FUSION", "rrf"), Map.of("TUTOR_PORT", "9090"));
        assertEquals(9090, c.port());
        assertEquals(Fusion.Method.RRF, c.fusion().method());
    }

    @Test
    void switchesToAnotherModelByConfigurationOnly() {
        var c = TutorConfig.from(Map.of("TUTOR_EMBEDDING_PRESET", "e5-small-v2-q"), Map.of());
        assertEquals(PoolingMode.MEAN, c.embedding().pooling());
        assertEquals("query: ", c.embedding().queryPrefix());
        assertEquals("passage: ", c.embedding().passagePrefix());
        var custom = TutorConfig.from(Map.of("TUTOR_EMBEDDING_MODEL", "/opt/m/my-model.onnx", "TUTOR_EMBEDDING_POOLING", "mean",
                "TUTOR_QUERY_PREFIX", "none", "TUTOR_EMBEDDING_MAX_TOKENS", "128"), Map.of());
        assertEquals("my-model", custom.embedding().name());
        assertEquals(Path.of("/opt/m/tokenizer.json"), custom.embedding().tokenizerFile());
        assertEquals("", custom.embedding().queryPrefix());
        assertEquals(120, custom.chunkTokens(), "chunks shrink to fit a 128-token model");
    }

    @Test
    void rejectsInvalidSettingsWithOneLineNamingTheSetting() {
        assertMessage(Map.of("TUTOR_PORT", "http"), "TUTOR_PORT: must be an integer, got 'http'");
        assertMessage(Map.of("TUTOR_PORT", "70000"), "TUTOR_PORT: must be between 0 and 65535, got 70000");
        assertMessage(Map.of("TUTOR_FUSION", "max"), "TUTOR_FUSION: must be 'weighted' or 'rrf', got 'max'");
        assertMessage(Map.of("TUTOR_FUSION_WEIGHT", "1.5"), "TUTOR_FUSION_WEIGHT: must be between 0.0 and 1.0, got 1.5");
        assertMessage(Map.of("TUTOR_EMBEDDING_POOLING", "max"), "TUTOR_EMBEDDING_POOLING: must be 'cls' or 'mean', got 'max'");
        assertMessage(Map.of("TUTOR_EMBEDDING_PRESET", "gpt"), "TUTOR_EMBEDDING_PRESET: unknown embedding model preset 'gpt'");
    }

    /** Every setting whose kind can reject a value names itself in a single line; none needs its own test to. */
    @ParameterizedTest
    @MethodSource("settingsThatCanRejectAValue")
    void aBadValueOfAnySettingGivesOneLineNamingIt(Setting s) {
        var env = new HashMap<String, String>(Map.of(s.env(), "not valid: 'x'"));
        if (s != Setting.LLM) {
            env.putAll(Map.of(Setting.LLM.env(), "ollama", Setting.LLM_MODEL.env(), "m"));
        }
        var e = assertThrows(ConfigException.class, () -> TutorConfig.from(env, Map.of()));
        assertTrue(e.getMessage().startsWith(s.env() + ": "), e.getMessage());
        assertTrue(e.getMessage().endsWith("got 'not valid: 'x''") || e.getMessage().contains("not a valid URL"),
                "says what it got: " + e.getMessage());
        assertEquals(1, e.getMessage().lines().count());
    }

    static Stream<Setting> settingsThatCanRejectAValue() {
        var settings = Stream.of(Setting.values()).filter(s -> !(s.kind() instanceof SettingKind.Text
                || s.kind() instanceof SettingKind.Prefix || s.kind() instanceof SettingKind.FilePath)).toList();
        assertTrue(settings.size() >= 15, "most settings are validated: " + settings);
        return settings.stream();
    }

    @Test
    void aDerivedDefaultIsNotReadAsAFixedOne() {
        var values = new SettingValues(Map.of(), Map.of());
        var e = assertThrows(IllegalStateException.class, () -> values.get(Setting.LLM_MODEL, String.class));
        assertTrue(e.getMessage().startsWith("TUTOR_LLM_MODEL has no fixed default"), e.getMessage());
        assertEquals(java.util.Optional.empty(), values.ifGiven(Setting.LLM_MODEL, String.class));
    }

    private static void assertMessage(Map<String, String> env, String expected) {
        var e = assertThrows(ConfigException.class, () -> TutorConfig.from(env, Map.of()));
        assertTrue(e.getMessage().startsWith(expected), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }
}
