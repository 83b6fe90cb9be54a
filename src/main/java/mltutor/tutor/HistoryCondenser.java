package mltutor.tutor;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.rag.query.Query;
import dev.langchain4j.rag.query.transformer.QueryTransformer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import mltutor.corpus.Corpus;
import mltutor.corpus.Entry;
import mltutor.llm.prompt.ConversationTurn;
import mltutor.text.Terms;

/**
 * The offline way to turn a follow-up ("and how does that change with GQA?") into a query retrieval can
 * answer: when the question leans on the conversation, the previous user question is prepended. A question
 * leans on it when it opens with a continuation ("and", "what about") or refers back ("that", "it") without
 * naming any topic the corpus knows; a question that names a topic stands alone, so a change of subject is
 * not dragged back to the old one.
 *
 * <p>It is also a LangChain4j {@link QueryTransformer} (the shape of LangChain4j's LLM-based
 * {@code CompressingQueryTransformer}), so a LangChain4j RAG chain can use it: the history is the query's chat
 * memory, its user and AI messages, and the transformed query keeps the query's metadata.
 */
public final class HistoryCondenser implements QueryTransformer {
    private static final List<String> CONTINUATIONS = List.of("and ", "and?", "but ", "so ", "or ", "also ", "then ",
            "what about", "how about", "what if", "ok ", "okay ", "same ", "in that case", "why?", "how?", "really");
    private static final Set<String> BACK_REFERENCES = Set.of("that", "this", "those", "these", "them", "they", "it",
            "its", "such", "same", "latter", "former", "above", "previous", "there", "one");
    /** Context from earlier turns is clipped: it should steer retrieval, not drown the question. */
    static final int CONTEXT_CHARS = 300;

    private final Set<String> topicTerms;

    public HistoryCondenser(Corpus corpus) {
        this.topicTerms = topicTerms(corpus.entries());
    }

    /** Terms of entry questions and tags that are specific: used by at most 1 in 12 entries. */
    static Set<String> topicTerms(List<Entry> entries) {
        var df = new HashMap<String, Integer>();
        for (Entry e : entries) {
            var terms = new HashSet<>(Terms.of(e.question() + " " + String.join(" ", e.tags()).replace('-', ' ')));
            terms.forEach(t -> df.merge(t, 1, Integer::sum));
        }
        int max = Math.max(2, entries.size() / 12);
        var out = new HashSet<String>();
        df.forEach((t, n) -> {
            if (n <= max) {
                out.add(t);
            }
        });
        return out;
    }

    /** The one standalone query for {@code query}, condensed with the earlier turns of its chat memory. */
    @Override
    public Collection<Query> transform(Query query) {
        if (query.metadata() == null) {
            return List.of(query); // no chat memory: the question stands alone
        }
        String condensed = condense(query.text(), turns(query.metadata().chatMemory()));
        return List.of(Query.from(condensed, query.metadata()));
    }

    /**
     * A chat memory as conversation turns: user and AI messages with text; system and tool messages say
     * nothing about what the user is asking.
     */
    static List<ConversationTurn> turns(List<ChatMessage> memory) {
        var turns = new ArrayList<ConversationTurn>();
        for (ChatMessage m : memory == null ? List.<ChatMessage>of() : memory) {
            if (m instanceof UserMessage u && u.hasSingleText()) {
                turns.add(new ConversationTurn("user", u.singleText()));
            } else if (m instanceof AiMessage a && a.text() != null) {
                turns.add(new ConversationTurn("assistant", a.text()));
            }
        }
        return turns;
    }

    public String condense(String question, List<ConversationTurn> history) {
        if (history.isEmpty() || !leansOnHistory(question)) {
            return question;
        }
        var context = new StringBuilder();
        for (int i = history.size() - 1; i >= 0 && context.length() < CONTEXT_CHARS; i--) {
            ConversationTurn t = history.get(i);
            if (t.role().equals("user")) {
                String c = t.content().strip();
                context.insert(0, (c.length() > CONTEXT_CHARS ? c.substring(0, CONTEXT_CHARS) : c) + " ");
                if (Terms.of(context.toString()).stream().anyMatch(topicTerms::contains)) {
                    break;
                }
            }
        }
        return context.isEmpty() ? question : context + question;
    }

    boolean leansOnHistory(String question) {
        String q = question.strip().toLowerCase(Locale.ROOT);
        if (CONTINUATIONS.stream().anyMatch(q::startsWith)) {
            return true;
        }
        Set<String> terms = Terms.of(q);
        boolean namesTopic = terms.stream().anyMatch(topicTerms::contains);
        if (namesTopic) {
            return false;
        }
        boolean refersBack = false;
        for (String w : q.split("[^a-z]+")) {
            refersBack |= BACK_REFERENCES.contains(w);
        }
        return refersBack || terms.size() <= 2;
    }
}
