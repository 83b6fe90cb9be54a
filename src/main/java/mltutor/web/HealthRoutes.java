package mltutor.web;

import java.util.LinkedHashMap;
import java.util.List;
import mltutor.app.TutorApp;

/** {@code GET /api/health}: is the service up, and what is it serving. */
final class HealthRoutes {
    private HealthRoutes() {
    }

    static List<ApiRoute> routes(TutorApp app) {
        return List.of(ApiRoute.get("/api/health", ctx -> {
            var body = new LinkedHashMap<String, Object>();
            body.put("status", "ok");
            body.put("entries", app.corpus().entries().size());
            body.put("resources", app.corpus().resources().size());
            body.put("chunks", app.index().index().size());
            body.put("embeddingModel", app.embedder().spec().name());
            body.put("llm", app.config().llm().label());
            body.put("generator", app.tutor().generator());
            body.put("indexRebuiltAtStartup", app.index().rebuilt());
            ctx.json(body);
        }));
    }
}
