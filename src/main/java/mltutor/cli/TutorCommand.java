package mltutor.cli;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import java.util.ServiceLoader;
import mltutor.config.ConfigException;
import mltutor.corpus.CorpusException;
import mltutor.embedding.DjlTracking;
import mltutor.embedding.ModelLoadException;
import mltutor.io.FileErrorMessage;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code tutor}: the command line, and the fat jar's entry point. The evaluation and benchmark commands are not
 * in this jar: they join as {@link CommandPlugin}s when the eval jar is on the class path (as {@code ./tutor} does).
 */
@Command(name = "tutor", mixinStandardHelpOptions = true, version = "ml-interview-tutor 0.1.0",
        description = "ML Interview Tutor: grounded answers and practice for ML interviews, offline.",
        subcommands = {ServeCommand.class, IndexCommand.class, SearchCommand.class, CorpusCommand.class,
                AskCommand.class, DraftCommand.class, FollowUpsCommand.class, FeedbackCommand.class, GapsCommand.class,
                ExportCommand.class, ConfigCommand.class})
public final class TutorCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs a command line with the given streams and returns the exit code; tests call this directly. */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        DjlTracking.disable();
        var cli = new CommandLine(new TutorCommand());
        for (CommandPlugin plugin : ServiceLoader.load(CommandPlugin.class)) {
            plugin.commands().forEach(cli::addSubcommand);
        }
        // Added last so that it stays last in the usage list, after any plugin's commands.
        cli.addSubcommand("help", new CommandLine.HelpCommand());
        ConfigOptions.addFlags(cli);
        cli.setOut(out);
        cli.setErr(err);
        var usageErrors = cli.getParameterExceptionHandler();
        cli.setParameterExceptionHandler((e, arguments) -> {
            if (!ExportCommand.owns(e)) {
                return usageErrors.handleParseException(e, arguments);
            }
            e.getCommandLine().getErr().println("error: " + e.getMessage() + " (see '"
                    + e.getCommandLine().getCommandSpec().qualifiedName() + " --help')");
            return e.getCommandLine().getCommandSpec().exitCodeOnInvalidInput();
        });
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println("error: " + describe(e));
            return 1;
        });
        return cli.execute(args);
    }

    /** One readable line for anything that stops a command; stack traces are for the log, not the user. */
    static String describe(Throwable e) {
        if (e instanceof CorpusException c) {
            return "the corpus has " + c.problems().size() + " problem(s), first: " + c.problems().get(0)
                    + " (run 'tutor corpus check' to list all)";
        }
        // A bare I/O exception says only the path ("java.nio.file.AccessDeniedException: /data"): say why.
        if (e instanceof UncheckedIOException u && u.getCause() instanceof FileSystemException f
                && u.getMessage().equals(f.toString())) {
            return f.getFile() + ": " + FileErrorMessage.reason(f);
        }
        if (e instanceof FileSystemException f) {
            return f.getFile() + ": " + FileErrorMessage.reason(f);
        }
        if (e instanceof ConfigException || e instanceof ModelLoadException || e instanceof UncheckedIOException
                || e instanceof IllegalArgumentException) {
            return e.getMessage();
        }
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }
}
