package mltutor.eval;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads a list of questions on topics the notes do not cover: a header, then {@code question, topic}. */
public final class UncoveredSet {
    private UncoveredSet() {
    }

    /** Rows of {question, topic}. */
    public static List<String[]> read(Path file) {
        List<String> lines = EvalSet.lines(file, "question\ttopic", "question<TAB>topic");
        var out = new ArrayList<String[]>();
        for (int i = 1; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            String[] cols = lines.get(i).split("\t", -1);
            if (cols.length < 2 || cols[0].isBlank() || cols[1].isBlank()) {
                throw new IllegalArgumentException(file + ":" + (i + 1) + ": expected 'question<TAB>topic'");
            }
            out.add(new String[] {cols[0].strip(), cols[1].strip()});
        }
        return out;
    }
}
