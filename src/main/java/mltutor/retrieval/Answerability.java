package mltutor.retrieval;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Whether the top entry answers a query: it does ({@code answerable}), the query is an ML or LLM question
 * the notes do not cover ({@code uncovered}), or it is not an ML interview topic at all ({@code offTopic}).
 *
 * @param score       P(ML topic) x P(the notes answer it), 0..1; the thresholds of the two models decide
 * @param domainScore probability that the query is an ML/LLM interview topic at all (0..1)
 */
public record Answerability(Decision decision, double score, double domainScore) {
    public enum Decision {
        ANSWERABLE("answerable"), UNCOVERED("uncovered"), OFF_TOPIC("offTopic");

        private final String id;

        Decision(String id) {
            this.id = id;
        }

        @JsonValue
        public String id() {
            return id;
        }
    }
}
