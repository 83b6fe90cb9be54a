package mltutor.config;

import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The README's configuration table, written from the {@link Setting} declarations ({@code tutor config --markdown});
 * a test keeps the README equal to it, so a new setting cannot go undocumented.
 */
public final class SettingsTable {
    private SettingsTable() {
    }

    /** One Markdown table, one row per setting in declaration order, ending with a newline. */
    public static String markdown() {
        var header = Stream.of("| variable | default | meaning | flag |", "|---|---|---|---|");
        var rows = Stream.of(Setting.values()).map(s -> "| " + String.join(" | ", "`" + s.env() + "`",
                cell(s.fallback().text()), cell(s.meaning()), cell(flag(s))) + " |");
        return Stream.concat(header, rows).collect(Collectors.joining("\n", "", "\n"));
    }

    private static String flag(Setting s) {
        return s.flag().map(f -> "`" + (f.scope() == Setting.Scope.SERVE ? "serve " : "") + f.name() + "`").orElse("");
    }

    /** A pipe would end the cell. */
    private static String cell(String text) {
        return text.replace("|", "\\|");
    }
}
