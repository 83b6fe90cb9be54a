package mltutor.tutor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import mltutor.corpus.Corpus;
import mltutor.corpus.Entry;
import mltutor.corpus.Section;
import mltutor.llm.LlmClient;
import mltutor.llm.LlmFailure;
import mltutor.llm.prompt.ConversationTurn;
import mltutor.llm.prompt.LeakGuard;
import mltutor.llm.prompt.Prompts;
import mltutor.practice.FollowUp;
import mltutor.retrieval.Answerability;
import mltutor.retrieval.SearchResponse;

/**
 * Generation with a language model: numbered sources in, a checked answer out. Every reply passes the
 * {@link LeakGuard}, and [n] citations are checked against the sources that were given. Failures surface as
 * {@link LlmFailure}; {@link FallbackGenerator} answers offline then.
 */
public final class LlmGenerator implements Generator {
    /** Characters a stream holds back so that the leak guard sees a quote before the client does. */
    static final int STREAM_HOLD_BACK = 120;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final LlmClient client;
    private final Corpus corpus;
    private final Prompts prompts;
    private final LeakGuard guard;
    private final CitationChecker checker = new CitationChecker();

    public LlmGenerator(LlmClient client, Corpus corpus, Prompts prompts, LeakGuard guard) {
        this.client = client;
        this.corpus = corpus;
        this.prompts = prompts;
        this.guard = guard;
    }

    @Override
    public String name() {
        return client.label();
    }

    @Override
    public String condense(String question, List<ConversationTurn> history) {
        Prompts.Messages m = prompts.condense(question, history);
        return client.complete(m.system(), m.user(), reply -> {
            guard.check(reply);
            String line = reply.strip().lines().map(String::strip).filter(l -> !l.isEmpty()).findFirst().orElse("");
            line = line.replaceAll("^[\"'`]+|[\"'`]+$", "").strip();
            if (line.isEmpty()) {
                throw new LlmFailure("the LLM returned an empty query", true);
            }
            return line.length() > InputLimits.MAX_QUESTION_CHARS ? line.substring(0, InputLimits.MAX_QUESTION_CHARS) : line;
        }, client.settings().condenseTimeout());
    }

    @Override
    public AskAnswer ask(String question, String query, List<ConversationTurn> history, SearchResponse r,
                         Optional<Consumer<String>> stream) {
        List<Source> sources = askSources(r);
        Prompts.Messages m = prompts.ask(question, history, Source.passages(sources));
        String reply = reply(m, stream);
        CitationChecker.Checked checked = checker.check(reply.strip(), numbers(sources));
        var cited = new LinkedHashSet<>(checked.cited());
        Entry primary = sources.stream().filter(s -> cited.contains(s.n())).findFirst()
                .or(() -> sources.stream().findFirst())
                .flatMap(s -> corpus.entry(s.entryId())).orElse(null);
        return new AskAnswer(question, query, checked.text(), OfflineGenerator.citations(sources, cited),
                checked.grounded(), true, name(), null, RelatedQuestions.of(corpus, primary, sources, cited),
                checked.removed(), Answerability.Decision.ANSWERABLE, AskAnswer.NOTES);
    }

    /**
     * An answer from the model's own knowledge to an ML question the notes do not cover; only when the
     * configuration allows it. It cites nothing and says that it is not from the notes.
     */
    @Override
    public AskAnswer uncovered(String question, String query, List<ConversationTurn> history, SearchResponse r,
                               List<RelatedQuestion> mentions, Optional<Consumer<String>> stream) {
        Prompts.Messages m = prompts.askUncovered(question, history);
        String reply = reply(m, stream);
        // Nothing was given to cite, so any [n] in the reply is removed.
        CitationChecker.Checked checked = checker.check(reply.strip(), Set.of());
        return new AskAnswer(question, query, checked.text(), List.of(), false, true, name(), null, RelatedQuestions.nearest(r),
                checked.removed(), Answerability.Decision.UNCOVERED, AskAnswer.MODEL);
    }

