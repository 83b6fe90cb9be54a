package mltutor.corpus;

/** One thing wrong with the corpus, tied to the file it was found in. */
public record CorpusProblem(String file, String message) {
    @Override
    public String toString() {
        return file + ": " + message;
    }
}
