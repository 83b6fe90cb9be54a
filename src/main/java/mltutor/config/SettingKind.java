package mltutor.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * What values a {@link Setting} accepts and how one is parsed. Every failure is a {@link ConfigException} whose
 * one-line message starts with the setting's name.
 */
sealed interface SettingKind {
    /** Words used on the command line for a value of this kind, e.g. {@code N} or {@code weighted|rrf}. */
    String label();

    /** Parses and validates a value; {@code raw} is neither null nor blank. */
    Object parse(String name, String raw);

    /** Text, surrounding spaces removed; a secret is never printed. */
    record Text(boolean secret) implements SettingKind {
        public String label() {
            return secret ? "KEY" : "TEXT";
        }

        public String parse(String name, String raw) {
            return raw.strip();
        }
    }

    /** An embedding instruction prefix: its spaces matter, and {@code none} means the empty prefix. */
    record Prefix() implements SettingKind {
        public String label() {
            return "TEXT";
        }

        public String parse(String name, String raw) {
            return raw.strip().equals("none") ? "" : raw;
        }
    }

    record FilePath() implements SettingKind {
        public String label() {
            return "FILE";
        }

        public Path parse(String name, String raw) {
            String v = raw.strip();
            try {
                return Path.of(v);
            } catch (RuntimeException e) {
                throw new ConfigException(name + ": not a valid path: '" + v + "'");
            }
        }
    }

    record Whole(int min, int max) implements SettingKind {
        public String label() {
            return "N";
        }

        public Integer parse(String name, String raw) {
            return inRange(name, raw, Integer::valueOf, min, max, "an integer");
        }
    }

    record Decimal(double min, double max) implements SettingKind {
        public String label() {
            return "X";
        }

        public Double parse(String name, String raw) {
            return inRange(name, raw, Double::valueOf, min, max, "a number");
        }
    }

    /** A number from {@code min} to {@code max}; NaN is out of every range. */
    private static <N extends Comparable<N>> N inRange(String name, String raw, Function<String, N> parse, N min,
            N max, String what) {
        String v = raw.strip();
        N n;
        try {
            n = parse.apply(v);
        } catch (NumberFormatException e) {
            throw new ConfigException(name + ": must be " + what + ", got '" + v + "'");
        }
        if (n.compareTo(min) < 0 || n.compareTo(max) > 0) {
            throw new ConfigException(name + ": must be between " + min + " and " + max + ", got " + v);
        }
        return n;
    }

    /** A duration given in seconds, fractions allowed ("2.5"). */
    record Seconds(double min, double max) implements SettingKind {
        public String label() {
            return "SECONDS";
        }

        public Duration parse(String name, String raw) {
            double d = new Decimal(min, max).parse(name, raw);
            return Duration.ofMillis(Math.round(d * 1000));
        }

        /** How a duration is written in this kind: whole seconds without a fraction. */
        static String format(Duration d) {
            return d.toMillis() % 1000 == 0 ? Long.toString(d.toSeconds()) : Double.toString(d.toMillis() / 1000.0);
        }
    }

    /** One of a few words, case-insensitive; an alias is accepted but not advertised. Parses to the canonical word. */
    record Choice(List<String> words, Map<String, String> aliases) implements SettingKind {
        Choice(String... words) {
            this(List.of(words), Map.of());
        }

        public String label() {
            return String.join("|", words);
        }

        public String parse(String name, String raw) {
            String v = raw.strip();
            String word = v.toLowerCase(Locale.ROOT);
            word = aliases.getOrDefault(word, word);
            if (!words.contains(word)) {
                throw new ConfigException(name + ": must be " + alternatives() + ", got '" + v + "'");
            }
            return word;
        }

        private String alternatives() {
            var quoted = words.stream().map(w -> "'" + w + "'").toList();
            return String.join(", ", quoted.subList(0, quoted.size() - 1)) + " or " + quoted.get(quoted.size() - 1);
        }
    }

    /** An absolute http(s) URL without credentials, without a trailing slash; errors never echo a URL that may hold some. */
    record HttpUrl() implements SettingKind {
        public String label() {
            return "URL";
        }

        public URI parse(String name, String raw) {
            String v = raw.strip();
            URI uri;
            try {
                uri = new URI(v);
            } catch (URISyntaxException e) {
                throw new ConfigException(name + ": not a valid URL: " + e.getReason());
            }
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
                throw new ConfigException(name + ": must be an absolute http:// or https:// URL with a host"
                        + (v.contains("@") ? "" : ", got '" + v + "'"));
            }
            if (uri.getUserInfo() != null) {
                throw new ConfigException(name + ": must not contain credentials; use " + Setting.LLM_API_KEY.env());
            }
            String text = uri.toString();
            return URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
        }
    }
}
