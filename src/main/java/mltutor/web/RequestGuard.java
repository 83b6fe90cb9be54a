package mltutor.web;

import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import mltutor.config.ServerAccess;

/**
 * Checks every request before it reaches a route or a static file: the security headers go on every response, the
 * {@code Host} header must name this service (against DNS rebinding), API calls carry the bearer token when one is
 * configured, and a POST must declare a JSON body (a cross-site form or {@code text/plain} fetch cannot, without a
 * CORS preflight this server never answers).
 */
final class RequestGuard {
    /**
     * Sent with every response. Scripts only from this origin (the page has no inline script); KaTeX sets sizes in
     * inline {@code style} attributes, so styles allow 'unsafe-inline' (styles cannot run code).
     */
    static final Map<String, String> SECURITY_HEADERS = Map.of(
            "Content-Security-Policy", "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
                    + "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; object-src 'none'; "
                    + "base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
            "X-Content-Type-Options", "nosniff",
            "X-Frame-Options", "DENY",
            "Referrer-Policy", "no-referrer");
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private final ServerAccess access;

    RequestGuard(ServerAccess access) {
        this.access = access;
    }

    void check(Context ctx) {
        SECURITY_HEADERS.forEach(ctx::header);
        checkHost(ctx.header("Host"));
        boolean api = ctx.path().startsWith("/api/") || ctx.path().equals("/openapi.json");
        if (api && access.apiToken().isPresent()) {
            checkToken(ctx.header("Authorization"), access.apiToken().get());
        }
        if (api && ctx.method().name().equals("POST") && !isJson(ctx.contentType())) {
            throw new ApiException(415, "a POST body must be JSON: send 'Content-Type: application/json'"
                    + (ctx.contentType() == null ? "" : ", not '" + shorten(ctx.contentType()) + "'"));
        }
    }

    /**
     * A rebinding attack reaches this server under the attacker's DNS name; IP addresses and loopback names cannot
     * be rebound, so those pass, and any other name must be configured.
     */
    private void checkHost(String hostHeader) {
        if (hostHeader == null || hostHeader.isBlank()) {
            return; // HTTP/1.0 without Host: no name to rebind
        }
        String host = hostName(hostHeader.strip().toLowerCase(Locale.ROOT));
        boolean allowed = host.equals("localhost") || host.endsWith(".localhost") || host.startsWith("[")
                || IPV4.matcher(host).matches() || access.allowedHosts().contains(host);
        if (!allowed) {
            throw new ApiException(403, "host '" + shorten(host) + "' is not allowed; open the page by IP address"
                    + " or localhost, or add the name to TUTOR_ALLOWED_HOSTS");
        }
    }

    private static String hostName(String hostAndPort) {
        if (hostAndPort.startsWith("[")) {
            int end = hostAndPort.indexOf(']');
            return end < 0 ? hostAndPort : hostAndPort.substring(0, end + 1);
        }
        int colon = hostAndPort.lastIndexOf(':');
        return colon < 0 ? hostAndPort : hostAndPort.substring(0, colon);
    }

    private static void checkToken(String authorization, String token) {
        String sent = Optional.ofNullable(authorization)
                .filter(a -> a.regionMatches(true, 0, "Bearer ", 0, 7))
                .map(a -> a.substring(7).strip())
                .orElse("");
        // Constant time, so the token cannot be found a byte at a time from response times.
        if (!MessageDigest.isEqual(sent.getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8))) {
            throw new ApiException(401, "this server needs its API token: send 'Authorization: Bearer <token>', or"
                    + " open the page with the link printed at start");
        }
    }

    private static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        int semicolon = contentType.indexOf(';');
        String media = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip();
        return media.equalsIgnoreCase("application/json");
    }

    private static String shorten(String s) {
        return s.length() > 80 ? s.substring(0, 80) + "…" : s;
    }
}
