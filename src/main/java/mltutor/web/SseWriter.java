package mltutor.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Writes server-sent events to a POST response. Nothing is committed until the first event, so a request
 * that fails validation or finds the service busy still gets a plain JSON error with the right status.
 * Every event's data is one line of JSON. Once the client has gone, sends fail fast with
 * {@link ClientGoneException}, which stops generation.
 */
final class SseWriter {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ATTRIBUTE = SseWriter.class.getName();

    private final Context ctx;
    private OutputStream out;
    private boolean gone;

    private SseWriter(Context ctx) {
        this.ctx = ctx;
    }

    /** A writer for this request's response, which the error boundary finds again through {@link #started}. */
    static SseWriter on(Context ctx) {
        var writer = new SseWriter(ctx);
        ctx.attribute(ATTRIBUTE, writer);
        return writer;
    }

    /** This request's event stream if it has sent its first event: from then on, an error can only be an event. */
    static Optional<SseWriter> started(Context ctx) {
        return ctx.<Object>attribute(ATTRIBUTE) instanceof SseWriter w && w.started() ? Optional.of(w) : Optional.empty();
    }

    private synchronized boolean started() {
        return out != null;
    }

    synchronized void send(String event, Object data) {
        if (gone) {
            throw new ClientGoneException(new IOException("the client closed the stream"));
        }
        try {
            if (out == null) {
                var res = ctx.res();
                res.setStatus(200);
                res.setContentType("text/event-stream;charset=utf-8");
                res.setHeader("Cache-Control", "no-cache");
                res.setHeader("X-Accel-Buffering", "no");
                out = res.getOutputStream();
            }
            out.write(("event: " + event + "\ndata: " + json(data) + "\n\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException e) {
            // Jetty's EofException and its kin: writing to a connection the client has closed.
            gone = true;
            throw new ClientGoneException(e);
        }
    }

    /** Sends an event unless the client has gone; for the last events, where nobody is left to stop. */
    void sendQuietly(String event, Object data) {
        try {
            send(event, data);
        } catch (ClientGoneException e) {
            // the client disconnected; nothing to tell it
        }
    }

    private static String json(Object data) {
        try {
            return JSON.writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise an event", e);
        }
    }
}
