package mltutor.tutor;

/**
 * A numbered source that an answer actually cites.
 *
 * @param n       the number used in the text as [n]
 * @param heading the part of the entry the source came from ("Explanation"), or "" for the whole entry
 * @param url     the address of a learning resource; null for corpus entries
 */
public record Citation(int n, String entryId, String question, String section, String heading, String url) {
}
