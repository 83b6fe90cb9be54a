package mltutor.web;

import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import mltutor.config.ServerAccess;
import mltutor.index.IndexReadException;
import mltutor.llm.LlmBusyException;
import mltutor.tutor.InputLimits;
import mltutor.tutor.InvalidInputException;
import mltutor.tutor.UnknownEntryException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP API, and the one seam between it and the services: {@code tutor serve} and the tests both start it
 * with {@link #create}. {@link #routes} is the single list of endpoints: the server registers it and the OpenAPI
 * test checks it, so the document cannot drift from the code. Routes hold no services; each request is given the
 * ones a {@link ServiceSwitch} holds when it arrives. It is also the one error boundary: routes throw
 * {@link ApiException} or let the services' exceptions through, and the mappers here turn each into JSON
 * {@code {"error":{"status":..,"message":..}}} (or an {@code error} event once an event stream has begun).
 */
public final class ApiServer {
    private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);
    /**
     * Requests larger than this are refused with 413. The largest legitimate body is a conversation of 20 turns
     * of up to 10,000 characters each.
     */
    static final long MAX_REQUEST_BYTES = 256 * 1024;
    /** nginx's status for a client that closed the connection before the response was complete. */
    static final int CLIENT_CLOSED = 499;

    private ApiServer() {
    }

    /** Every endpoint. */
    public static List<ApiRoute> routes() {
        var routes = new ArrayList<ApiRoute>();
        routes.addAll(new HealthRoutes(InputLimits.published()).routes());
        routes.addAll(SearchRoutes.routes());
        routes.addAll(QuestionRoutes.routes());
        routes.addAll(TutorRoutes.routes());
        routes.addAll(PracticeRoutes.routes());
        routes.addAll(ExportRoutes.routes());
        return routes;
    }

    /** A configured, not yet started server that answers loopback names and IP addresses, with no token. */
    public static Javalin create(ApiServices services) {
        return create(services, ServerAccess.localOnly());
    }

    /** A configured, not yet started server that answers with these services. */
    public static Javalin create(ApiServices services, ServerAccess access) {
        return create(new ServiceSwitch(services), access);
    }

    /**
     * A configured, not yet started server that answers with whatever services the switch holds when a request
     * arrives (503 while it holds none). Every request passes {@link RequestGuard} first (security headers, Host
     * check, token, JSON content type); Jetty's own refusals are JSON too ({@link JsonErrorHandler}).
     */
    public static Javalin create(ServiceSwitch services, ServerAccess access) {
        String openApi = resource("/openapi.json");
        var guard = new RequestGuard(access);
        return Javalin.create(cfg -> {
            cfg.jsonMapper(new JavalinJackson(new com.fasterxml.jackson.databind.ObjectMapper(), false));
            cfg.http.maxRequestSize = MAX_REQUEST_BYTES;
            cfg.http.prefer405over404 = true;
            cfg.jetty.modifyServer(server -> server.setErrorHandler(new JsonErrorHandler()));
            cfg.jetty.modifyServletContextHandler(handler -> handler.setErrorHandler(new JsonErrorHandler()));
            cfg.routes.before(guard::check);
            cfg.startup.showJavalinBanner = false;
            // The web app: static files from the jar; browser libraries from WebJars under /webjars/.
            cfg.staticFiles.add(files -> {
                files.hostedPath = "/";
                files.directory = "/web";
                files.location = Location.CLASSPATH;
            });
            cfg.staticFiles.enableWebjars();
            routes().forEach(r -> cfg.routes.addHttpHandler(r.method(), r.path(),
                    ctx -> r.handler().handle(ctx, services.current())));
            cfg.routes.get("/openapi.json", ctx -> ctx.contentType("application/json").result(openApi));
            mapErrors(cfg);
        });
    }

    /** Each kind of failure and its status, in one place. Javalin picks the mapper of the nearest class. */
    static void mapErrors(JavalinConfig cfg) {
        cfg.routes.exception(ApiException.class, (e, ctx) -> reply(ctx, e.status(), e.getMessage(), e.retryAfterSeconds()));
        cfg.routes.exception(InvalidInputException.class, (e, ctx) -> reply(ctx, 400, e.getMessage(), 0));
        cfg.routes.exception(UnknownEntryException.class, (e, ctx) -> reply(ctx, 404, e.getMessage(), 0));
        cfg.routes.exception(LlmBusyException.class, (e, ctx) -> reply(ctx, 503, e.getMessage(), e.retryAfterSeconds()));
        cfg.routes.exception(IndexReadException.class, (e, ctx) -> {
            LOG.error("request {} {} failed: {}", ctx.method(), ctx.path(), e.getMessage(), e);
            reply(ctx, 500, e.getMessage(), 0);
        });
        cfg.routes.exception(ClientGoneException.class, (e, ctx) -> {
            LOG.debug("request {} {}: {}", ctx.method(), ctx.path(), e.getMessage());
            ctx.status(CLIENT_CLOSED);
        });
        cfg.routes.exception(HttpResponseException.class, (e, ctx) -> reply(ctx, e.getStatus(), messageFor(e, ctx), 0));
        cfg.routes.exception(Exception.class, (e, ctx) -> {
            LOG.error("request {} {} failed", ctx.method(), ctx.path(), e);
            reply(ctx, 500, "internal error; the server log has details", 0);
        });
    }

    /** An error as JSON with its status, or as an {@code error} event when an event stream has already begun. */
    private static void reply(Context ctx, int status, String message, int retryAfterSeconds) {
        ApiError error = ApiError.of(status, message);
        Optional<SseWriter> stream = SseWriter.started(ctx);
        if (stream.isPresent()) {
            stream.get().sendQuietly("error", error.error());
            return;
        }
        if (retryAfterSeconds > 0) {
            ctx.header("Retry-After", String.valueOf(retryAfterSeconds));
        }
        ctx.status(status).json(error);
    }

    private static String messageFor(HttpResponseException e, Context ctx) {
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
