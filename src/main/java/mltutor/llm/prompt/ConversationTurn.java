package mltutor.llm.prompt;

/** One earlier turn of a conversation, as the client sent it: {@code role} is "user" or "assistant". */
public record ConversationTurn(String role, String content) {
}
