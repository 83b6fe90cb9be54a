package mltutor.corpus;

import java.util.List;

/** The corpus could not be loaded; carries every problem found, each naming its file. */
public final class CorpusException extends RuntimeException {
    private final List<CorpusProblem> problems;

    public CorpusException(List<CorpusProblem> problems) {
        super(problems.size() + " corpus problem(s); first: " + problems.get(0));
        this.problems = List.copyOf(problems);
    }

    public List<CorpusProblem> problems() {
        return problems;
    }
}
