package mltutor.tutor;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import mltutor.corpus.Corpus;
import mltutor.corpus.Entry;
import mltutor.text.Terms;
import mltutor.corpus.Resource;
import mltutor.corpus.Section;
import mltutor.llm.prompt.ConversationTurn;
import mltutor.llm.prompt.Prompts;
import mltutor.practice.FollowUp;
import mltutor.practice.FollowUpChooser;
import mltutor.retrieval.Answerability;
import mltutor.retrieval.SearchResponse;
import mltutor.text.SentenceSplitter;

/**
 * Answers without a language model, deterministically, by quoting the corpus: the best entry's short answer,
 * then the passage of it that best matches what the question asks beyond the entry's own question, then the
 * short answers of other retrieved entries when the question reaches into their topics. Every quoted part
 * carries its [n] citation. The corpus answers are written to be read, so whole blocks are quoted rather
 * than stitched-together sentence fragments. A stream receives the finished answer in word groups.
 */
public final class OfflineGenerator implements Generator {
    public static final String NAME = "offline";
    /** Longest quoted passage after the short answer, in words; the full entry is one click away. */
    static final int DETAIL_WORDS = 110;
    static final int SECONDARY_WORDS = 70;
    static final int MAX_SECONDARY = 2;
    static final int MAX_LIST_ITEMS = 5;
    static final int LIST_WORDS = 150;

    /** A term in more than this share of entries is too common to signal a second topic ("model", "training"). */
    static final double GENERIC_SHARE = 0.1;

    private final Corpus corpus;
    private final Prompts prompts;
    private final HistoryCondenser condenser;
    private final FollowUpChooser followUps;
    private final Set<String> generic;

