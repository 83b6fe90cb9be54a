package mltutor.tutor;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import mltutor.llm.prompt.ConversationTurn;

/**
 * The size limits on user input, declared once and checked before any retrieval, grading or LLM work. The tutor,
 * the HTTP routes and the CLI check against these; {@code GET /api/limits} serves {@link #published()} so the web
 * page applies the same limits without copying them.
 */
public final class InputLimits {
    /** A question to the tutor, and a search query. */
    public static final int MAX_QUESTION_CHARS = 2_000;
    /** A candidate answer to grade or to pick follow-ups for. */
    public static final int MAX_ANSWER_CHARS = 10_000;
    public static final int MAX_HISTORY_TURNS = 20;
    public static final int MAX_TURN_CHARS = 10_000;
    public static final int MAX_ID_CHARS = 200;
    public static final int DEFAULT_K = 5;
    public static final int MAX_K = 10;
    public static final int DEFAULT_FOLLOW_UPS = 3;
    public static final int MAX_FOLLOW_UPS = 10;
    /** Results of a plain search (the API's and the CLI's), more than the tutor itself retrieves. */
    public static final int DEFAULT_SEARCH_K = 5;
    public static final int MAX_SEARCH_K = 50;

    /** The limits a client needs to know before it sends anything. */
    public record Published(int questionChars, int answerChars, int historyTurns, int turnChars, int maxK,
                            int maxFollowUps, int maxSearchK) {
    }

    private InputLimits() {
    }

    public static Published published() {
        return new Published(MAX_QUESTION_CHARS, MAX_ANSWER_CHARS, MAX_HISTORY_TURNS, MAX_TURN_CHARS, MAX_K,
                MAX_FOLLOW_UPS, MAX_SEARCH_K);
    }

    /** A candidate answer to grade, stripped; blank or too long is an error that names {@code field}. */
    public static String answer(String answer, String field) {
        if (answer == null || answer.isBlank()) {
            throw new InvalidInputException(field + " is empty: write an answer to get feedback");
        }
        String a = answer.strip();
        if (a.length() > MAX_ANSWER_CHARS) {
            throw new InvalidInputException(field + " is " + a.length() + " characters; the limit is " + MAX_ANSWER_CHARS);
        }
        return a;
    }

    /** The question, stripped; blank or too long is an error. */
    static String question(String question) {
        if (question == null || question.isBlank()) {
            throw new InvalidInputException("'question' is required and must not be blank");
        }
        return text("question", question, MAX_QUESTION_CHARS);
    }

    static String text(String name, String value, int max) {
        String v = value.strip();
        if (v.length() > max) {
            throw new InvalidInputException("'" + name + "' is " + v.length() + " characters; the limit is " + max);
        }
        return v;
    }

    static List<ConversationTurn> history(List<ConversationTurn> history) {
        if (history.size() > MAX_HISTORY_TURNS) {
            throw new InvalidInputException("'history' has " + history.size() + " turns; the limit is " + MAX_HISTORY_TURNS);
        }
        var out = new ArrayList<ConversationTurn>(history.size());
        for (int i = 0; i < history.size(); i++) {
            ConversationTurn t = history.get(i);
            String where = "history[" + i + "]";
            if (t == null || t.role() == null) {
                throw new InvalidInputException(where + ": 'role' is required ('user' or 'assistant')");
            }
            String role = t.role().strip().toLowerCase(Locale.ROOT);
            if (!role.equals("user") && !role.equals("assistant")) {
                throw new InvalidInputException(where + ": 'role' must be 'user' or 'assistant', got '"
                        + abbreviate(t.role(), 40) + "'");
            }
            if (t.content() == null || t.content().isBlank()) {
                throw new InvalidInputException(where + ": 'content' is required and must not be blank");
            }
            out.add(new ConversationTurn(role, text(where + ".content", t.content(), MAX_TURN_CHARS)));
        }
        return out;
    }

    static int inRange(String name, Integer value, int fallback, int min, int max) {
        if (value == null) {
            return fallback;
        }
        if (value < min || value > max) {
            throw new InvalidInputException("'" + name + "' must be an integer from " + min + " to " + max + ", got " + value);
        }
        return value;
    }

    /** Exactly one of question and id; returns true when the id is given. */
    static boolean byId(String question, String id) {
        boolean hasQuestion = question != null && !question.isBlank();
        boolean hasId = id != null && !id.isBlank();
        if (hasQuestion == hasId) {
            throw new InvalidInputException("give either 'question' (free text) or 'id' (a corpus entry id), not "
                    + (hasId ? "both" : "neither"));
        }
        if (hasId) {
            text("id", id, MAX_ID_CHARS);
        }
        return hasId;
    }

    static String abbreviate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max) + "...";
    }
}
