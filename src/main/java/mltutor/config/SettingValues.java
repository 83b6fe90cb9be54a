package mltutor.config;

import java.util.Map;
import java.util.Optional;

/**
 * The raw values of the settings: a flag wins over the environment variable, a blank value counts as unset.
 * Typed reads parse with the setting's declared kind and fall back to its declared default.
 */
public final class SettingValues {
    /** Where a setting's value came from. */
    public enum Source { FLAG, ENVIRONMENT, DEFAULT }

    private final Map<String, String> env;
    private final Map<String, String> flags;

    /** Both maps are keyed by environment variable name ({@link Setting#env()}). */
    public SettingValues(Map<String, String> env, Map<String, String> flags) {
        this.env = env;
        this.flags = flags;
    }

    /** The value set by flag or environment, if any. */
    public Optional<String> given(Setting s) {
        return nonBlank(flags.get(s.env())).or(() -> nonBlank(env.get(s.env())));
    }

    public Source source(Setting s) {
        return nonBlank(flags.get(s.env())).isPresent() ? Source.FLAG
                : nonBlank(env.get(s.env())).isPresent() ? Source.ENVIRONMENT : Source.DEFAULT;
    }

    /** The value given, else the declared fixed default, parsed and validated. */
    <T> T get(Setting s, Class<T> type) {
        String raw = given(s).or(() -> s.fallback().value()).orElseThrow(() -> new IllegalStateException(
                s.env() + " has no fixed default; read it with ifGiven and derive the default"));
        return type.cast(s.kind().parse(s.env(), raw));
    }

    /** The value given, parsed and validated, for settings whose default depends on other settings. */
    <T> Optional<T> ifGiven(Setting s, Class<T> type) {
        return given(s).map(raw -> type.cast(s.kind().parse(s.env(), raw)));
    }

    private static Optional<String> nonBlank(String v) {
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v);
    }
}
