package mltutor.web;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;

/**
 * One API endpoint. The server registers exactly these, and a test checks them against /openapi.json. A route
 * holds no services: its handler is given the services that were current when the request arrived, so the routes
 * exist before the services do (the server answers while the index opens) and across a corpus reload.
 */
public record ApiRoute(HandlerType method, String path, Handler handler) {
    /** Handles one request with the services it was given. */
    @FunctionalInterface
    public interface Handler {
        void handle(Context ctx, ApiServices services) throws Exception;
    }

    public static ApiRoute get(String path, Handler handler) {
        return new ApiRoute(HandlerType.GET, path, handler);
    }

    public static ApiRoute post(String path, Handler handler) {
        return new ApiRoute(HandlerType.POST, path, handler);
    }
}
