package mltutor.web;

import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;
import mltutor.corpus.Corpus;
import mltutor.corpus.Entry;
import mltutor.practice.AnswerGrader;
import mltutor.practice.InterviewPlanner;
import mltutor.practice.InterviewSummary;
import mltutor.tutor.InputLimits;

/**
 * Practice: {@code POST /api/feedback} grades an answer; {@code POST /api/interview/next} and
 * {@code /api/interview/summary} run a stateless mock interview (the client keeps the session).
 */
final class PracticeRoutes {
    static final int MAX_LIST = 1000;
    static final int MAX_TURNS = 200;
    /**
     * A summary grades answers sent without a score, and each grading embeds the answer (or calls the LLM judge):
     * at most this many per request, and at most {@link #MAX_GRADED_CHARS} characters of them in total. The page
     * sends the scores /api/feedback gave, so it grades nothing here.
     */
    static final int MAX_GRADED_TURNS = 10;
    static final int MAX_GRADED_CHARS = 20_000;

    private final Corpus corpus;
    private final AnswerGrader grader;
    private final InterviewPlanner planner;
    private final InterviewSummary summary;

    /** Bound to the services of one request: its methods check and answer that request. */
    private PracticeRoutes(ApiServices services) {
        this.corpus = services.corpus();
        this.grader = services.grader();
        this.planner = services.planner();
        this.summary = services.summary();
    }

    record FeedbackRequest(String id, String answer) {
    }

    record NextRequest(List<String> sections, List<Integer> difficulty, List<String> exclude, List<String> prefer,
                       Long seed) {
    }

    record TurnRequest(String id, String answer, Integer score) {
    }

    record SummaryRequest(List<TurnRequest> turns) {
    }

    static List<ApiRoute> routes() {
        return List.of(
                ApiRoute.post("/api/feedback", (ctx, services) -> new PracticeRoutes(services).feedback(ctx)),
                ApiRoute.post("/api/interview/next", (ctx, services) -> new PracticeRoutes(services).next(ctx)),
                ApiRoute.post("/api/interview/summary", (ctx, services) -> new PracticeRoutes(services).summary(ctx)));
    }

    private void feedback(Context ctx) {
        FeedbackRequest req = JsonBody.read(ctx, FeedbackRequest.class);
        Entry entry = entry(req.id(), "'id'");
        ctx.json(grader.assess(entry, InputLimits.answer(req.answer(), "'answer'")));
    }

    private void next(Context ctx) {
        NextRequest req = JsonBody.read(ctx, NextRequest.class);
        var filter = new InterviewPlanner.Filter(sections(req.sections()),
                difficulties(req.difficulty()), ids(req.exclude(), "exclude"));
        Random random = req.seed() == null ? ThreadLocalRandom.current() : new Random(req.seed());
        ctx.json(planner.next(filter, ids(req.prefer(), "prefer"), random).orElseThrow(() ->
                ApiException.notFound("no questions left: every question matching the chosen sections and"
                        + " difficulty is in 'exclude' (" + filter.exclude().size() + " excluded)")));
    }

    private void summary(Context ctx) {
        SummaryRequest req = JsonBody.read(ctx, SummaryRequest.class);
        if (req.turns() == null || req.turns().isEmpty()) {
            throw ApiException.badRequest("'turns' is required: a list of {id, answer, score} objects");
        }
        if (req.turns().size() > MAX_TURNS) {
            throw ApiException.badRequest("'turns' has " + req.turns().size() + " items; the limit is " + MAX_TURNS);
        }
        ctx.json(summary.summarize(scored(req.turns())));
    }

    /** A checked turn: its score, or the answer to grade for one. */
    private record CheckedTurn(Entry entry, Integer score, String answer) {
    }

