package mltutor.practice;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import mltutor.llm.LlmFailure;

/**
 * An LLM judge's verdict, parsed and validated: the score is a whole number from 0 to 100, covered key points
 * are numbers of the given key points (1..n, no others), the feedback is non-empty Markdown. Anything else is
 * rejected as a retryable {@link LlmFailure}, so the client asks again and then falls back offline.
 *
 * @param covered zero-based indexes of the covered key points, ascending
 * @param wrong   zero-based indexes of the key points stated wrongly, ascending, none of them covered
 * @param followUp the judge's follow-up, or null when it gave none (the offline one is used then)
 */
public record JudgeVerdict(int score, List<Integer> covered, List<Integer> wrong, String feedback, FollowUp followUp) {
    static final int MAX_FEEDBACK_CHARS = 6000;
    static final int MAX_FOLLOW_UP_CHARS = 500;
    private static final ObjectMapper JSON = new ObjectMapper();

    public JudgeVerdict {
        covered = List.copyOf(covered);
        wrong = List.copyOf(wrong);
    }

    /** Parses the model's reply for an entry with {@code keyPoints} key points. */
    public static JudgeVerdict parse(String reply, int keyPoints) {
        JsonNode root = object(reply);
        JsonNode score = root.get("score");
        if (score == null || !score.isNumber() || score.asDouble() != Math.rint(score.asDouble())
                || score.asInt() < 0 || score.asInt() > 100) {
            throw invalid("'score' must be a whole number from 0 to 100, got " + score);
        }
        var covered = points(root, "covered", keyPoints, true);
        // Judges written before the three-state verdict send no "wrong"; none is then the honest reading.
        var wrong = points(root, "wrong", keyPoints, false);
        if (wrong.stream().anyMatch(covered::contains)) {
            throw invalid("a key point may not be both 'covered' and 'wrong'");
        }
        JsonNode feedback = root.get("feedback");
        if (feedback == null || !feedback.isTextual() || feedback.asText().isBlank()) {
            throw invalid("'feedback' must be non-empty text");
        }
        return new JudgeVerdict(score.asInt(), new ArrayList<>(covered), new ArrayList<>(wrong), clip(feedback.asText().strip(),
                MAX_FEEDBACK_CHARS), followUp(root.get("followUp")));
    }

    private static TreeSet<Integer> points(JsonNode root, String field, int keyPoints, boolean required) {
        JsonNode node = root.get(field);
        var out = new TreeSet<Integer>();
        if (node == null && !required) {
            return out;
        }
        if (node == null || !node.isArray()) {
            throw invalid("'" + field + "' must be an array of key point numbers");
        }
        for (JsonNode n : node) {
            if (!n.isInt() || n.asInt() < 1 || n.asInt() > keyPoints) {
                throw invalid("'" + field + "' may only hold key point numbers 1 to " + keyPoints + ", got " + n);
            }
            out.add(n.asInt() - 1);
        }
        return out;
    }

    private static FollowUp followUp(JsonNode node) {
        if (node == null || !node.isObject() || !node.path("question").isTextual()
                || node.path("question").asText().isBlank()) {
            return null;
        }
        String rationale = node.path("rationale").isTextual() ? node.path("rationale").asText().strip() : "";
        return new FollowUp(clip(node.path("question").asText().strip(), MAX_FOLLOW_UP_CHARS),
                clip(rationale.isEmpty() ? "The interviewer's next question." : rationale, MAX_FOLLOW_UP_CHARS), null, null);
    }

    /** The JSON object in the reply; models sometimes wrap it in a code fence or a sentence. */
    private static JsonNode object(String reply) {
        int start = reply.indexOf('{');
        int end = reply.lastIndexOf('}');
        if (start < 0 || end < start) {
            throw invalid("no JSON object in the reply");
        }
        try {
            JsonNode root = JSON.readTree(reply.substring(start, end + 1));
            if (root == null || !root.isObject()) {
                throw invalid("the reply is not a JSON object");
            }
            return root;
        } catch (IOException e) {
            throw invalid("the reply is not valid JSON");
        }
    }

    private static LlmFailure invalid(String why) {
        return new LlmFailure("invalid judge verdict: " + why, true);
    }

    private static String clip(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max) + "…";
    }
}
