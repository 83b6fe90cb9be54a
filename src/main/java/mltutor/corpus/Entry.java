package mltutor.corpus;

import java.util.List;

/**
 * One interview question with its model answer (Markdown body) and grading rubric.
 *
 * @param aliases other ways people ask the same question; indexed so that paraphrases find the entry
 * @param queries search phrasings written from the entry in the ways people ask (symptoms, descriptions
 *                without the name, interviewer prompts, worked numbers); indexed like aliases, never shown
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
        String file) {

    public Entry {
        aliases = List.copyOf(aliases);
        queries = List.copyOf(queries);
        tags = List.copyOf(tags);
        related = List.copyOf(related);
        resources = List.copyOf(resources);
        keyPoints = List.copyOf(keyPoints);
        followUps = List.copyOf(followUps);
    }
}
