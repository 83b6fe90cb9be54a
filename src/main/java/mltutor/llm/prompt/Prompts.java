package mltutor.llm.prompt;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Builds the messages for each generation task from the templates in {@code /prompts/}. User text goes only
 * into user messages, inside tags the system prompt declares to be data; a user cannot close those tags
 * early, because any tag of ours inside their text is defused first.
 */
public final class Prompts {
    /** The tags our prompts use to fence user text, in any case, opening or closing. */
    private static final Pattern OUR_TAGS =
            Pattern.compile("<(\\s*/?\\s*)(question|conversation|candidate_answer|sources?|reference)", Pattern.CASE_INSENSITIVE);
    /** How much of each earlier turn a prompt carries; old turns matter less than the question. */
    static final int TURN_CHARS_IN_PROMPT = 1_500;
    static final int TURNS_IN_PROMPT = 6;

    /** A system prompt and the single user message that goes with it. */
    public record Messages(String system, String user) {
    }

    private final PromptTemplate askSystem = PromptTemplate.load("ask-system.txt");
    private final PromptTemplate askUser = PromptTemplate.load("ask-user.txt");
    private final PromptTemplate conversation = PromptTemplate.load("conversation.txt");
    private final PromptTemplate condenseSystem = PromptTemplate.load("condense-system.txt");
    private final PromptTemplate condenseUser = PromptTemplate.load("condense-user.txt");
    private final PromptTemplate draftSystem = PromptTemplate.load("draft-system.txt");
    private final PromptTemplate draftUser = PromptTemplate.load("draft-user.txt");
    private final PromptTemplate followUpsSystem = PromptTemplate.load("followups-system.txt");
    private final PromptTemplate followUpsUser = PromptTemplate.load("followups-user.txt");
    private final PromptTemplate candidateAnswer = PromptTemplate.load("candidate-answer.txt");
    private final PromptTemplate offlineRefusal = PromptTemplate.load("offline-refusal.txt");
    private final PromptTemplate offlineUncovered = PromptTemplate.load("offline-uncovered.txt");
    private final PromptTemplate askUncoveredSystem = PromptTemplate.load("ask-uncovered-system.txt");
    private final PromptTemplate askUncoveredUser = PromptTemplate.load("ask-uncovered-user.txt");
    private final PromptTemplate judgeSystem = PromptTemplate.load("judge-system.txt");
    private final PromptTemplate judgeUser = PromptTemplate.load("judge-user.txt");

    public Messages ask(String question, List<ConversationTurn> history, List<Passage> sources) {
        String convo = history.isEmpty() ? "" : conversation.render(Map.of("turns", turns(history))) + "\n\n";
        return new Messages(askSystem.text(), askUser.render(Map.of(
                "sources", sources(sources), "conversation", convo, "question", defuse(question))));
    }

    /** An ML question the notes do not cover, for a model allowed to answer from its own knowledge. */
    public Messages askUncovered(String question, List<ConversationTurn> history) {
        String convo = history.isEmpty() ? "" : conversation.render(Map.of("turns", turns(history))) + "\n\n";
        return new Messages(askUncoveredSystem.text(), askUncoveredUser.render(Map.of(
                "conversation", convo, "question", defuse(question))));
    }

    public Messages condense(String question, List<ConversationTurn> history) {
        return new Messages(condenseSystem.text(), condenseUser.render(Map.of(
                "turns", turns(history), "question", defuse(question))));
    }

    public Messages draft(String question, List<String> keyPoints, List<Passage> sources) {
        return new Messages(draftSystem.text(), draftUser.render(Map.of(
                "sources", sources(sources), "keyPoints", bullets(keyPoints), "question", defuse(question))));
    }

    public Messages followUps(String question, List<String> keyPoints, List<String> curated, List<String> related,
                              String answer, int n) {
        String answerPart = answer.isEmpty() ? "" : candidateAnswer.render(Map.of("answer", defuse(answer))) + "\n\n";
        return new Messages(followUpsSystem.text(), followUpsUser.render(Map.of(
                "question", defuse(question), "keyPoints", bullets(keyPoints), "curated", bullets(curated),
                "related", bullets(related), "answer", answerPart, "n", String.valueOf(n))));
    }

    /**
     * Grading a candidate's answer: the key points are numbered from 1, the model answer is the reference, and
     * {@code findings} lists what the offline contradiction rules flagged (one line per point, or empty).
     */
    public Messages judge(String question, List<String> keyPoints, String reference, String answer,
                          List<String> findings) {
        var numbered = new StringBuilder();
        for (int i = 0; i < keyPoints.size(); i++) {
            numbered.append(i + 1).append(". ").append(keyPoints.get(i)).append('\n');
        }
        return new Messages(judgeSystem.text(), judgeUser.render(Map.of("question", defuse(question),
                "keyPoints", numbered.toString().strip(), "reference", reference.strip(), "answer", defuse(answer),
                "findings", findings.isEmpty() ? "None." : defuse(String.join("\n", findings)))));
    }

    /** The answer to a question that is not an ML interview topic, listing the nearest questions of the notes. */
    public String refusal(List<String> nearest) {
        return offlineRefusal.render(Map.of("topics", links(nearest)));
    }

    /**
     * The answer to an ML question the notes do not cover: no guessing, the nearest entries, and where the
     * subject is only mentioned in passing.
     */
    public String uncovered(List<String> nearest, List<String> mentions) {
        String where = mentions.isEmpty() ? "" : "It is mentioned in passing, without an explanation, in:\n\n"
                + links(mentions) + "\n\n";
        return offlineUncovered.render(Map.of("topics", links(nearest), "mentions", where));
    }

    private static String links(List<String> questions) {
        return questions.stream().map(q -> "- " + q).collect(Collectors.joining("\n"));
    }

    /** Every system prompt, for the check that no reply repeats one. */
    public List<String> systemPrompts() {
        return List.of(askSystem.text(), condenseSystem.text(), draftSystem.text(), followUpsSystem.text(),
                judgeSystem.text(), askUncoveredSystem.text());
    }

    static String sources(List<Passage> sources) {
        return sources.stream().map(s -> "[" + s.n() + "] " + s.title()
                        + (s.heading().isEmpty() ? "" : " - " + s.heading())
                        + (s.resource() ? " (learning resource)" : "") + "\n" + s.text())
                .collect(Collectors.joining("\n\n"));
    }

    static String turns(List<ConversationTurn> history) {
        int from = Math.max(0, history.size() - TURNS_IN_PROMPT);
        return history.subList(from, history.size()).stream()
                .map(t -> t.role() + ": " + defuse(clip(t.content(), TURN_CHARS_IN_PROMPT)))
                .collect(Collectors.joining("\n"));
    }

    static String bullets(List<String> items) {
        return items.isEmpty() ? "- (none)" : items.stream().map(i -> "- " + i).collect(Collectors.joining("\n"));
    }

    /** Replaces the '<' of any of our fence tags in user text, so the text cannot end its own fence. */
    static String defuse(String userText) {
        return OUR_TAGS.matcher(userText).replaceAll("‹$1$2");
    }

    private static String clip(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max) + " [...]";
    }
}
