package mltutor.tutor;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import mltutor.corpus.Corpus;
import mltutor.corpus.Entry;
import mltutor.llm.ConcurrencyCap;
import mltutor.llm.LlmFailure;
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

    /** @param llm null to answer everything offline; then {@code cap} may be null too */
    public Tutor(Corpus corpus, Retriever retriever, OfflineGenerator offline, HistoryCondenser condenser,
                 LlmGenerator llm, ConcurrencyCap cap) {
        this.corpus = corpus;
        this.retriever = retriever;
        this.offline = offline;
        this.condenser = condenser;
        this.llm = llm;
        this.cap = cap;
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
            if (!r.inDomain()) {
                return emit(offline.refusal(question, query, r), onToken);
            }
            if (!useLlm) {
                return emit(offline.ask(question, query, r), onToken);
            }
            if (permit == null) {
                permit = cap.acquire();
            }
            var streamed = new AtomicBoolean();
            Consumer<String> sink = onToken == null ? null : token -> {
                streamed.set(true);
                onToken.accept(token);
            };
            try {
                return llm.ask(question, query, history, r, sink);
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
                return offline.draftRefusal(question, r);
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
            e = bestEntry(retriever.search(question, MATCH_K, SearchMode.HYBRID));
            if (e == null) {
                return new FollowUps(null, question, List.of(), List.of(), false, OfflineGenerator.NAME, null);
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

    /** The top-ranked question entry of an in-domain search, or null. */
    private Entry bestEntry(SearchResponse r) {
        if (!r.inDomain()) {
            return null;
        }
        return r.results().stream().flatMap(s -> corpus.entry(s.entryId()).stream()).findFirst().orElse(null);
    }
}
