package mltutor.corpus;

import java.util.List;

/**
 * A summary of one learning resource (repository, article, paper or course) linked from the question list.
 *
 * @param sections the body split at its headings, parsed once at load time
 */
public record Resource(
        String id,
        String title,
        String url,
        String kind,
        List<String> topics,
        List<String> questions,
        String body,
        String file,
        List<Section> sections) {

    public Resource {
        topics = List.copyOf(topics);
        questions = List.copyOf(questions);
        sections = List.copyOf(sections);
    }
}