    /** The guarded reply to an answer prompt, streamed when there is a stream. */
    private String reply(Prompts.Messages m, Optional<Consumer<String>> stream) {
        if (stream.isEmpty()) {
            return client.complete(m.system(), m.user(), guard::check);
        }
        LeakGuard.GuardedStream guarded = guard.guard(stream.get(), STREAM_HOLD_BACK);
        String reply = client.stream(m.system(), m.user(), guarded);
        guarded.finish();
        return reply;
    }

    /** Retrieved chunks as sources; an entry's short answer comes along so the model sees the direct answer. */
    static List<Source> askSources(SearchResponse r, Corpus corpus) {
        var out = new ArrayList<Source>();
        for (Source s : Source.numbered(r.results())) {
            Optional<Entry> e = corpus.entry(s.entryId());
            String text = s.text();
            if (e.isPresent() && !s.heading().startsWith(Entry.SHORT_ANSWER)) {
                text = "Short answer: " + e.get().shortAnswer() + "\n\n"
                        + (s.heading().isEmpty() ? "Key points:" : s.heading() + ":") + "\n" + text;
            }
            out.add(new Source(s.n(), s.entryId(), s.question(), s.section(), s.heading(), s.kind(), text, s.url()));
        }
        return out;
    }

    private List<Source> askSources(SearchResponse r) {
        return askSources(r, corpus);
    }

    @Override
    public Draft draft(Entry e) {
        var sources = new ArrayList<Source>();
        for (Section s : e.sections()) {
            if (!s.heading().isEmpty() && !s.isNamed(Entry.INTERVIEW)) {
                sources.add(new Source(sources.size() + 1, e.id(), e.question(), e.section(), s.heading(), "entry",
                        s.text(), null));
            }
        }
        Prompts.Messages m = prompts.draft(e.question(), e.keyPoints(), Source.passages(sources));
        String reply = client.complete(m.system(), m.user(), guard::check);
        CitationChecker.Checked checked = checker.check(reply.strip(), numbers(sources));
        return new Draft(e.id(), e.question(), checked.text(), e.keyPoints(),
                OfflineGenerator.citations(sources, new HashSet<>(checked.cited())), checked.grounded(), true, name(),
                null, checked.removed(), Answerability.Decision.ANSWERABLE);
    }

    @Override
    public FollowUps followUps(Entry e, String answer, List<String> missedKeyPoints, int n) {
        List<Entry> related = e.related().stream().flatMap(id -> corpus.entry(id).stream()).toList();
        Prompts.Messages m = prompts.followUps(e.question(), e.keyPoints(), e.followUps(),
                related.stream().map(Entry::question).toList(), answer, n);
        List<FollowUp> items = client.complete(m.system(), m.user(), reply -> parseFollowUps(guard.check(reply), related, n));
        return new FollowUps(e.id(), e.question(), items, missedKeyPoints, true, name(), null,
                Answerability.Decision.ANSWERABLE);
    }

    /** The JSON array the prompt asks for, tolerating a code fence or prose around it. */
    static List<FollowUp> parseFollowUps(String reply, List<Entry> related, int n) {
        int start = reply.indexOf('[');
        int end = reply.lastIndexOf(']');
        if (start < 0 || end <= start) {
            throw new LlmFailure("the LLM reply was not the JSON list of follow-ups asked for", true);
        }
        JsonNode array;
        try {
            array = JSON.readTree(reply.substring(start, end + 1));
        } catch (IOException ex) {
            throw new LlmFailure("the LLM reply was not the JSON list of follow-ups asked for", true, ex);
        }
        var out = new ArrayList<FollowUp>();
        for (JsonNode item : array) {
            String q = item.path("question").asText("").strip();
            if (q.isEmpty() || out.size() == n) {
                continue;
            }
            String rationale = item.path("rationale").asText("").strip();
            String entryId = related.stream().filter(r -> normal(r.question()).equals(normal(q)))
                    .map(Entry::id).findFirst().orElse(null);
            out.add(new FollowUp(q, rationale, entryId, null));
        }
        if (out.isEmpty()) {
            throw new LlmFailure("the LLM reply held no follow-up questions", true);
        }
        return out;
    }

    private static String normal(String s) {
        return s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", " ").strip();
    }

    private static Set<Integer> numbers(List<Source> sources) {
        return sources.stream().map(Source::n).collect(Collectors.toSet());
    }
}
