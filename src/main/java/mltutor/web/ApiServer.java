package mltutor.web;

import io.javalin.Javalin;
import io.javalin.http.HttpResponseException;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import mltutor.app.TutorApp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP API. {@link #routes} is the single list of endpoints: the server registers it and the
 * OpenAPI test checks it, so the document cannot drift from the code. Every error is JSON.
 */
public final class ApiServer {
    private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);
    /**
     * Requests larger than this are refused with 413. The largest legitimate body is a conversation of 20 turns
     * of up to 10,000 characters each.
     */
    static final long MAX_REQUEST_BYTES = 256 * 1024;

    private ApiServer() {
    }

    public static List<ApiRoute> routes(TutorApp app) {
        var routes = new ArrayList<ApiRoute>();
        routes.addAll(HealthRoutes.routes(app));
        routes.addAll(SearchRoutes.routes(app.retriever()));
        routes.addAll(QuestionRoutes.routes(app.corpus()));
        routes.addAll(TutorRoutes.routes(app.tutor()));
        var practice = app.practice();
        routes.addAll(PracticeRoutes.routes(app.corpus(), practice.grader(), practice.planner(), practice.summary()));
        return routes;
    }

    /** A configured, not yet started server. */
    public static Javalin create(TutorApp app) {
        String openApi = resource("/openapi.json");
        List<ApiRoute> routes = routes(app);
        return Javalin.create(cfg -> {
            cfg.jsonMapper(new JavalinJackson(new com.fasterxml.jackson.databind.ObjectMapper(), false));
            cfg.http.maxRequestSize = MAX_REQUEST_BYTES;
            cfg.startup.showJavalinBanner = false;
            // The web app: static files from the jar; browser libraries from WebJars under /webjars/.
            cfg.staticFiles.add(files -> {
                files.hostedPath = "/";
                files.directory = "/web";
                files.location = Location.CLASSPATH;
            });
            cfg.staticFiles.enableWebjars();
            routes.forEach(r -> cfg.routes.addHttpHandler(r.method(), r.path(), r.handler()));
            cfg.routes.get("/openapi.json", ctx -> ctx.contentType("application/json").result(openApi));
            cfg.routes.exception(ApiException.class, (e, ctx) -> {
                if (e.retryAfterSeconds() > 0) {
                    ctx.header("Retry-After", String.valueOf(e.retryAfterSeconds()));
                }
                ctx.status(e.status()).json(ApiError.of(e.status(), e.getMessage()));
            });
            cfg.routes.exception(HttpResponseException.class, (e, ctx) ->
                    ctx.status(e.getStatus()).json(ApiError.of(e.getStatus(), messageFor(e, ctx))));
            cfg.routes.exception(Exception.class, (e, ctx) -> {
                LOG.error("request {} {} failed", ctx.method(), ctx.path(), e);
                ctx.status(500).json(ApiError.of(500, "internal error; the server log has details"));
            });
        });
    }

    private static String messageFor(HttpResponseException e, io.javalin.http.Context ctx) {
        return switch (e.getStatus()) {
            case 404 -> "no such endpoint: " + ctx.method() + " " + ctx.path();
            case 405 -> "method not allowed: " + ctx.method() + " " + ctx.path();
            case 413 -> "request body too large; the limit is " + MAX_REQUEST_BYTES + " bytes";
            default -> e.getMessage() == null || e.getMessage().isBlank() ? "request failed" : e.getMessage();
        };
    }

    private static String resource(String name) {
        try (InputStream in = ApiServer.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
