package mltutor.web;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Bad requests against every endpoint of the real server over raw HTTP (so malformed requests reach the server as
 * sent): each must be refused with a 4xx whose body is the API's JSON error, with its status and a message, no
 * Java type or package names and no HTML, and with the security headers.
 */
class ProbeSuiteTest {
    @RegisterExtension
    static final ServerFixture SERVER = new ServerFixture();

    /** Every endpoint, as in ApiServer.routes and openapi.json (OpenApiTest keeps those two equal). */
    static final List<String> GET_ROUTES = List.of("/api/health", "/api/limits", "/api/sections", "/api/questions",
            "/api/questions/kv-cache", "/api/search?q=attention", "/openapi.json");
    static final List<String> POST_ROUTES = List.of("/api/search", "/api/ask", "/api/ask/stream", "/api/draft",
            "/api/followups", "/api/feedback", "/api/interview/next", "/api/interview/summary");

    /** A raw HTTP exchange: the request exactly as written, the response as read until the server closes. */
    record Raw(int status, String headers, String body) {
        String header(String name) {
            for (String line : headers.split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).equalsIgnoreCase(name)) {
                    return line.substring(colon + 1).strip();
                }
            }
            return null;
        }
    }

    record Probe(String name, String request, int expected) {
    }

    static Raw send(int port, String request) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            var buffer = new ByteArrayOutputStream();
            in.transferTo(buffer);
            String text = buffer.toString(StandardCharsets.UTF_8);
            int split = text.indexOf("\r\n\r\n");
            String head = split < 0 ? text : text.substring(0, split);
            String body = split < 0 ? "" : text.substring(split + 4);
            int status = Integer.parseInt(head.substring(9, 12));
            if ("chunked".equalsIgnoreCase(new Raw(status, head, "").header("Transfer-Encoding"))) {
                body = unchunk(body);
            }
            return new Raw(status, head, body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String unchunk(String body) {
        var out = new StringBuilder();
        int i = 0;
        while (i < body.length()) {
            int eol = body.indexOf("\r\n", i);
            if (eol < 0) {
                break;
            }
            int size = Integer.parseInt(body.substring(i, eol).strip(), 16);
            if (size == 0) {
                break;
            }
            out.append(body, eol + 2, eol + 2 + size);
            i = eol + 2 + size + 2;
        }
        return out.toString();
    }

    static String post(String path, String contentType, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                + (contentType == null ? "" : "Content-Type: " + contentType + "\r\n")
                + "Content-Length: " + bytes.length + "\r\n\r\n" + new String(bytes, StandardCharsets.ISO_8859_1);
    }

    static String json(String path, String body) {
        return post(path, "application/json", body);
    }

    static String get(String pathAndQuery, String extraHeaders) {
        return "GET " + pathAndQuery + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n" + extraHeaders + "\r\n";
    }

    static String method(String method, String path) {
        return method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nContent-Length: 0\r\n\r\n";
    }

    /** Every probe and the status it must get; 0 means any 4xx. */
    static List<Probe> probes() {
        var probes = new ArrayList<Probe>();
        for (String path : POST_ROUTES) {
            probes.add(new Probe("text/plain " + path, post(path, "text/plain", "{\"q\":\"x\"}"), 415));
            probes.add(new Probe("no content type " + path, post(path, null, "{\"q\":\"x\"}"), 415));
            probes.add(new Probe("form " + path, post(path, "application/x-www-form-urlencoded", "q=x"), 415));
            probes.add(new Probe("PUT " + path, method("PUT", path), 405));
            probes.add(new Probe("DELETE " + path, method("DELETE", path), 405));
            probes.add(new Probe("malformed " + path, json(path, "{\"q\":"), 400));
            probes.add(new Probe("trailing garbage " + path, json(path, "{} x"), 400));
            probes.add(new Probe("two objects " + path, json(path, "{}{}"), 400));
            probes.add(new Probe("array body " + path, json(path, "[]"), 400));
            probes.add(new Probe("string body " + path, json(path, "\"x\""), 400));
            probes.add(new Probe("null body " + path, json(path, "null"), 400));
            probes.add(new Probe("number body " + path, json(path, "123"), 400));
            probes.add(new Probe("empty body " + path, json(path, ""), 400));
            String badUtf8 = "{\"q\":\"\u00ff\u00fe\",\"question\":\"\u00c3(\"}"; // sent as these bytes, not UTF-8
            probes.add(new Probe("bad UTF-8 body " + path, "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Connection: close\r\nContent-Type: application/json\r\nContent-Length: " + badUtf8.length()
                    + "\r\n\r\n" + badUtf8, 400));
        }
        for (String path : GET_ROUTES) {
            probes.add(new Probe("DELETE " + path, method("DELETE", path), 405));
            probes.add(new Probe("PATCH " + path, method("PATCH", path), 405));
            probes.add(new Probe("evil Host " + path, get(path, "").replace("Host: 127.0.0.1", "Host: evil.example"), 403));
        }
        // Wrong JSON types: refused, not coerced.
        probes.add(new Probe("q number", json("/api/search", "{\"q\":123}"), 400));
        probes.add(new Probe("k string", json("/api/search", "{\"q\":\"attention\",\"k\":\"5\"}"), 400));
        probes.add(new Probe("k float", json("/api/search", "{\"q\":\"attention\",\"k\":5.7}"), 400));
        probes.add(new Probe("k bool", json("/api/search", "{\"q\":\"attention\",\"k\":true}"), 400));
        probes.add(new Probe("mode object", json("/api/search", "{\"q\":\"attention\",\"mode\":{}}"), 400));
        probes.add(new Probe("question number", json("/api/ask", "{\"question\":12}"), 400));
        probes.add(new Probe("history string", json("/api/ask", "{\"question\":\"x\",\"history\":\"no\"}"), 400));
        probes.add(new Probe("history item number", json("/api/ask", "{\"question\":\"x\",\"history\":[1]}"), 400));
        probes.add(new Probe("history role number", json("/api/ask/stream",
                "{\"question\":\"x\",\"history\":[{\"role\":1,\"content\":\"c\"}]}"), 400));
        probes.add(new Probe("answer number", json("/api/feedback", "{\"id\":\"kv-cache\",\"answer\":12}"), 400));
        probes.add(new Probe("id list", json("/api/feedback", "{\"id\":[\"kv-cache\"],\"answer\":\"a\"}"), 400));
        probes.add(new Probe("difficulty strings", json("/api/interview/next", "{\"difficulty\":[\"1\"]}"), 400));
        probes.add(new Probe("seed float", json("/api/interview/next", "{\"seed\":1.5}"), 400));
        probes.add(new Probe("sections string", json("/api/interview/next", "{\"sections\":\"Transformers\"}"), 400));
        probes.add(new Probe("score string", json("/api/interview/summary",
                "{\"turns\":[{\"id\":\"kv-cache\",\"score\":\"50\"}]}"), 400));
        probes.add(new Probe("turn number", json("/api/interview/summary", "{\"turns\":[5]}"), 400));
        probes.add(new Probe("draft question bool", json("/api/draft", "{\"question\":true}"), 400));
        probes.add(new Probe("followups id number", json("/api/followups", "{\"id\":7}"), 400));
        // Jetty-level refusals.
        probes.add(new Probe("bad percent path", get("/api/questions/%zz", ""), 400));
        probes.add(new Probe("bad UTF-8 path", get("/api/questions/%ff%fe", ""), 0));
        probes.add(new Probe("encoded dot-dot", get("/api/%2e%2e/%2e%2e/etc/passwd", ""), 0));
        probes.add(new Probe("encoded slash", get("/api/questions/a%2fb", ""), 0));
        probes.add(new Probe("long URI", get("/api/search?q=" + "a".repeat(20_000), ""), 414));
        probes.add(new Probe("big header", get("/api/health", "X-Big: " + "b".repeat(20_000) + "\r\n"), 431));
        probes.add(new Probe("bad Content-Length", "POST /api/search HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                + "Content-Type: application/json\r\nContent-Length: abc\r\n\r\n{}", 400));
        probes.add(new Probe("negative Content-Length", "POST /api/search HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Connection: close\r\nContent-Type: application/json\r\nContent-Length: -5\r\n\r\n{}", 400));
        probes.add(new Probe("unknown endpoint", get("/api/nope", ""), 404));
        probes.add(new Probe("bad k query", get("/api/search?q=x&k=5.7", ""), 400));
        return probes;
    }

    @TestFactory
    Stream<DynamicTest> everyProbeGetsAJsonClientError() {
        int port = SERVER.port();
        return probes().stream().map(p -> DynamicTest.dynamicTest(p.name(), () -> assertJsonError(p, send(port, p.request()))));
    }

    static void assertJsonError(Probe p, Raw r) {
        String where = p.name() + " -> " + r.status() + " " + r.body();
        if (p.expected() == 0) {
            assertTrue(r.status() >= 400 && r.status() < 500, where);
        } else {
            assertEquals(p.expected(), r.status(), where);
        }
        String type = r.header("Content-Type");
        assertNotNull(type, where);
        assertTrue(type.toLowerCase(Locale.ROOT).startsWith("application/json"), "JSON, not " + type + ": " + where);
        JsonNode error;
        try {
            error = new ObjectMapper().readTree(r.body()).get("error");
        } catch (IOException e) {
            throw new AssertionError("body is not JSON: " + where, e);
        }
        assertNotNull(error, where);
        assertEquals(r.status(), error.get("status").asInt(), where);
        assertFalse(error.get("message").asText().isBlank(), where);
        for (String leak : List.of("java.", "mltutor.", "Cannot deserialize", "jackson", "<html", "<body", "Exception")) {
            assertFalse(r.body().contains(leak), "'" + leak + "' in " + where);
        }
        assertEquals("nosniff", r.header("X-Content-Type-Options"), where);
        assertNotNull(r.header("Content-Security-Policy"), where);
    }
}
