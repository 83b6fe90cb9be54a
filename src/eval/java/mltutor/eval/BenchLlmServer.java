package mltutor.eval;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * For benchmarks only: an OpenAI-compatible chat-completions endpoint on localhost that answers every request
 * with the same cited sentence after a fixed delay, so the service's own overhead can be measured against a
 * model of known speed. Not used by the service itself.
 */
public final class BenchLlmServer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "bench-llm");
        t.setDaemon(true);
        return t;
    });

    public BenchLlmServer(long delayMillis) throws IOException {
        // Without TCP_NODELAY the JDK server's separate header and body writes meet the client's delayed ACK,
        // adding ~40 ms to every "instant" reply; read once, when the first server is created.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 256);
        server.createContext("/v1/chat/completions", ex -> {
            try (ex) {
                String model = JSON.readTree(ex.getRequestBody().readAllBytes()).path("model").asText("bench");
                if (delayMillis > 0) {
                    Thread.sleep(delayMillis);
                }
                ObjectNode r = JSON.createObjectNode().put("id", "bench").put("object", "chat.completion")
                        .put("created", 0).put("model", model);
                ObjectNode choice = r.putArray("choices").addObject().put("index", 0);
                choice.putObject("message").put("role", "assistant")
                        .put("content", "The retrieved sources answer this directly [1], with more detail in [2].");
                choice.put("finish_reason", "stop");
                byte[] body = r.toString().getBytes(StandardCharsets.UTF_8);
                ex.getResponseHeaders().set("Content-Type", "application/json");
                ex.sendResponseHeaders(200, body.length);
                ex.getResponseBody().write(body);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        server.setExecutor(executor);
        server.start();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
