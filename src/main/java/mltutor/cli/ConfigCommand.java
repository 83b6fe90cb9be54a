package mltutor.cli;

import java.util.Locale;
import java.util.concurrent.Callable;
import mltutor.config.Setting;
import mltutor.config.SettingValues;
import mltutor.config.SettingsTable;
import mltutor.config.TutorConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code tutor config}: the settings in effect, or the reference table the README carries. */
@Command(name = "config", mixinStandardHelpOptions = true,
        description = "Check the configuration and print each setting's value and where it comes from "
                + "(flag, environment, default); secrets are not shown.")
final class ConfigCommand implements Callable<Integer> {
    @Mixin
    ConfigOptions options;

    @Option(names = "--markdown", description = "Print every setting as the README's Markdown table instead.")
    boolean markdown;

    @Override
    public Integer call() {
        System.out.print(markdown ? SettingsTable.markdown() : inEffect());
        return 0;
    }

    /** One line per setting: value (a secret's hidden) and source; reading the config first stops on a bad value. */
    private String inEffect() {
        var flags = options.flags();
        TutorConfig.load(flags);
        var values = new SettingValues(System.getenv(), flags);
        var lines = new StringBuilder();
        for (Setting s : Setting.values()) {
            String documented = s.fallback().text().isEmpty() ? "(unset)" : s.fallback().text().replace("`", "");
            String value = values.given(s).map(v -> s.secret() ? "(set, not shown)" : v)
                    .or(() -> s.fallback().value()).orElse(documented);
            lines.append(String.format("%-31s %s  [%s]%n", s.env(), value,
                    values.source(s).name().toLowerCase(Locale.ROOT)));
        }
        return lines.toString();
    }
}
