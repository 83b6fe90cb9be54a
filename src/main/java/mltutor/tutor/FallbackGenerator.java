package mltutor.tutor;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import mltutor.corpus.Entry;
import mltutor.llm.ConcurrencyCap;
import mltutor.llm.LlmFailure;
import mltutor.llm.prompt.ConversationTurn;
import mltutor.retrieval.SearchResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The LLM generator with the offline one behind it. Each model call first takes a slot of the
 * {@link ConcurrencyCap} (past the cap the caller gets {@link mltutor.llm.LlmBusyException}, a 503); when the
 * call fails ({@link LlmFailure}: timeout, bad status, unusable or leaking reply) the offline generator
 * answers instead and the result says why in its fallback reason.
 */
public final class FallbackGenerator implements Generator {
    private static final Logger LOG = LoggerFactory.getLogger(FallbackGenerator.class);

    private final Generator llm;
    private final OfflineGenerator offline;
    private final ConcurrencyCap cap;
    private final boolean answerUncovered;

    /** @param answerUncovered whether the LLM may answer an ML question the notes do not cover from its own knowledge */
    public FallbackGenerator(Generator llm, OfflineGenerator offline, ConcurrencyCap cap, boolean answerUncovered) {
        this.llm = llm;
        this.offline = offline;
        this.cap = cap;
        this.answerUncovered = answerUncovered;
    }

    @Override
    public String name() {
        return llm.name();
    }

    /**
     * Condensing has a cheap offline way, so it never queues for a slot: with none free now the offline condenser
     * writes the query, and the turn's one wait for a slot is the answer's (see {@code LlmSettings.condenseTimeout}).
     */
    @Override
    public String condense(String question, List<ConversationTurn> history) {
        String task = "condensing the conversation";
        return cap.tryAcquire()
                .map(slot -> attempt(task, slot, () -> llm.condense(question, history),
                        reason -> offline.condense(question, history)))
                .orElseGet(() -> {
                    LOG.warn("{} offline instead of with {}: every LLM slot is busy", task, llm.name());
                    return offline.condense(question, history);
                });
    }

    @Override
    public AskAnswer ask(String question, String query, List<ConversationTurn> history, SearchResponse r,
                         Optional<Consumer<String>> stream) {
        var streamed = new AtomicBoolean();
        return attempt("answering", () -> llm.ask(question, query, history, r, tracking(stream, streamed)),
                // Tokens already streamed stay on the client's screen; the final event carries the full answer.
                reason -> offline.ask(question, query, history, r, streamed.get() ? Optional.empty() : stream)
                        .withFallback(reason));
    }

    @Override
    public AskAnswer uncovered(String question, String query, List<ConversationTurn> history, SearchResponse r,
                               List<RelatedQuestion> mentions, Optional<Consumer<String>> stream) {
        if (!answerUncovered) {
            return offline.uncovered(question, query, history, r, mentions, stream);
        }
        var streamed = new AtomicBoolean();
        return attempt("answering an uncovered question",
                () -> llm.uncovered(question, query, history, r, mentions, tracking(stream, streamed)),
                reason -> offline.uncovered(question, query, history, r, mentions,
                        streamed.get() ? Optional.empty() : stream).withFallback(reason));
    }

    @Override
    public Draft draft(Entry e) {
        return attempt("drafting", () -> llm.draft(e), reason -> offline.draft(e).withFallback(reason));
    }

    @Override
    public FollowUps followUps(Entry e, String answer, List<String> missed, int n) {
        return attempt("choosing follow-ups", () -> llm.followUps(e, answer, missed, n),
                reason -> offline.followUps(e, answer, missed, n).withFallback(reason));
    }

    /** The LLM's result within a slot of the cap, else the offline one given the failure's reason. */
    private <T> T attempt(String task, Supplier<T> withLlm, Function<String, T> withoutLlm) {
        return attempt(task, cap.acquire(), withLlm, withoutLlm);
    }

    private <T> T attempt(String task, ConcurrencyCap.Permit slot, Supplier<T> withLlm, Function<String, T> withoutLlm) {
        try (slot) {
            return withLlm.get();
        } catch (LlmFailure f) {
            LOG.warn("{} offline instead of with {}: {}", task, llm.name(), f.reason());
            return withoutLlm.apply(f.reason());
        }
    }

    /** The stream, noting in {@code streamed} once a token reached the client. */
    private static Optional<Consumer<String>> tracking(Optional<Consumer<String>> stream, AtomicBoolean streamed) {
        return stream.map(onToken -> token -> {
            streamed.set(true);
            onToken.accept(token);
        });
    }
}
