package mltutor.web;

import io.javalin.http.Handler;
import io.javalin.http.HandlerType;

/** One API endpoint. The server registers exactly these, and a test checks them against /openapi.json. */
public record ApiRoute(HandlerType method, String path, Handler handler) {
    public static ApiRoute get(String path, Handler handler) {
        return new ApiRoute(HandlerType.GET, path, handler);
    }

    public static ApiRoute post(String path, Handler handler) {
        return new ApiRoute(HandlerType.POST, path, handler);
    }
}
