package mltutor.web;

import io.javalin.http.Context;
import java.util.List;
import java.util.Map;
import mltutor.tutor.AskAnswer;
import mltutor.tutor.AskRequest;
import mltutor.tutor.DraftRequest;
import mltutor.tutor.FollowUpRequest;
import mltutor.tutor.Tutor;

/**
 * Grounded generation: {@code POST /api/ask}, {@code /api/ask/stream} (server-sent events {@code token},
 * {@code citations}, {@code done}, {@code error}), {@code /api/draft} and {@code /api/followups}. The tutor's
 * exceptions pass through to the error boundary in {@link ApiServer}, which also turns a failure after the first
 * event into an {@code error} event.
 */
final class TutorRoutes {
    private TutorRoutes() {
    }

    static List<ApiRoute> routes() {
        return List.of(
                ApiRoute.post("/api/ask", (ctx, s) -> ctx.json(s.tutor().ask(JsonBody.read(ctx, AskRequest.class)))),
                ApiRoute.post("/api/ask/stream", (ctx, s) -> stream(ctx, s.tutor())),
                ApiRoute.post("/api/draft", (ctx, s) -> ctx.json(s.tutor().draft(JsonBody.read(ctx, DraftRequest.class)))),
                ApiRoute.post("/api/followups", (ctx, s) -> ctx.json(s.tutor().followUps(
                        JsonBody.read(ctx, FollowUpRequest.class)))));
    }

    private static void stream(Context ctx, Tutor tutor) {
        AskRequest req = JsonBody.read(ctx, AskRequest.class);
        SseWriter sse = SseWriter.on(ctx);
        AskAnswer answer = tutor.ask(req, token -> sse.send("token", Map.of("text", token)));
        sse.send("citations", answer.citations());
        sse.send("done", answer);
    }
}