    public OfflineGenerator(Corpus corpus, Prompts prompts, HistoryCondenser condenser, FollowUpChooser followUps) {
        this.corpus = corpus;
        this.prompts = prompts;
        this.condenser = condenser;
        this.followUps = followUps;
        this.generic = genericTerms(corpus.entries());
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String condense(String question, List<ConversationTurn> history) {
        return condenser.condense(question, history);
    }

    static Set<String> genericTerms(List<Entry> entries) {
        var df = new java.util.HashMap<String, Integer>();
        for (Entry e : entries) {
            Terms.of(e.question() + "\n" + String.join(" ", e.tags()).replace('-', ' ') + "\n" + e.body())
                    .forEach(t -> df.merge(t, 1, Integer::sum));
        }
        int max = Math.max(1, (int) (entries.size() * GENERIC_SHARE));
        var out = new java.util.HashSet<String>();
        // Section titles name whole areas ("Transformers", "Deep Learning"): context, not a second topic.
        entries.forEach(e -> out.addAll(Terms.of(e.section())));
        df.forEach((t, n) -> {
            if (n > max) {
                out.add(t);
            }
        });
        return out;
    }

    /** The answer to a question that is not an ML interview topic: no guessing, the nearest topics. */
    public AskAnswer refusal(String question, String query, SearchResponse r, Optional<Consumer<String>> stream) {
        var nearest = RelatedQuestions.nearest(r);
        return emit(new AskAnswer(question, query, prompts.refusal(questions(nearest)), List.of(), false, false, NAME,
                null, nearest, 0, Answerability.Decision.OFF_TOPIC, AskAnswer.NONE), stream);
    }

    /**
     * The answer to an ML question the notes do not cover: it says so, links the nearest entries, and names
     * the entries that only mention the subject in passing.
     */
    @Override
    public AskAnswer uncovered(String question, String query, List<ConversationTurn> history, SearchResponse r,
                               List<RelatedQuestion> mentions, Optional<Consumer<String>> stream) {
        return emit(uncovered(question, query, r, mentions), stream);
    }

    private AskAnswer uncovered(String question, String query, SearchResponse r, List<RelatedQuestion> mentions) {
        var nearest = RelatedQuestions.nearest(r);
        return new AskAnswer(question, query, prompts.uncovered(questions(nearest), questions(mentions)), List.of(),
                false, true, NAME, null, nearest, 0, Answerability.Decision.UNCOVERED, AskAnswer.NONE);
    }

    private static List<String> questions(List<RelatedQuestion> related) {
        return related.stream().map(RelatedQuestion::question).toList();
    }

    /** Sends a finished answer to a stream in word groups, as a model would. */
    private static AskAnswer emit(AskAnswer answer, Optional<Consumer<String>> stream) {
        stream.ifPresent(onToken -> {
            String[] pieces = answer.answer().split("(?<=\\s)(?=\\S)");
            var group = new StringBuilder();
            for (int i = 0; i < pieces.length; i++) {
                group.append(pieces[i]);
                if (i % 4 == 3 || i == pieces.length - 1) {
                    onToken.accept(group.toString());
                    group.setLength(0);
                }
            }
        });
        return answer;
    }

    @Override
    public AskAnswer ask(String question, String query, List<ConversationTurn> history, SearchResponse r,
                         Optional<Consumer<String>> stream) {
        return emit(ask(question, query, r), stream);
    }

    private AskAnswer ask(String question, String query, SearchResponse r) {
        List<Source> sources = Source.numbered(r.results());
        Optional<Source> primary = sources.stream().filter(s -> corpus.entry(s.entryId()).isPresent()).findFirst();
        if (primary.isEmpty()) {
            return fromResource(question, query, sources);
        }
        Entry entry = corpus.entry(primary.get().entryId()).orElseThrow();
        int n = primary.get().n();
        Set<String> queryTerms = Terms.of(query);
        // What the user asks beyond the entry's own question: the angle the detail passage should serve.
        var angle = new LinkedHashSet<>(queryTerms);
        angle.removeAll(Terms.of(entry.question()));

        var parts = new ArrayList<String>();
        var cited = new LinkedHashSet<Integer>();
        parts.add(entry.shortAnswer() + " [" + n + "]");
        cited.add(n);
        detail(entry, queryTerms, angle, primary.get().text()).ifPresent(d -> parts.add(d + " [" + n + "]"));

        Set<String> covered = Terms.of(entry.question() + "\n" + entry.body() + "\n" + String.join(" ", entry.tags()));
        var uncovered = new LinkedHashSet<>(angle);
        uncovered.removeAll(covered);
        uncovered.removeAll(generic);
        for (int added = 0; added < MAX_SECONDARY && !uncovered.isEmpty(); added++) {
            Secondary next = nextSecondary(sources, n, cited, uncovered);
            if (next == null) {
                break;
            }
            parts.add("**" + next.entry().question() + "** " + SentenceSplitter.lead(next.shortAnswer(), SECONDARY_WORDS)
                    + " [" + next.n() + "]");
            cited.add(next.n());
            uncovered.removeAll(next.terms());
        }
        return new AskAnswer(question, query, String.join("\n\n", parts), entryCitations(sources, cited), true, true, NAME,
                null, RelatedQuestions.of(corpus, entry, sources, cited), 0, Answerability.Decision.ANSWERABLE,
                AskAnswer.NOTES);
    }

    private record Secondary(int n, Entry entry, String shortAnswer, Set<String> terms) {
    }

    /**
     * The retrieved entry whose question or tags name query terms the answer so far does not cover (an entry
     * that merely mentions them is not about them); more such terms win, ties go to the better-ranked entry.
     */
    private Secondary nextSecondary(List<Source> sources, int primaryN, Set<Integer> cited, Set<String> uncovered) {
        Secondary best = null;
        int bestScore = 0;
        for (Source s : sources) {
            Optional<Entry> other = corpus.entry(s.entryId());
            if (s.n() == primaryN || cited.contains(s.n()) || other.isEmpty()) {
                continue;
            }
            Entry o = other.get();
            String shortAnswer = o.shortAnswer();
            Set<String> named = Terms.of(o.question() + " " + String.join(" ", o.tags()).replace('-', ' '));
            Set<String> mentioned = Terms.of(shortAnswer);
            int namedOverlap = Terms.overlap(uncovered, named);
            int score = 2 * namedOverlap + Terms.overlap(uncovered, mentioned);
            if (namedOverlap > 0 && score > bestScore) {
                var terms = new java.util.HashSet<>(named);
                terms.addAll(mentioned);
                best = new Secondary(s.n(), o, shortAnswer, terms);
                bestScore = score;
            }
        }
        return best;
    }

    /** The one block of the entry's body that best serves the query, clipped to a readable length. */
    private Optional<String> detail(Entry entry, Set<String> queryTerms, Set<String> angle, String bestChunk) {
        String best = null;
        double bestScore = 0;
        String firstExplanation = null;
        for (Section s : entry.sections()) {
            if (s.isNamed(Entry.SHORT_ANSWER) || s.isNamed(Entry.INTERVIEW)) {
                continue;
            }
            for (String block : s.readable()) {
                if (!quotable(block)) {
                    continue;
                }
                if (firstExplanation == null && s.isNamed(Entry.EXPLANATION)) {
                    firstExplanation = block;
                }
                Set<String> terms = Terms.of(block);
                double score = Terms.overlap(queryTerms, terms) + 2.0 * Terms.overlap(angle, terms)
                        + (bestChunk.contains(firstLine(block)) ? 0.5 : 0);
                if (score > bestScore) {
                    best = block;
                    bestScore = score;
                }
            }
        }
        // A block that matches only through the best chunk is no better than the opening of the explanation.
        String chosen = bestScore >= 1 ? best : firstExplanation;
        return Optional.ofNullable(chosen).map(OfflineGenerator::clip);
    }

    private static boolean quotable(String block) {
        String b = block.strip();
        return !b.startsWith("```") && !b.startsWith("|") && !b.startsWith("$$") && SentenceSplitter.words(b) >= 8;
    }

    private static String firstLine(String block) {
        String line = block.lines().findFirst().orElse("");
        return line.length() > 60 ? line.substring(0, 60) : line;
    }

    /** Prose to its leading sentences, a list to its first items (with any lead-in line); never mid-sentence. */
    static String clip(String block) {
        List<String> lines = block.lines().toList();
        if (lines.stream().noneMatch(OfflineGenerator::listItem)) {
            return SentenceSplitter.lead(block.replace('\n', ' '), DETAIL_WORDS);
        }
        var kept = new ArrayList<String>();
        int items = 0;
        int words = 0;
        for (String l : lines) {
            // Whole items only; stop at the item limit, or at the word budget once two items are in.
            if (listItem(l) && (++items > MAX_LIST_ITEMS || (items > 2 && words > LIST_WORDS))) {
                break;
            }
            kept.add(l);
            words += SentenceSplitter.words(l);
        }
        return String.join("\n", kept);
    }

    private static boolean listItem(String line) {
        return line.matches("^([-*+]|\\d+[.)])\\s.*");
    }

    private AskAnswer fromResource(String question, String query, List<Source> sources) {
        Source s = sources.get(0);
        Optional<Resource> res = corpus.resource(s.entryId());
        String summary = res.map(Resource::body).map(b -> SentenceSplitter.lead(b.replace('\n', ' '), DETAIL_WORDS)).orElse(s.text());
        String answer = "The closest material is a learning resource, " + s.question() + ": " + summary + " [" + s.n() + "]";
        return new AskAnswer(question, query, answer, List.of(s.citation()), true, true, NAME, null, List.of(), 0,
                Answerability.Decision.ANSWERABLE, AskAnswer.NOTES);
    }

    /** Offline answers quote whole entries, not the retrieved chunk, so their citations name no heading. */
    private static List<Citation> entryCitations(List<Source> sources, Set<Integer> cited) {
        return sources.stream().filter(s -> cited.contains(s.n()))
                .map(s -> new Citation(s.n(), s.entryId(), s.question(), s.section(), "", s.url())).toList();
    }

    static List<Citation> citations(List<Source> sources, Set<Integer> cited) {
        return sources.stream().filter(s -> cited.contains(s.n())).map(Source::citation).toList();
    }

    /** The entry's model answer, arranged the way a candidate would say it, with its key points. */
    @Override
    public Draft draft(Entry e) {
        var md = new StringBuilder();
        md.append("### Short answer\n").append(e.shortAnswer()).append(" [1]\n");
        appendSection(md, "Going deeper", readable(e, Entry.EXPLANATION));
        appendSection(md, "Example", readable(e, Entry.EXAMPLE));
        appendSection(md, "Trade-offs", readable(e, Entry.TRADE_OFFS));
        for (Section s : e.sections()) {
            boolean known = s.heading().isEmpty() || KNOWN_SECTIONS.stream().anyMatch(s::isNamed);
            if (!known) {
                appendSection(md, s.heading(), s.readable());
            }
        }
        md.append("\n### Key points to hit\n");
        e.keyPoints().forEach(k -> md.append("- ").append(k).append('\n'));
        List<String> delivery = readable(e, Entry.INTERVIEW);
        if (!delivery.isEmpty()) {
            md.append("\n### How to deliver it\n").append(String.join("\n\n", delivery)).append('\n');
        }
        var citation = new Citation(1, e.id(), e.question(), e.section(), "", null);
        return new Draft(e.id(), e.question(), md.toString().strip(), e.keyPoints(), List.of(citation), true, true,
                NAME, null, 0, Answerability.Decision.ANSWERABLE);
    }

    private static final List<String> KNOWN_SECTIONS =
            List.of(Entry.SHORT_ANSWER, Entry.EXPLANATION, Entry.EXAMPLE, Entry.TRADE_OFFS, Entry.INTERVIEW);

    private static List<String> readable(Entry e, String section) {
        return e.part(section).map(Section::readable).orElse(List.of());
    }

    /** A section with its citation after the last prose block, where a trailing [1] cannot break a list or formula. */
    private static void appendSection(StringBuilder md, String title, List<String> blocks) {
        if (blocks.isEmpty()) {
            return;
        }
        var out = new ArrayList<>(blocks);
        int prose = -1;
        for (int i = 0; i < out.size(); i++) {
            if (isProse(out.get(i))) {
                prose = i;
            }
        }
        if (prose >= 0) {
            out.set(prose, out.get(prose) + " [1]");
        }
        md.append("\n### ").append(title).append(prose >= 0 ? "" : " [1]").append('\n')
                .append(String.join("\n\n", out)).append('\n');
    }

    private static boolean isProse(String block) {
        String b = block.strip();
        return !(b.startsWith("```") || b.startsWith("|") || b.startsWith("$$") || b.endsWith("$$")
                || b.matches("(?s)^([-*+]|\\d+[.)])\\s.*"));
    }

    /** The draft for a question the notes do not answer: the same text as {@link #refusal} or {@link #uncovered}. */
    public Draft draftRefusal(String question, SearchResponse r, List<RelatedQuestion> mentions) {
        // An answerable search with no entry among its results (only resource summaries) is declined as uncovered.
        AskAnswer a = r.answerability() == Answerability.Decision.OFF_TOPIC
                ? refusal(question, question, r, Optional.empty()) : uncovered(question, question, r, mentions);
        return new Draft(null, question, a.answer(), List.of(), List.of(), false, a.inDomain(), NAME, null, 0,
                a.answerability());
    }

    @Override
    public FollowUps followUps(Entry e, String answer, List<String> missed, int n) {
        List<FollowUp> chosen = answer.isEmpty() ? followUps.choose(e, n) : followUps.choose(e, missed, n);
        return new FollowUps(e.id(), e.question(), chosen, missed, true, NAME, null, Answerability.Decision.ANSWERABLE);
    }
}
