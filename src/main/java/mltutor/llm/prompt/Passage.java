package mltutor.llm.prompt;

/**
 * A numbered passage of the notes as a prompt shows it; an answer cites it as [n].
 *
 * @param title    the entry's question or the resource's title
 * @param heading  the section the passage comes from, or empty
 * @param resource whether it is a learning-resource summary rather than a question entry
 */
public record Passage(int n, String title, String heading, boolean resource, String text) {
}
