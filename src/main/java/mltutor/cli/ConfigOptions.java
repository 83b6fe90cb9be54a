package mltutor.cli;

import java.util.HashMap;
import java.util.Map;
import mltutor.config.Setting;
import mltutor.config.TutorConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Spec;

/**
 * The settings' flags, generated from the {@link Setting} declarations: a mixin on every command that reads the
 * configuration. Each flag overrides the environment variable of its setting. {@link ServerOptions} marks the
 * command that also takes the server's flags. {@link #addFlags} puts the flags on the commands once the command
 * tree is built.
 */
@Command
public final class ConfigOptions {
    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    /** The flags given on this command line, keyed by environment variable name. */
    Map<String, String> flags() {
        var m = new HashMap<String, String>();
        for (Setting s : Setting.values()) {
            s.flag().map(f -> command.findOption(f.name())).map(OptionSpec::<String>getValue)
                    .ifPresent(value -> m.put(s.env(), value));
        }
        return m;
    }

    public TutorConfig config() {
        return TutorConfig.load(flags());
    }

    /** Mixed into {@code serve}: it also takes the flags of {@link Setting.Scope#SERVE} (address and port). */
    @Command
    static final class ServerOptions {
    }

    /** Adds each setting's flag to every command in the tree that mixes in these options, as its scope says. */
    static void addFlags(CommandLine root) {
        CommandSpec spec = root.getCommandSpec();
        for (CommandSpec mixin : spec.mixins().values()) {
            if (mixin.userObject() instanceof ConfigOptions) {
                addFlags(spec, Setting.Scope.EVERY_COMMAND);
            } else if (mixin.userObject() instanceof ServerOptions) {
                addFlags(spec, Setting.Scope.SERVE);
            }
        }
        root.getSubcommands().values().stream().distinct().forEach(ConfigOptions::addFlags);
    }

    private static void addFlags(CommandSpec spec, Setting.Scope scope) {
        for (Setting s : Setting.values()) {
            s.flag().filter(f -> f.scope() == scope).ifPresent(f -> {
                var option = OptionSpec.builder(f.name()).paramLabel(s.paramLabel()).description(help(s)).type(String.class);
                if (s.switchFlag()) {
                    option.arity("0..1").fallbackValue("on");
                }
                spec.addOption(option.build());
            });
        }
    }

    /** E.g. "Corpus directory (TUTOR_CORPUS_DIR, default: corpus)." from the Markdown of the declaration. */
    static String help(Setting s) {
        String meaning = plain(s.meaning());
        String fallback = plain(s.fallback().text());
        return Character.toUpperCase(meaning.charAt(0)) + meaning.substring(1) + " (" + s.env()
                + (fallback.isEmpty() ? "" : ", default: " + fallback) + ").";
    }

    /** Help text has no Markdown, and picocli reads '%' as a format character. */
    private static String plain(String markdown) {
        return markdown.replace("`", "").replace("%", "%%");
    }
}
