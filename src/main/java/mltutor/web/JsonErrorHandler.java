package mltutor.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's own errors, the ones refused before any route runs (a bad path or bad UTF-8, a URI or headers too
 * large, a malformed Content-Length), in the API's JSON shape {@code {"error":{"status":..,"message":..}}} and with
 * the security headers, instead of Jetty's HTML page.
 */
final class JsonErrorHandler extends ErrorHandler {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Jetty's reasons are short English phrases; anything else is not echoed. */
    private static final Pattern PLAIN_REASON = Pattern.compile("[A-Za-z0-9 ,:'()-]{1,120}");

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
                                    Callback callback) {
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        RequestGuard.SECURITY_HEADERS.forEach((name, value) -> response.getHeaders().put(name, value));
        response.write(true, ByteBuffer.wrap(body(code, message)), callback);
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(HttpHeader.CONTENT_TYPE, "application/json");
        RequestGuard.SECURITY_HEADERS.forEach(fields::put);
        return ByteBuffer.wrap(body(status, reason));
    }

    static byte[] body(int status, String reason) {
        try {
            return JSON.writeValueAsString(ApiError.of(status, message(status, reason))).getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String message(int status, String reason) {
        String detail = reason != null && PLAIN_REASON.matcher(reason).matches() ? ": " + reason : "";
        return switch (status) {
            case 400 -> "malformed request" + detail;
            case 404 -> "not found";
            case 405 -> "method not allowed";
            case 413 -> "request body too large; the limit is " + ApiServer.MAX_REQUEST_BYTES + " bytes";
            case 414 -> "request URI too long";
            case 431 -> "request headers too large";
            case 500 -> "internal error; the server log has details";
            default -> status >= 500 ? "server error" : "request refused" + detail;
        };
    }
}
