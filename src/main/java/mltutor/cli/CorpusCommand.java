package mltutor.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.concurrent.Callable;
import mltutor.corpus.CorpusLoader;
import mltutor.corpus.CorpusProblem;
import mltutor.corpus.CorpusStandards;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code tutor corpus check}: validate the corpus without loading a model. */
@Command(name = "corpus", mixinStandardHelpOptions = true, description = "Corpus tools.",
        subcommands = CorpusCommand.Check.class)
final class CorpusCommand implements Runnable {
    @Override
    public void run() {
        System.out.println("use 'tutor corpus check'");
    }

    @Command(name = "check", mixinStandardHelpOptions = true,
            description = "Check every corpus file and the links between them; print all problems; exit 1 if any.")
    static final class Check implements Callable<Integer> {
        @Mixin
        ConfigOptions options;

        @Override
        public Integer call() {
            Path dir = options.config().corpusDir();
            var result = new CorpusLoader().read(dir);
            var problems = new ArrayList<CorpusProblem>(result.problems());
            if (result.ok()) {
                problems.addAll(new CorpusStandards().check(result.corpus(), dir.resolve(CorpusStandards.SEED_LIST)));
            }
            problems.forEach(p -> System.out.println(p));
            if (problems.isEmpty()) {
                System.out.printf("corpus OK: %d entries, %d resources in %s%n", result.corpus().entries().size(),
                        result.corpus().resources().size(), dir);
                return 0;
            }
            System.out.printf("%d problem(s) in %s%n", problems.size(), dir);
            return 1;
        }
    }
}
