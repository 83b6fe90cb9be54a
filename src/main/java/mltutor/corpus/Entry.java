package mltutor.corpus;

import java.util.List;

/** One interview question with its model answer (Markdown body) and grading rubric. */
public record Entry(
        String id,
        String section,
        String question,
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
        tags = List.copyOf(tags);
        related = List.copyOf(related);
        resources = List.copyOf(resources);
        keyPoints = List.copyOf(keyPoints);
        followUps = List.copyOf(followUps);
    }
}
