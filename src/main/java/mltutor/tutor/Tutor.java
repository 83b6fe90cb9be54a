package mltutor.tutor;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import mltutor.corpus.Corpus;
import mltutor.corpus.Entry;
import mltutor.corpus.Resource;
import mltutor.gaps.GapLog;
import mltutor.llm.prompt.ConversationTurn;
import mltutor.practice.KeyPointGrader;
import mltutor.retrieval.Answerability;
import mltutor.retrieval.Retriever;
import mltutor.retrieval.SearchMode;
import mltutor.retrieval.SearchResponse;

/**
 * The tutor's three services: grounded answers ({@link #ask}), model-answer drafts and interview follow-ups.
 * It validates input, condenses a conversation into a query, retrieves, refuses off-topic questions without
 * calling any model, declines or flags what the notes do not cover, and hands the rest to its
 * {@link Generator}: the offline one, or the LLM with the offline one behind it.
 */
public final class Tutor {
    /** Entries retrieved to pick the one a draft or follow-ups are about. */
    static final int MATCH_K = 5;

    private final Corpus corpus;
    private final Retriever retriever;
    private final OfflineGenerator offline;
    private final Generator generator;
    private final KeyPointGrader coverage;
    private final GapLog gaps;

    /**
     * @param offline   answers refusals, and everything in {@link #askOffline}
     * @param generator writes everything else; {@code offline} itself when no LLM is configured
     * @param coverage  which key points an answer covered: the same judgement as the feedback's
     * @param gaps      where uncovered questions are recorded
     */
    public Tutor(Corpus corpus, Retriever retriever, OfflineGenerator offline, Generator generator,
                 KeyPointGrader coverage, GapLog gaps) {
        this.corpus = corpus;
        this.retriever = retriever;
        this.offline = offline;
        this.generator = generator;
        this.coverage = coverage;
        this.gaps = gaps;
    }

    /** "offline", "openai:&lt;model&gt;" or "ollama:&lt;model&gt;": who answers when all goes well. */
    public String generator() {
        return generator.name();
    }

    public AskAnswer ask(AskRequest req) {
        return ask(req, Optional.empty(), generator, true);
    }

    /** Like {@link #ask(AskRequest)}, sending the answer text to {@code onToken} as it is produced. */
    public AskAnswer ask(AskRequest req, Consumer<String> onToken) {
        return ask(req, Optional.of(onToken), generator, true);
    }

    /**
     * The offline answer even when an LLM is configured; the evaluation measures the offline generator with it,
     * and does not fill the gap log.
     */
    public AskAnswer askOffline(AskRequest req) {
        return ask(req, Optional.empty(), offline, false);
    }

    private AskAnswer ask(AskRequest req, Optional<Consumer<String>> stream, Generator writer, boolean logGaps) {
        String question = InputLimits.question(req.question());
        List<ConversationTurn> history = InputLimits.history(req.history());
        int k = InputLimits.inRange("k", req.k(), InputLimits.DEFAULT_K, 1, InputLimits.MAX_K);
        String query = history.isEmpty() ? question : writer.condense(question, history);
        SearchResponse r = retriever.search(query, k, SearchMode.HYBRID);
        return switch (r.answerability()) {
            case OFF_TOPIC -> offline.refusal(question, query, r, stream);
            case UNCOVERED -> {
                if (logGaps) {
                    recordGap(query, r);
                }
                yield writer.uncovered(question, query, history, r, mentions(query, r), stream);
            }
            case ANSWERABLE -> writer.ask(question, query, history, r, stream);
        };
    }

    private void recordGap(String question, SearchResponse r) {
        gaps.record(question, r.results().isEmpty() ? null : r.results().get(0).entryId(), r.confidence());
    }

    private List<RelatedQuestion> mentions(String query, SearchResponse r) {
        return retriever.mentionsInPassing(query, r.results(), 3).stream()
                .map(id -> new RelatedQuestion(id, corpus.entry(id).map(Entry::question)
                        .or(() -> corpus.resource(id).map(Resource::title)).orElse(id)))
                .toList();
    }

    public Draft draft(DraftRequest req) {
        if (InputLimits.byId(req.question(), req.id())) {
            return generator.draft(entry(req.id()));
        }
        String question = InputLimits.question(req.question());
        SearchResponse r = retriever.search(question, MATCH_K, SearchMode.HYBRID);
        Optional<Entry> match = bestEntry(r);
        if (match.isEmpty()) {
            declined(question, r);
            return offline.draftRefusal(question, r, mentions(question, r));
        }
        return generator.draft(match.get());
    }

    public FollowUps followUps(FollowUpRequest req) {
        int n = InputLimits.inRange("n", req.n(), InputLimits.DEFAULT_FOLLOW_UPS, 1, InputLimits.MAX_FOLLOW_UPS);
        String answer = req.answer() == null || req.answer().isBlank() ? ""
                : InputLimits.text("answer", req.answer(), InputLimits.MAX_ANSWER_CHARS);
        Entry e;
        if (InputLimits.byId(req.question(), req.id())) {
            e = entry(req.id());
        } else {
            String question = InputLimits.question(req.question());
            SearchResponse r = retriever.search(question, MATCH_K, SearchMode.HYBRID);
            Optional<Entry> match = bestEntry(r);
            if (match.isEmpty()) {
                declined(question, r);
                return new FollowUps(null, question, List.of(), List.of(), r.inDomain(), OfflineGenerator.NAME, null,
                        r.answerability());
            }
            e = match.get();
        }
        List<String> missed = answer.isEmpty() ? List.of() : coverage.grade(e, answer).gaps();
        return generator.followUps(e, answer, missed, n);
    }

    /** A question by text that no entry answers: an uncovered ML question goes to the gap log. */
    private void declined(String question, SearchResponse r) {
        if (r.answerability() == Answerability.Decision.UNCOVERED) {
            recordGap(question, r);
        }
    }

    private Entry entry(String id) {
        return corpus.entry(id.strip()).orElseThrow(() -> new UnknownEntryException(id.strip()));
    }

    /** The top-ranked question entry of a search the notes answer. */
    private Optional<Entry> bestEntry(SearchResponse r) {
        if (!r.answerable()) {
            return Optional.empty();
        }
        return r.results().stream().flatMap(s -> corpus.entry(s.entryId()).stream()).findFirst();
    }
}
