package mltutor.eval;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import mltutor.corpus.Corpus;
import mltutor.corpus.Entry;
import mltutor.io.FileErrorMessage;

/**
 * Answers whose right grade is known: for each entry, a correct answer in a candidate's own words and a wrong
 * one on the same key points with every fact reversed, one statement per item, each labelled with the key
 * point it addresses. The file lives in the test resources ({@code grading/graded-answers.yaml}).
 */
public record GradedAnswerSet(List<Item> items) {
    /** One statement and the 1-based number of the key point it addresses. */
    public record Statement(int point, String text) {
    }

    /** An entry's two answers. */
    public record Item(String entry, List<Statement> correct, List<Statement> wrong) {
        public String answer(boolean right) {
            return String.join(" ", (right ? correct : wrong).stream().map(Statement::text).toList());
        }
    }

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES);

    public GradedAnswerSet {
        items = List.copyOf(items);
    }

    /** Reads the set and checks it against the corpus: known entries, point numbers in range, no blank text. */
    public static GradedAnswerSet read(Path file, Corpus corpus) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new IllegalArgumentException(FileErrorMessage.describe("cannot read " + file, e), e);
        }
        Item[] items;
        try {
            items = YAML.readValue(bytes, Item[].class);
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": not a graded-answer set: " + e.getMessage().lines().findFirst()
                    .orElse(""), e);
        }
        for (Item item : items) {
            Entry e = corpus.entry(item.entry()).orElseThrow(
                    () -> new IllegalArgumentException(file + ": unknown entry '" + item.entry() + "'"));
            for (List<Statement> answer : List.of(item.correct(), item.wrong())) {
                if (answer == null || answer.isEmpty()) {
                    throw new IllegalArgumentException(file + ": " + item.entry() + " needs correct and wrong statements");
                }
                for (Statement s : answer) {
                    if (s.point() < 1 || s.point() > e.keyPoints().size() || s.text() == null || s.text().isBlank()) {
                        throw new IllegalArgumentException(file + ": " + item.entry() + ": bad statement " + s);
                    }
                }
            }
        }
        return new GradedAnswerSet(List.of(items));
    }
}