    /**
     * Every turn checked first, then only the answers that decide the summary graded: a question counts once, at
     * its latest turn, so an earlier attempt is never graded, and neither is a latest turn that carries its score.
     */
    private List<InterviewSummary.Turn> scored(List<TurnRequest> requests) {
        var latest = new LinkedHashMap<String, CheckedTurn>();
        for (int i = 0; i < requests.size(); i++) {
            CheckedTurn t = check(requests.get(i), "turns[" + i + "]");
            latest.remove(t.entry().id());
            latest.put(t.entry().id(), t);
        }
        List<CheckedTurn> toGrade = latest.values().stream().filter(t -> t.score() == null).toList();
        int chars = toGrade.stream().mapToInt(t -> t.answer().length()).sum();
        if (toGrade.size() > MAX_GRADED_TURNS || chars > MAX_GRADED_CHARS) {
            throw ApiException.badRequest("'turns' has " + toGrade.size() + " answers to grade (" + chars
                    + " characters); a summary grades at most " + MAX_GRADED_TURNS + " answers and " + MAX_GRADED_CHARS
                    + " characters: send the 'score' that /api/feedback gave for the others");
        }
        var turns = new ArrayList<InterviewSummary.Turn>(latest.size());
        for (CheckedTurn t : latest.values()) {
            int score = t.score() != null ? t.score() : grader.assess(t.entry(), t.answer()).score();
            turns.add(new InterviewSummary.Turn(t.entry().id(), score));
        }
        return turns;
    }

    private CheckedTurn check(TurnRequest t, String where) {
        if (t == null) {
            throw ApiException.badRequest(where + " must be an object {id, answer, score}");
        }
        Entry e = corpus.entry(t.id() == null ? "" : t.id().strip()).orElseThrow(() -> ApiException.badRequest(
                where + ".id: " + (t.id() == null || t.id().isBlank() ? "is required" : "no entry with id '"
                        + shorten(t.id()) + "'")));
        if (t.score() != null) {
            if (t.score() < 0 || t.score() > 100) {
                throw ApiException.badRequest(where + ".score must be from 0 to 100, got " + t.score());
            }
            return new CheckedTurn(e, t.score(), null);
        }
        // No score from the client: the answer is graded, so a summary can be asked for answers alone.
        if (t.answer() == null || t.answer().isBlank()) {
            throw ApiException.badRequest(where + " needs a 'score' (0-100) or a non-empty 'answer'");
        }
        return new CheckedTurn(e, null, InputLimits.answer(t.answer(), where + ".answer"));
    }

    private Entry entry(String id, String field) {
        if (id == null || id.isBlank()) {
            throw ApiException.badRequest(field + " is required: the id of a question, e.g. from /api/questions");
        }
        String trimmed = id.strip();
        return corpus.entry(trimmed).orElseThrow(() -> ApiException.notFound("no entry with id '" + shorten(trimmed)
                + "'"));
    }

    private java.util.Set<String> sections(List<String> sections) {
        var out = new LinkedHashSet<String>();
        if (sections == null) {
            return out;
        }
        checkSize(sections, "sections");
        for (String s : sections) {
            if (s == null || planner.sections().stream().noneMatch(known -> known.equalsIgnoreCase(s.strip()))) {
                throw ApiException.badRequest("unknown section '" + shorten(String.valueOf(s)) + "'; the sections are "
                        + planner.sections());
            }
            out.add(s.strip());
        }
        return out;
    }

    private static java.util.Set<Integer> difficulties(List<Integer> difficulty) {
        var out = new LinkedHashSet<Integer>();
        if (difficulty == null) {
            return out;
        }
        for (Integer d : difficulty) {
            if (d == null || d < 1 || d > 3) {
                throw ApiException.badRequest("'difficulty' values must be 1, 2 or 3, got " + d);
            }
            out.add(d);
        }
        return out;
    }

    private static java.util.Set<String> ids(List<String> ids, String field) {
        var out = new LinkedHashSet<String>();
        if (ids == null) {
            return out;
        }
        checkSize(ids, field);
        for (String id : ids) {
            if (id != null) {
                out.add(id.strip());
            }
        }
        return out;
    }

    private static void checkSize(List<?> list, String field) {
        if (list.size() > MAX_LIST) {
            throw ApiException.badRequest("'" + field + "' has " + list.size() + " items; the limit is " + MAX_LIST);
        }
    }

    /** Echoes user text in errors only briefly: the message stays readable whatever was sent. */
    private static String shorten(String s) {
        return s.length() > 80 ? s.substring(0, 80) + "…" : s;
    }
}
