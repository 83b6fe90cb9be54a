package mltutor.cli;

import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The interview question a command works on: free text, or a corpus entry id with {@code --id}. */
final class QuestionOrId {
    @Parameters(paramLabel = "TEXT", arity = "0..*", description = "The interview question (or use --id).")
    String[] words;

    @Option(names = "--id", paramLabel = "ID", description = "A corpus entry id, e.g. kv-cache-why.")
    String id;

    /** The question text, or null when only an id was given. */
    String question() {
        return words == null ? null : String.join(" ", words);
    }
}
