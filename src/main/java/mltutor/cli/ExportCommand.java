package mltutor.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Callable;
import mltutor.config.TutorConfig;
import mltutor.corpus.CorpusLoader;
import mltutor.export.AnkiExport;
import mltutor.export.AnkiNotes;
import mltutor.export.ExportSelection;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code tutor export anki}: the corpus as an Anki deck. Reads only the corpus: no model, no index. */
@Command(name = "export", mixinStandardHelpOptions = true, description = "Export the corpus for other study tools.",
        subcommands = ExportCommand.Anki.class)
final class ExportCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Whether a usage error belongs to these commands, which report it as one line. */
    static boolean owns(CommandLine.ParameterException e) {
        return e.getCommandLine() != null && e.getCommandLine().getCommandSpec().qualifiedName().startsWith("tutor export");
    }

    @Command(name = "anki", mixinStandardHelpOptions = true,
            description = "Write an Anki package (.apkg): one note per entry (front: the question; back: the short answer, "
                    + "key points and a link to the entry), tagged with section, difficulty and origin. Import it with "
                    + "Anki's File > Import; importing a newer export updates the notes instead of duplicating them.")
    static final class Anki implements Callable<Integer> {
        @Mixin
        ConfigOptions options;

        @Option(names = "--section", paramLabel = "SECTION", description = "Only this section (as in 'tutor corpus check'; case does not matter).")
        String section;

        @Option(names = "--origin", paramLabel = "seed|extra", description = "Only the questions of the user's list (seed) or the added ones (extra).")
        String origin;

        @Option(names = "--out", paramLabel = "FILE", description = "Where to write the package (default: ml-interview-tutor[-section][-origin].apkg here).")
        Path out;

        @Option(names = "--link-base", paramLabel = "URL", description = "Where the cards' links point (default: http://TUTOR_HOST:TUTOR_PORT/).")
        String linkBase;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            TutorConfig config = options.config();
            var selection = new ExportSelection(Optional.ofNullable(section), Optional.ofNullable(origin));
            var base = AnkiNotes.linkBase(linkBase != null ? linkBase : defaultBase(config));
            var corpus = new CorpusLoader().load(config.corpusDir());
            var file = new AnkiExport(corpus, Clock.systemUTC()).export(selection, base);
            Path target = out != null ? out : Path.of(file.fileName());
            write(target, file.bytes());
            spec.commandLine().getOut().printf("wrote %d notes (%s) to %s, %,d bytes; import it in Anki with File > Import%n",
                    file.notes(), selection.describe(), target, file.bytes().length);
            return 0;
        }

        /** The served web app: the configured address and port (loopback when bound to every address). */
        static String defaultBase(TutorConfig config) {
            String host = config.host();
            if (host.equals("0.0.0.0") || host.equals("::")) {
                host = "127.0.0.1";
            }
            return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + config.port() + "/";
        }

        /** Written beside the target and moved into place, so an existing file is never left half-written. */
        private static void write(Path target, byte[] bytes) {
            Path dir = target.toAbsolutePath().getParent();
            if (!Files.isDirectory(dir)) {
                throw new UncheckedIOException(new NoSuchFileException(target.toString()));
            }
            Path tmp = dir.resolve("." + target.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
            try {
                try {
                    Files.write(tmp, bytes);
                    Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } finally {
                    Files.deleteIfExists(tmp);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
