package mltutor.cli;

import java.util.Locale;
import java.util.concurrent.Callable;
import mltutor.config.Setting;
import mltutor.config.SettingValues;
import mltutor.config.SettingsTable;
import mltutor.config.TutorConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tutor config}: the settings in effect, or the reference table the README carries. */
@Command(name = "config", mixinStandardHelpOptions = true,
        description = "Check the configuration and print each setting's value and where it comes from "
                + "(flag, environment, default); secrets are not shown.")
final class ConfigCommand implements Callable<Integer> {
    @Mixin
    ConfigOptions options;

    @Spec
    CommandSpec spec;

    @Option(names = "--markdown", description = "Print every setting as the README's Markdown table instead.")
    boolean markdown;

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        if (markdown) {
            out.print(SettingsTable.markdown());
            out.flush();
            return 0;
        }
        var flags = options.flags();
        TutorConfig.load(flags);
        var values = new SettingValues(System.getenv(), flags);
        for (Setting s : Setting.values()) {
            String value = values.given(s).map(v -> s.secret() ? "(set, not shown)" : v)
                    .or(() -> s.fallback().value()).orElse(s.fallback().text().isEmpty() ? "(unset)" : s.fallback().text().replace("`", ""));
            out.printf("%-31s %s  [%s]%n", s.env(), value, values.source(s).name().toLowerCase(Locale.ROOT));
        }
        return 0;
    }
}
