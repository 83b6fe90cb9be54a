package mltutor.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A local stand-in for an LLM server that speaks the real wire protocols: OpenAI chat completions
 * ({@code POST /v1/chat/completions}, JSON or SSE chunks ending in {@code [DONE]}) and Ollama chat
 * ({@code POST /api/chat}, JSON or NDJSON ending with {@code "done": true}). The real LangChain4j clients
 * talk to it. It records every request, and tests script its replies.
 */
public final class StubLlmServer implements AutoCloseable, BeforeEachCallback, AfterAllCallback {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** How long a stalled stream stays silent: longer than any client timeout a test sets. */
    static final long STALL_MILLIS = 5_000;
    /** How long the misbehaving replies below keep a connection busy: far past any deadline a test sets. */
    static final long HANG_MILLIS = 60_000;

    /** A request as received: path, headers (lower-case names) and the parsed JSON body. */
    public record Request(String path, Map<String, List<String>> headers, JsonNode body) {
        public boolean streaming() {
            return body.path("stream").asBoolean(false);
        }

        public String header(String name) {
            List<String> v = headers.get(name.toLowerCase(java.util.Locale.ROOT));
            return v == null || v.isEmpty() ? null : v.get(0);
        }

        public List<JsonNode> messages(String role) {
            var out = new ArrayList<JsonNode>();
            body.path("messages").forEach(m -> {
                if (m.path("role").asText().equals(role)) {
                    out.add(m);
                }
            });
            return out;
        }

        /** The text of all messages with a role; content may be a string or (OpenAI) a list of parts. */
        public String text(String role) {
            var sb = new StringBuilder();
            for (JsonNode m : messages(role)) {
                JsonNode c = m.path("content");
                if (c.isTextual()) {
                    sb.append(c.asText()).append('\n');
                } else {
                    c.forEach(part -> sb.append(part.path("text").asText()).append('\n'));
                }
            }
            return sb.toString();
        }
    }

    /** What the stub does with one request. */
    public sealed interface Reply {
        /** Answers with this text, streamed in word pieces when the client asked for a stream. */
        record Text(String text, long delayMillis, long tokenDelayMillis) implements Reply {
        }

        /** An HTTP error status with an error body. */
        record Status(int status) implements Reply {
        }

        /** A 200 whose body is not the protocol's JSON. */
        record Malformed() implements Reply {
        }

        /** Streams a few tokens, then goes silent for {@link #STALL_MILLIS} without finishing the stream. */
        record StallMidStream(String firstTokens) implements Reply {
        }

        /** Sends the response headers (200, the protocol's content type), then nothing for {@link #HANG_MILLIS}. */
        record HeadersThenStall() implements Reply {
        }

        /**
         * Sends the headers at once, then drips: a blocking reply's JSON one byte per {@code millis}, a stream one
         * token per {@code millis}, never finishing within {@link #HANG_MILLIS}. No single wait is long.
         */
        record Drip(long millis) implements Reply {
        }

        /** Reads the request and never answers: no status line, no headers, for {@link #HANG_MILLIS}. */
        record NeverAnswer() implements Reply {
        }

        static Reply text(String text) {
            return new Text(text, 0, 0);
        }

