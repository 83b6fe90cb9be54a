package mltutor.tutor;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import mltutor.corpus.Corpus;
import mltutor.corpus.Entry;
import mltutor.llm.ConcurrencyCap;
import mltutor.llm.LlmFailure;
import mltutor.gaps.GapLog;
import mltutor.retrieval.Answerability;
import mltutor.retrieval.Retriever;
import mltutor.retrieval.SearchMode;
import mltutor.retrieval.SearchResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tutor's three services: grounded answers ({@link #ask}), model-answer drafts and interview follow-ups.
 * It validates input, condenses a conversation into a query, retrieves, refuses out-of-domain questions
 * without calling any model, and otherwise generates with the LLM when one is configured, answering offline
 * when there is none or when it fails. A request that will call the LLM first takes a slot of the
 * {@link ConcurrencyCap} and holds it to the end.
 */
public final class Tutor {
    private static final Logger LOG = LoggerFactory.getLogger(Tutor.class);
    /** Entries retrieved to pick the one a draft or follow-ups are about. */
    static final int MATCH_K = 5;

    private final Corpus corpus;
    private final Retriever retriever;
    private final OfflineGenerator offline;
    private final HistoryCondenser condenser;
    private final LlmGenerator llm;
    private final ConcurrencyCap cap;
    private final GapLog gaps;
    private final boolean answerUncovered;

    /**
     * @param llm             null to answer everything offline; then {@code cap} may be null too
     * @param gaps            where uncovered questions are recorded
     * @param answerUncovered whether the LLM may answer an ML question the notes do not cover from its own knowledge
     */
    public Tutor(Corpus corpus, Retriever retriever, OfflineGenerator offline, HistoryCondenser condenser,
                 LlmGenerator llm, ConcurrencyCap cap, GapLog gaps, boolean answerUncovered) {
        this.corpus = corpus;
        this.retriever = retriever;
        this.offline = offline;
        this.condenser = condenser;
        this.llm = llm;
        this.cap = cap;
        this.gaps = gaps;
        this.answerUncovered = answerUncovered;
    }

    /** "offline", "openai:&lt;model&gt;" or "ollama:&lt;model&gt;": who answers when all goes well. */
    public String generator() {
        return llm == null ? OfflineGenerator.NAME : llm.name();
    }

    public AskAnswer ask(AskRequest req) {
        return ask(req, null, false);
    }

    /** Like {@link #ask(AskRequest)}, sending the answer text to {@code onToken} as it is produced. */
    public AskAnswer ask(AskRequest req, Consumer<String> onToken) {
        return ask(req, onToken, false);
    }

    /** The offline answer even when an LLM is configured; the evaluation measures the offline generator with it. */
    public AskAnswer askOffline(AskRequest req) {
        return ask(req, null, true);
    }

    private AskAnswer ask(AskRequest req, Consumer<String> onToken, boolean forceOffline) {
        String question = InputLimits.question(req.question());
        List<ConversationTurn> history = InputLimits.history(req.history());
        int k = InputLimits.inRange("k", req.k(), InputLimits.DEFAULT_K, 1, InputLimits.MAX_K);
        boolean useLlm = llm != null && !forceOffline;
        ConcurrencyCap.Permit permit = null;
        try {
            String query;
            if (useLlm && !history.isEmpty()) {
                permit = cap.acquire();
                query = condenseWithLlm(question, history);
            } else {
                query = condenser.condense(question, history);
            }
            SearchResponse r = retriever.search(query, k, SearchMode.HYBRID);
            if (r.answerability() == Answerability.Decision.OFF_TOPIC) {
                return emit(offline.refusal(question, query, r), onToken);
            }
            if (r.answerability() == Answerability.Decision.UNCOVERED) {
                if (!forceOffline) { // evaluation runs ask offline and must not fill the gap log
                    recordGap(query, r);
                }
                AskAnswer declined = offline.uncovered(question, query, r, mentions(query, r));
                if (!useLlm || !answerUncovered) {
                    return emit(declined, onToken);
                }
                if (permit == null) {
                    permit = cap.acquire();
                }
                var streamed = new AtomicBoolean();
                try {
                    return llm.askOwnKnowledge(question, query, history, declined.related(), tracking(onToken, streamed));
                } catch (LlmFailure f) {
                    LOG.warn("declining offline instead of answering with {}: {}", llm.name(), f.reason());
                    AskAnswer fallback = declined.withFallback(f.reason());
                    return streamed.get() ? fallback : emit(fallback, onToken);
                }
            }
            if (!useLlm) {
                return emit(offline.ask(question, query, r), onToken);
            }
            if (permit == null) {
                permit = cap.acquire();
            }
            var streamed = new AtomicBoolean();
            try {
                return llm.ask(question, query, history, r, tracking(onToken, streamed));
            } catch (LlmFailure f) {
                LOG.warn("answering offline instead of with {}: {}", llm.name(), f.reason());
                AskAnswer fallback = offline.ask(question, query, r).withFallback(f.reason());
                // Tokens already streamed stay on the client's screen; the final event carries the full answer.
                return streamed.get() ? fallback : emit(fallback, onToken);
            }
        } finally {
            if (permit != null) {
                permit.close();
            }
        }
    }

