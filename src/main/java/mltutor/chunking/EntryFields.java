package mltutor.chunking;

import java.util.List;

/**
 * One entry (or resource summary) as lexical search sees it: its text split into fields, so a term in
 * the question or a key point can count for more than the same term in passing in the body.
 *
 * @param phrasings aliases and search phrasings
 * @param headings  the body's section headings
 */
public record EntryFields(String entryId, String question, String origin, List<String> phrasings, List<String> tags,
                          List<String> keyPoints, List<String> headings, String body) {
    public EntryFields {
        phrasings = List.copyOf(phrasings);
        tags = List.copyOf(tags);
        keyPoints = List.copyOf(keyPoints);
        headings = List.copyOf(headings);
    }

    /** The fields that say what the entry is about, as opposed to what it mentions along the way. */
    public String core() {
        return question + "\n" + String.join("\n", phrasings) + "\n" + String.join(" ", tags).replace('-', ' ') + "\n"
                + String.join("\n", keyPoints) + "\n" + String.join("\n", headings);
    }
}
