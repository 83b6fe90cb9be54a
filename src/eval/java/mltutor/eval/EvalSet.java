package mltutor.eval;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Reads the evaluation TSV: a header, then {@code query, expected (question or NONE), also_ok (joined by ||)}. */
public final class EvalSet {
    private EvalSet() {
    }

    public static List<EvalQuery> read(Path file) {
        List<String> lines = lines(file, "query\texpected", "query<TAB>expected<TAB>also_ok");
        var out = new ArrayList<EvalQuery>();
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            String[] cols = line.split("\t", -1);
            if (cols.length < 2 || cols[0].isBlank() || cols[1].isBlank()) {
                throw new IllegalArgumentException(file + ":" + (i + 1) + ": expected 'query<TAB>expected[<TAB>also_ok]'");
            }
            String expected = cols[1].strip();
            List<String> alsoOk = cols.length > 2 && !cols[2].isBlank()
                    ? Arrays.stream(cols[2].split("\\|\\|")).map(String::strip).filter(s -> !s.isEmpty()).toList()
                    : List.of();
            out.add(new EvalQuery(cols[0].strip(), expected.equals("NONE") ? null : expected, alsoOk));
        }
        return out;
    }

    /** The lines of a TSV evaluation file, header included, after checking that the header starts as given. */
    static List<String> lines(Path file, String headerStart, String headerForHumans) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read eval file " + file + ": " + e.getMessage(), e);
        }
        if (lines.isEmpty() || !lines.get(0).strip().startsWith(headerStart)) {
            throw new IllegalArgumentException(file + ": the first line must be the header '" + headerForHumans + "'");
        }
        return lines;
    }
}
