package mltutor.corpus;

import java.util.List;
import java.util.Optional;

/**
 * One interview question with its model answer (Markdown body) and grading rubric.
 *
 * @param aliases  other ways people ask the same question; indexed so that paraphrases find the entry
 * @param queries  search phrasings written from the entry in the ways people ask (symptoms, descriptions
 *                 without the name, interviewer prompts, worked numbers); indexed like aliases, never shown
 * @param sections the body split at its headings, parsed once when the entry is made
 */
public record Entry(
        String id,
        String section,
        String question,
        List<String> aliases,
        List<String> queries,
        String origin,
        int difficulty,
        List<String> tags,
        List<String> related,
        List<String> resources,
        List<String> keyPoints,
        List<String> followUps,
        String body,
        String file,
        List<Section> sections) {
    /** The headings every model answer has, in order (the corpus standards check them). */
    public static final String SHORT_ANSWER = "Short answer";
    public static final String EXPLANATION = "Explanation";
    public static final String EXAMPLE = "Example";
    public static final String TRADE_OFFS = "Trade-offs";
    public static final String INTERVIEW = "In the interview";

    public Entry {
        aliases = List.copyOf(aliases);
        queries = List.copyOf(queries);
        tags = List.copyOf(tags);
        related = List.copyOf(related);
        resources = List.copyOf(resources);
        keyPoints = List.copyOf(keyPoints);
        followUps = List.copyOf(followUps);
        sections = List.copyOf(sections);
    }

    /** An entry whose sections are parsed from {@code body}. */
    public Entry(String id, String section, String question, List<String> aliases, List<String> queries,
                 String origin, int difficulty, List<String> tags, List<String> related, List<String> resources,
                 List<String> keyPoints, List<String> followUps, String body, String file) {
        this(id, section, question, aliases, queries, origin, difficulty, tags, related, resources, keyPoints,
                followUps, body, file, MarkdownSections.parse(body));
    }

    /** The first section whose heading starts with {@code prefix}, ignoring case. */
    public Optional<Section> part(String prefix) {
        return sections.stream().filter(s -> s.isNamed(prefix)).findFirst();
    }

    /** The short answer as readable text, or "" when the entry has none (the corpus standards forbid that). */
    public String shortAnswer() {
        return part(SHORT_ANSWER).map(Section::text).orElse("");
    }
}
