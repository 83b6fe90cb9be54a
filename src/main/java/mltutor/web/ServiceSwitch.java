package mltutor.web;

import io.javalin.http.Handler;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The services a running server answers with, replaced in one atomic step when {@code serve --watch} has built
 * the index of a changed corpus: a request is handled entirely by the services that were current when it
 * started, and requests never wait for a rebuild.
 */
public final class ServiceSwitch {
    private final AtomicReference<Map<String, Handler>> handlers = new AtomicReference<>();

    public ServiceSwitch(ApiServices initial) {
        switchTo(initial);
    }

    /** From now on, requests are answered by {@code next}. */
    public void switchTo(ApiServices next) {
        var byRoute = new HashMap<String, Handler>();
        ApiServer.routes(next).forEach(r -> byRoute.put(key(r), r.handler()));
        handlers.set(Map.copyOf(byRoute));
    }

    /** The routes to register once: each hands its request to the same route of the current services. */
    List<ApiRoute> routes(ApiServices any) {
        return ApiServer.routes(any).stream()
                .map(r -> new ApiRoute(r.method(), r.path(), ctx -> handlers.get().get(key(r)).handle(ctx)))
                .toList();
    }

    private static String key(ApiRoute r) {
        return r.method() + " " + r.path();
    }
}