        static Reply slow(String text, long delayMillis) {
            return new Text(text, delayMillis, 0);
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "stub-llm");
        t.setDaemon(true);
        return t;
    });
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final ConcurrentLinkedQueue<Reply> queued = new ConcurrentLinkedQueue<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    private final AtomicInteger dripping = new AtomicInteger();
    private volatile Function<Request, Reply> script = r -> Reply.text("A stub answer [1].");

    public StubLlmServer() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 200);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/v1/chat/completions", ex -> handle(ex, true));
        server.createContext("/api/chat", ex -> handle(ex, false));
        server.setExecutor(executor);
        server.start();
    }

    public String openAiUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    public String ollamaUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Replies computed from each request (used when nothing is queued). */
    public void script(Function<Request, Reply> script) {
        this.script = script;
    }

    /** Replies used once each, in order, before the script. */
    public void enqueue(Reply... replies) {
        queued.addAll(List.of(replies));
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    public Request lastRequest() {
        return requests.get(requests.size() - 1);
    }

    /** Drip replies still being written: one ends when its client closes the connection. */
    public int dripping() {
        return dripping.get();
    }

    public int maxInFlight() {
        return maxInFlight.get();
    }

    public void reset() {
        requests.clear();
        queued.clear();
        maxInFlight.set(0);
        script = r -> Reply.text("A stub answer [1].");
    }

    private void handle(HttpExchange ex, boolean openAi) throws IOException {
        int now = inFlight.incrementAndGet();
        maxInFlight.accumulateAndGet(now, Math::max);
        try (ex) {
            JsonNode body = JSON.readTree(ex.getRequestBody().readAllBytes());
            var headers = new java.util.HashMap<String, List<String>>();
            ex.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(java.util.Locale.ROOT), List.copyOf(v)));
            var request = new Request(ex.getRequestURI().getPath(), headers, body);
            requests.add(request);
            Reply queuedReply = queued.poll();
            Reply reply = queuedReply != null ? queuedReply : script.apply(request);
            respond(ex, openAi, request, reply);
        } catch (IOException e) {
            // the client went away (a timeout on its side); nothing more to send
        } finally {
            inFlight.decrementAndGet();
        }
    }

    private void respond(HttpExchange ex, boolean openAi, Request request, Reply reply) throws IOException {
        String model = request.body().path("model").asText();
        if (reply instanceof Reply.Status s) {
            send(ex, s.status(), "application/json",
                    "{\"error\":{\"message\":\"stub error " + s.status() + "\",\"type\":\"server_error\"}}");
        } else if (reply instanceof Reply.Malformed) {
            send(ex, 200, "application/json", "{\"this is\": not json");
        } else if (reply instanceof Reply.Text t) {
            sleep(t.delayMillis());
            if (!request.streaming()) {
                send(ex, 200, "application/json",
                        (openAi ? completion(model, t.text()) : ollamaReply(model, t.text(), true)).toString());
            } else {
                stream(ex, openAi, model, pieces(t.text()), t.tokenDelayMillis(), true);
            }
        } else if (reply instanceof Reply.StallMidStream b) {
            stream(ex, openAi, model, pieces(b.firstTokens()), 0, false);
        } else if (reply instanceof Reply.HeadersThenStall) {
            ex.getResponseHeaders().set("Content-Type", contentType(openAi, request.streaming()));
            ex.sendResponseHeaders(200, 0);
            ex.getResponseBody().flush();
            sleep(HANG_MILLIS);
        } else if (reply instanceof Reply.Drip d) {
            drip(ex, openAi, model, request.streaming(), d.millis());
        } else if (reply instanceof Reply.NeverAnswer) {
            sleep(HANG_MILLIS);
        }
    }

    private static String contentType(boolean openAi, boolean streaming) {
        return !streaming ? "application/json" : openAi ? "text/event-stream" : "application/x-ndjson";
    }

    private void drip(HttpExchange ex, boolean openAi, String model, boolean streaming, long millis) throws IOException {
        ex.getResponseHeaders().set("Content-Type", contentType(openAi, streaming));
        ex.sendResponseHeaders(200, 0);
        dripping.incrementAndGet();
        try {
            dripTo(ex.getResponseBody(), openAi, model, streaming, millis);
        } finally {
            dripping.decrementAndGet();
        }
    }

    private static void dripTo(OutputStream out, boolean openAi, String model, boolean streaming, long millis)
            throws IOException {
        long end = System.currentTimeMillis() + HANG_MILLIS;
        if (!streaming) {
            // Whitespace before a JSON value is still JSON: the body keeps arriving and never ends in time.
            while (System.currentTimeMillis() < end && !Thread.currentThread().isInterrupted()) {
                out.write(' ');
                out.flush();
                sleep(millis);
            }
            return;
        }
        while (System.currentTimeMillis() < end && !Thread.currentThread().isInterrupted()) {
            String line = openAi ? "data: " + chunk(model, "drip ", null) + "\n\n" : ollamaReply(model, "drip ", false) + "\n";
            out.write(line.getBytes(StandardCharsets.UTF_8));
            out.flush();
            sleep(millis);
        }
    }

    private void stream(HttpExchange ex, boolean openAi, String model, List<String> tokens, long tokenDelay, boolean finish)
            throws IOException {
        ex.getResponseHeaders().set("Content-Type", openAi ? "text/event-stream" : "application/x-ndjson");
        ex.sendResponseHeaders(200, 0);
        OutputStream out = ex.getResponseBody();
        for (String token : tokens) {
            sleep(tokenDelay);
            String line = openAi ? "data: " + chunk(model, token, null) + "\n\n" : ollamaReply(model, token, false) + "\n";
            out.write(line.getBytes(StandardCharsets.UTF_8));
            out.flush();
        }
        if (!finish) {
            sleep(STALL_MILLIS);
            return;
        }
        if (openAi) {
            out.write(("data: " + chunk(model, null, "stop") + "\n\n").getBytes(StandardCharsets.UTF_8));
            out.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
        } else {
            ObjectNode last = ollamaReply(model, "", true);
            out.write((last + "\n").getBytes(StandardCharsets.UTF_8));
        }
        out.flush();
    }

    private static ObjectNode completion(String model, String text) {
        ObjectNode r = JSON.createObjectNode().put("id", "chatcmpl-stub").put("object", "chat.completion")
                .put("created", 1_700_000_000L).put("model", model);
        ObjectNode choice = r.putArray("choices").addObject().put("index", 0);
        choice.putObject("message").put("role", "assistant").put("content", text);
        choice.put("finish_reason", "stop");
        r.putObject("usage").put("prompt_tokens", 10).put("completion_tokens", 5).put("total_tokens", 15);
        return r;
    }

    private static ObjectNode chunk(String model, String token, String finish) {
        ObjectNode r = JSON.createObjectNode().put("id", "chatcmpl-stub").put("object", "chat.completion.chunk")
                .put("created", 1_700_000_000L).put("model", model);
        ArrayNode choices = r.putArray("choices");
        ObjectNode choice = choices.addObject().put("index", 0);
        ObjectNode delta = choice.putObject("delta");
        if (token != null) {
            delta.put("content", token);
        }
        if (finish == null) {
            choice.putNull("finish_reason");
        } else {
            choice.put("finish_reason", finish);
        }
        return r;
    }

    private static ObjectNode ollamaReply(String model, String text, boolean done) {
        ObjectNode r = JSON.createObjectNode().put("model", model).put("created_at", "2026-01-01T00:00:00Z");
        r.putObject("message").put("role", "assistant").put("content", text);
        r.put("done", done);
        if (done) {
            r.put("done_reason", "stop").put("prompt_eval_count", 10).put("eval_count", 5);
        }
        return r;
    }

    static List<String> pieces(String text) {
        return List.of(text.split("(?<= )"));
    }

    private static void send(HttpExchange ex, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", type);
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
    }

    private static void sleep(long millis) {
        if (millis > 0) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** As a registered extension: each test starts with no scripted replies and no recorded requests. */
    @Override
    public void beforeEach(ExtensionContext context) {
        reset();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
