package mltutor.web;

import io.javalin.http.Context;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import mltutor.llm.LlmBusyException;
import mltutor.tutor.AskAnswer;
import mltutor.tutor.AskRequest;
import mltutor.tutor.DraftRequest;
import mltutor.tutor.FollowUpRequest;
import mltutor.tutor.InvalidInputException;
import mltutor.tutor.Tutor;
import mltutor.tutor.UnknownEntryException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Grounded generation: {@code POST /api/ask}, {@code /api/ask/stream} (server-sent events {@code token},
 * {@code citations}, {@code done}, {@code error}), {@code /api/draft} and {@code /api/followups}.
 */
final class TutorRoutes {
    private static final Logger LOG = LoggerFactory.getLogger(TutorRoutes.class);

    private TutorRoutes() {
    }

    static List<ApiRoute> routes(Tutor tutor) {
        return List.of(
                ApiRoute.post("/api/ask", ctx -> {
                    AskRequest req = JsonBody.read(ctx, AskRequest.class);
                    ctx.json(call(() -> tutor.ask(req)));
                }),
                ApiRoute.post("/api/ask/stream", ctx -> stream(ctx, tutor)),
                ApiRoute.post("/api/draft", ctx -> {
                    DraftRequest req = JsonBody.read(ctx, DraftRequest.class);
                    ctx.json(call(() -> tutor.draft(req)));
                }),
                ApiRoute.post("/api/followups", ctx -> {
                    FollowUpRequest req = JsonBody.read(ctx, FollowUpRequest.class);
                    ctx.json(call(() -> tutor.followUps(req)));
                }));
    }

    private static void stream(Context ctx, Tutor tutor) {
        AskRequest req = JsonBody.read(ctx, AskRequest.class);
        var sse = new SseWriter(ctx);
        try {
            AskAnswer answer = tutor.ask(req, token -> sse.send("token", Map.of("text", token)));
            sse.send("citations", answer.citations());
            sse.send("done", answer);
        } catch (RuntimeException e) {
            ApiException api = translate(e);
            if (!sse.started()) {
                throw api;
            }
            sse.sendQuietly("error", ApiError.of(api.status(), api.getMessage()).error());
        }
    }

    private static <T> T call(Supplier<T> action) {
        try {
            return action.get();
        } catch (RuntimeException e) {
            throw translate(e);
        }
    }

    /** The tutor's exceptions as API errors; anything unexpected stays a 500 with the details only in the log. */
    private static ApiException translate(RuntimeException e) {
        if (e instanceof ApiException api) {
            return api;
        }
        if (e instanceof InvalidInputException) {
            return ApiException.badRequest(e.getMessage());
        }
        if (e instanceof UnknownEntryException) {
            return ApiException.notFound(e.getMessage());
        }
        if (e instanceof LlmBusyException busy) {
            return new ApiException(503, busy.getMessage(), busy.retryAfterSeconds());
        }
        if (e instanceof java.io.UncheckedIOException) {
            return new ApiException(499, "the client closed the connection");
        }
        LOG.error("generation failed", e);
        return new ApiException(500, "internal error; the server log has details");
    }
}
