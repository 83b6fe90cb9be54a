package mltutor.corpus;

import java.util.List;

/** A summary of one learning resource (repository, article, paper or course) linked from the question list. */
public record Resource(
        String id,
        String title,
        String url,
        String kind,
        List<String> topics,
        List<String> questions,
        String body,
        String file) {

    public Resource {
        topics = List.copyOf(topics);
        questions = List.copyOf(questions);
    }
}
