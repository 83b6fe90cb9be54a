package mltutor.web;

/** A request the API refuses; becomes {@code {"error":{"status":..,"message":..}}} with that status. */
public final class ApiException extends RuntimeException {
    private final int status;
    private final int retryAfterSeconds;

    public ApiException(int status, String message) {
        this(status, message, 0);
    }

    /** @param retryAfterSeconds sent as the Retry-After header when positive */
    public ApiException(int status, String message, int retryAfterSeconds) {
        super(message);
        this.status = status;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public int status() {
        return status;
    }

    public int retryAfterSeconds() {
        return retryAfterSeconds;
    }

    public static ApiException badRequest(String message) {
        return new ApiException(400, message);
    }

    public static ApiException notFound(String message) {
        return new ApiException(404, message);
    }
}
