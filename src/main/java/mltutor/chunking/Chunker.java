package mltutor.chunking;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToIntFunction;
import mltutor.corpus.Corpus;
import mltutor.corpus.Entry;
import mltutor.corpus.Resource;
import mltutor.corpus.Section;
import mltutor.text.SentenceSplitter;

/**
 * Cuts entries and resource summaries into chunks along their Markdown headings. Each entry also gets
 * a chunk holding just its question and tags, so a query that restates the question finds it first.
 * Sections longer than the token budget are split between blocks, then between sentences, then words.
 */
public final class Chunker {
    private final ChunkingParams params;
    private final ToIntFunction<String> tokenCount;

    public Chunker(ChunkingParams params, ToIntFunction<String> tokenCount) {
        this.params = params;
        this.tokenCount = tokenCount;
    }

    /** The chunks and the lexical fields of every entry and resource. */
    public IndexContent content(Corpus corpus) {
        return new IndexContent(chunk(corpus), fields(corpus));
    }

    public List<Chunk> chunk(Corpus corpus) {
        var out = new ArrayList<Chunk>();
        corpus.entries().forEach(e -> out.addAll(chunk(e)));
        corpus.resources().forEach(r -> out.addAll(chunk(r)));
        return out;
    }

    /**
     * A key for everything {@link #chunk(Entry)} reads from an entry, each part length-prefixed: its chunks can be
     * reused when the key, the chunking parameters and the tokenizer are the same.
     */
    public static String sourceKey(Entry e) {
        var parts = new ArrayList<String>(List.of("entry", e.id(), e.question(), e.section(), e.origin()));
        for (List<String> list : List.of(e.aliases(), e.queries(), e.tags(), e.keyPoints())) {
            parts.add(String.valueOf(list.size()));
            parts.addAll(list);
        }
        addSections(parts, e.sections());
        return SourceKey.of(parts);
    }

    /** The key of everything {@link #chunk(Resource)} reads from a resource; see {@link #sourceKey(Entry)}. */
    public static String sourceKey(Resource r) {
        var parts = new ArrayList<String>(List.of("resource", r.id(), r.title(), String.valueOf(r.url())));
        addSections(parts, r.sections());
        return SourceKey.of(parts);
    }

    private static void addSections(List<String> parts, List<Section> sections) {
        parts.add(String.valueOf(sections.size()));
        for (Section s : sections) {
            parts.add(s.heading());
            parts.add(String.valueOf(s.blocks().size()));
            parts.addAll(s.blocks());
        }
    }

    /** The chunks of one entry: its header, one per phrasing and key point, then its sections. */
    public List<Chunk> chunk(Entry e) {
        var out = new ArrayList<Chunk>();
        // The header chunk: the question with its tags and rubric, a dense summary of the whole answer.
        String summary = String.join(", ", e.tags()) + "\n" + String.join("\n", e.keyPoints());
        var header = new Chunk(e.id() + "#0", e.id(), e.question(), e.section(), e.origin(), "entry", "", summary, null);
        out.add(header);
        // Each alias and search phrasing is its own small chunk: a paraphrased query then matches one
        // phrasing closely instead of a blend of all of them.
        e.aliases().forEach(a -> out.add(unit(e, out.size(), Chunk.ALIAS, "Also asked as", a)));
        e.queries().forEach(q -> out.add(unit(e, out.size(), Chunk.QUERY, "Also asked as", q)));
        if (params.keyPoints()) {
            e.keyPoints().forEach(k -> out.add(unit(e, out.size(), Chunk.KEY_POINT, "Key point", k)));
        }
        for (Section s : e.sections()) {
            for (String piece : pack(s, e.question())) {
                out.add(new Chunk(e.id() + "#" + out.size(), e.id(), e.question(), e.section(), e.origin(), "entry",
                        s.heading(), piece, null));
            }
        }
        return out;
    }

    private static Chunk unit(Entry e, int n, String kind, String heading, String text) {
        return new Chunk(e.id() + "#" + n, e.id(), e.question(), e.section(), e.origin(), kind, heading, text, null);
    }

    /** The lexical fields of every entry and resource (cheap: no token counting). */
    public static List<EntryFields> fields(Corpus corpus) {
        var out = new ArrayList<EntryFields>();
        for (Entry e : corpus.entries()) {
            var phrasings = new ArrayList<>(e.aliases());
            phrasings.addAll(e.queries());
            List<Section> sections = e.sections();
            out.add(new EntryFields(e.id(), e.question(), e.origin(), phrasings, e.tags(), e.keyPoints(),
                    sections.stream().map(Section::heading).filter(h -> !h.isEmpty()).toList(), bodyText(sections)));
        }
        for (Resource r : corpus.resources()) {
            List<Section> sections = r.sections();
            out.add(new EntryFields(r.id(), r.title(), "resource", List.of(), r.topics(), List.of(),
                    sections.stream().map(Section::heading).filter(h -> !h.isEmpty()).toList(), bodyText(sections)));
        }
        return out;
    }

    private static String bodyText(List<Section> sections) {
        return String.join("\n\n", sections.stream().map(s -> String.join("\n\n", s.blocks())).toList());
    }

    /** The chunks of one resource summary, one or more per section. */
    public List<Chunk> chunk(Resource r) {
        var out = new ArrayList<Chunk>();
        String title = r.title();
        for (Section s : r.sections()) {
            for (String piece : pack(s, title)) {
                out.add(new Chunk(r.id() + "#" + out.size(), r.id(), title, "Learning Resources", "resource",
                        "resource", s.heading(), piece, r.url()));
            }
        }
        return out;
    }

    /** Packs a section's blocks into pieces that fit the budget with the question as context. */
    private List<String> pack(Section s, String context) {
        int budget = Math.max(16, params.maxTokens() - tokenCount.applyAsInt(context + "\n" + s.heading() + ": "));
        var units = new ArrayList<String>();
        for (String block : s.blocks()) {
            units.addAll(fit(block, budget));
        }
        return join(units, "\n\n", budget);
    }

    /** A block that fits, or else its sentences, and if need be runs of words, packed to fit. */
    private List<String> fit(String block, int budget) {
        if (tokenCount.applyAsInt(block) <= budget) {
            return List.of(block);
        }
        var parts = new ArrayList<String>();
        for (String sentence : SentenceSplitter.sentences(block)) {
            parts.addAll(tokenCount.applyAsInt(sentence) <= budget ? List.of(sentence)
                    : join(List.of(sentence.split("\\s+")), " ", budget));
        }
        return join(parts, " ", budget);
    }

    /**
     * Greedily joins consecutive units while the result fits the budget. A unit that alone exceeds it
     * (a single enormous word) becomes a piece of its own; the model truncates it.
     */
    private List<String> join(List<String> units, String separator, int budget) {
        var pieces = new ArrayList<String>();
        String current = "";
        for (String unit : units) {
            String candidate = current.isEmpty() ? unit : current + separator + unit;
            if (current.isEmpty() || tokenCount.applyAsInt(candidate) <= budget) {
                current = candidate;
            } else {
                pieces.add(current);
                current = unit;
            }
        }
        if (!current.isEmpty()) {
            pieces.add(current);
        }
        return pieces;
    }
}