    /** The stream, noting in {@code streamed} once a token reached the client (null stays null: no stream). */
    private static Consumer<String> tracking(Consumer<String> onToken, AtomicBoolean streamed) {
        return onToken == null ? null : token -> {
            streamed.set(true);
            onToken.accept(token);
        };
    }

    private void recordGap(String question, SearchResponse r) {
        gaps.record(question, r.results().isEmpty() ? null : r.results().get(0).entryId(), r.confidence());
    }

    private List<RelatedQuestion> mentions(String query, SearchResponse r) {
        return retriever.mentionsInPassing(query, r.results(), 3).stream()
                .map(id -> new RelatedQuestion(id, corpus.entry(id).map(Entry::question)
                        .or(() -> corpus.resource(id).map(mltutor.corpus.Resource::title)).orElse(id)))
                .toList();
    }

    private String condenseWithLlm(String question, List<ConversationTurn> history) {
        try {
            return llm.condense(question, history);
        } catch (LlmFailure f) {
            LOG.warn("condensing the conversation offline instead of with {}: {}", llm.name(), f.reason());
            return condenser.condense(question, history);
        }
    }

    /** Sends a finished answer to a stream in word groups, as a model would. */
    private static AskAnswer emit(AskAnswer answer, Consumer<String> onToken) {
        if (onToken != null) {
            String[] pieces = answer.answer().split("(?<=\\s)(?=\\S)");
            var group = new StringBuilder();
            for (int i = 0; i < pieces.length; i++) {
                group.append(pieces[i]);
                if (i % 4 == 3 || i == pieces.length - 1) {
                    onToken.accept(group.toString());
                    group.setLength(0);
                }
            }
        }
        return answer;
    }

    public Draft draft(DraftRequest req) {
        Entry e;
        if (InputLimits.byId(req.question(), req.id())) {
            e = entry(req.id());
        } else {
            String question = InputLimits.question(req.question());
            SearchResponse r = retriever.search(question, MATCH_K, SearchMode.HYBRID);
            var match = bestEntry(r);
            if (match == null) {
                if (r.answerability() == Answerability.Decision.UNCOVERED) {
                    recordGap(question, r);
                }
                return offline.draftRefusal(question, r, mentions(question, r));
            }
            e = match;
        }
        if (llm == null) {
            return offline.draft(e);
        }
        try (ConcurrencyCap.Permit ignored = cap.acquire()) {
            return llm.draft(e);
        } catch (LlmFailure f) {
            LOG.warn("drafting offline instead of with {}: {}", llm.name(), f.reason());
            return offline.draft(e).withFallback(f.reason());
        }
    }

    public FollowUps followUps(FollowUpRequest req) {
        int n = InputLimits.inRange("n", req.n(), InputLimits.DEFAULT_FOLLOW_UPS, 1, InputLimits.MAX_FOLLOW_UPS);
        String answer = req.answer() == null || req.answer().isBlank() ? null
                : InputLimits.text("answer", req.answer(), InputLimits.MAX_ANSWER_CHARS);
        Entry e;
        if (InputLimits.byId(req.question(), req.id())) {
            e = entry(req.id());
        } else {
            String question = InputLimits.question(req.question());
            SearchResponse r = retriever.search(question, MATCH_K, SearchMode.HYBRID);
            e = bestEntry(r);
            if (e == null) {
                if (r.answerability() == Answerability.Decision.UNCOVERED) {
                    recordGap(question, r);
                }
                return new FollowUps(null, question, List.of(), List.of(), r.inDomain(), OfflineGenerator.NAME, null,
                        r.answerability());
            }
        }
        FollowUps offlineResult = offline.followUps(e, answer, n);
        if (llm == null) {
            return offlineResult;
        }
        try (ConcurrencyCap.Permit ignored = cap.acquire()) {
            return llm.followUps(e, answer, n, offlineResult.missedKeyPoints());
        } catch (LlmFailure f) {
            LOG.warn("choosing follow-ups offline instead of with {}: {}", llm.name(), f.reason());
            return offlineResult.withFallback(f.reason());
        }
    }

    private Entry entry(String id) {
        return corpus.entry(id.strip()).orElseThrow(() -> new UnknownEntryException(id.strip()));
    }

    /** The top-ranked question entry of a search the notes answer, or null. */
    private Entry bestEntry(SearchResponse r) {
        if (!r.answerable()) {
            return null;
        }
        return r.results().stream().flatMap(s -> corpus.entry(s.entryId()).stream()).findFirst().orElse(null);
    }
}
