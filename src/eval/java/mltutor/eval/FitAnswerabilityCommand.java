package mltutor.eval;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import mltutor.app.TutorApp;
import mltutor.cli.ConfigOptions;
import mltutor.retrieval.AnswerabilityScorer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code tutor fit-answerability}: refits the answerability scorer and writes its versioned coefficients. */
@Command(name = "fit-answerability", mixinStandardHelpOptions = true,
        description = "Fit the answerable/uncovered/off-topic scorer on the training questions in "
                + "src/main/resources/answerability and write its coefficients and thresholds.")
final class FitAnswerabilityCommand implements Callable<Integer> {
    @Mixin
    ConfigOptions options;

    @Option(names = "--out", paramLabel = "FILE", defaultValue = "src/main/resources/answerability/model.json",
            description = "Where to write the model (default: ${DEFAULT-VALUE}); rebuild the jar to ship it.")
    Path out;

    @Option(names = "--with-phrasings",
            description = "Also train on the entries' aliases and search phrasings, each held out of its own search.")
    boolean withPhrasings;

    @Option(names = "--signals", paramLabel = "FILE", description = "Also write every training row's signals to FILE (TSV).")
    Path signalsOut;

    @Override
    public Integer call() {
        try (TutorApp app = TutorApp.startForFitting(options.config(), System.err)) {
            var fit = new AnswerabilityFit(app.corpus(), app.retriever(), withPhrasings, System.out);
            AnswerabilityScorer scorer = signalsOut == null ? fit.fit() : fit.fit(signalsOut);
            Files.createDirectories(out.toAbsolutePath().getParent());
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.toFile(), scorer);
            System.out.println("wrote " + out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + out + ": " + e.getMessage(), e);
        }
        return 0;
    }
}
