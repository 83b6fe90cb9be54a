package mltutor.web;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import mltutor.corpus.Corpus;
import mltutor.corpus.Entry;
import mltutor.tutor.InputLimits;
import mltutor.tutor.UnknownEntryException;

/** Browsing the corpus: {@code /api/sections}, {@code /api/questions}, {@code /api/questions/{id}}. */
final class QuestionRoutes {
    private QuestionRoutes() {
    }

    /** A line in a question list. */
    record QuestionSummary(String id, String question, String section, int difficulty, String origin, List<String> tags) {
        static QuestionSummary of(Entry e) {
            return new QuestionSummary(e.id(), e.question(), e.section(), e.difficulty(), e.origin(), e.tags());
        }
    }

    /** A section and how many entries it holds. */
    record SectionCount(String section, int count) {
    }

    /** A linked entry, by id and question. */
    record EntryLink(String id, String question) {
    }

    /** A linked resource summary. */
    record ResourceLink(String id, String title, String url, String kind, String summary) {
    }

    /** A whole entry, with its links resolved. */
    record EntryDetail(String id, String question, String section, String origin, int difficulty, List<String> tags,
                       String answer, List<String> keyPoints, List<String> followUps, List<EntryLink> related,
                       List<ResourceLink> resources) {
    }

    static List<ApiRoute> routes() {
        return List.of(
                ApiRoute.get("/api/sections", (ctx, services) -> ctx.json(services.corpus().sectionCounts().entrySet().stream()
                        .map(e -> new SectionCount(e.getKey(), e.getValue())).toList())),
                ApiRoute.get("/api/questions", (ctx, services) -> {
                    String section = Params.optionalText(ctx, "section", 200);
                    String q = Params.optionalText(ctx, "q", InputLimits.MAX_QUESTION_CHARS);
                    ctx.json(services.corpus().entries().stream()
                            .filter(e -> section == null || e.section().equalsIgnoreCase(section))
                            .filter(e -> q == null || matchesAllWords(e, q))
                            .map(QuestionSummary::of)
                            .toList());
                }),
                ApiRoute.get("/api/questions/{id}", (ctx, services) -> {
                    String id = ctx.pathParam("id");
                    Corpus corpus = services.corpus();
                    Entry e = corpus.entry(id).orElseThrow(() -> new UnknownEntryException(id));
                    ctx.json(detail(corpus, e));
                }));
    }

    private static EntryDetail detail(Corpus corpus, Entry e) {
        var related = e.related().stream()
                .flatMap(id -> corpus.entry(id).stream())
                .map(r -> new EntryLink(r.id(), r.question()))
                .toList();
        var resources = e.resources().stream()
                .flatMap(id -> corpus.resource(id).stream())
                .map(r -> new ResourceLink(r.id(), r.title(), r.url(), r.kind(), r.body()))
                .toList();
        return new EntryDetail(e.id(), e.question(), e.section(), e.origin(), e.difficulty(), e.tags(), e.body(),
                e.keyPoints(), e.followUps(), related, resources);
    }

    /** A plain filter for browsing: every word of the filter appears in the question, tags or id. */
    private static boolean matchesAllWords(Entry e, String q) {
        String hay = (e.question() + " " + String.join(" ", e.tags()) + " " + e.id()).toLowerCase(Locale.ROOT);
        return Arrays.stream(q.toLowerCase(Locale.ROOT).split("\\s+")).allMatch(hay::contains);
    }
}
