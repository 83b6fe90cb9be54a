package mltutor.web;

import io.javalin.http.Context;

/** Reads and validates query parameters, turning bad values into 400s with a clear message. */
final class Params {
    private Params() {
    }

    static String requiredText(Context ctx, String name, int maxChars) {
        String v = ctx.queryParam(name);
        if (v == null || v.isBlank()) {
            throw ApiException.badRequest("query parameter '" + name + "' is required and must not be blank");
        }
        return checkLength(name, v.strip(), maxChars);
    }

    static String optionalText(Context ctx, String name, int maxChars) {
        String v = ctx.queryParam(name);
        return v == null || v.isBlank() ? null : checkLength(name, v.strip(), maxChars);
    }

    static String checkLength(String name, String v, int maxChars) {
        if (v.length() > maxChars) {
            throw ApiException.badRequest("'" + name + "' is " + v.length() + " characters; the limit is " + maxChars);
        }
        return v;
    }

    static int intInRange(Context ctx, String name, int fallback, int min, int max) {
        String v = ctx.queryParam(name);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        try {
            int i = Integer.parseInt(v.strip());
            if (i >= min && i <= max) {
                return i;
            }
        } catch (NumberFormatException e) {
            // falls through to the error below
        }
        throw ApiException.badRequest("'" + name + "' must be an integer from " + min + " to " + max + ", got '" + v + "'");
    }
}
