package mltutor.web;

import java.util.LinkedHashMap;
import java.util.List;
import mltutor.tutor.InputLimits;

/**
 * {@code GET /api/health}: is the service up, and what is it serving; "ok" (200) only when the canary search finds
 * what it must, else "degraded" (503) with the canary's result saying why. {@code GET /api/limits}: the input limits
 * it enforces, which the web page reads instead of copying them.
 */
final class HealthRoutes {
    private final InputLimits.Published limits;

    HealthRoutes(InputLimits.Published limits) {
        this.limits = limits;
    }

    List<ApiRoute> routes() {
        return List.of(
                ApiRoute.get("/api/health", (ctx, services) -> {
                    ServiceInfo info = services.info();
                    var canary = info.canary().get();
                    var body = new LinkedHashMap<String, Object>();
                    body.put("status", canary.ok() ? "ok" : "degraded");
                    body.put("entries", info.entries());
                    body.put("resources", info.resources());
                    body.put("chunks", info.chunks());
                    body.put("embeddingModel", info.embeddingModel());
                    body.put("llm", info.llm());
                    body.put("generator", info.generator());
                    body.put("indexRebuiltAtStartup", info.indexRebuiltAtStartup());
                    body.put("canary", canary);
                    info.reload().get().ifPresent(r -> body.put("reload", r));
                    ctx.status(canary.ok() ? 200 : 503).json(body);
                }),
                ApiRoute.get("/api/limits", (ctx, services) -> ctx.json(limits)));
    }
}
