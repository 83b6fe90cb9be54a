package mltutor.web;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The services a running server answers with. The server starts before they are ready ({@code tutor serve} opens
 * the port while the model loads and the index opens), and {@code serve --watch} replaces them in one atomic step
 * when it has built the index of a changed corpus: a request is handled entirely by the services that were current
 * when it started, and requests never wait for a start or a rebuild.
 */
public final class ServiceSwitch {
    /** How long a client is told to wait before asking again while the service starts. */
    static final int STARTING_RETRY_SECONDS = 1;

    private final AtomicReference<Optional<ApiServices>> current = new AtomicReference<>(Optional.empty());

    /** A switch with no services yet: every API request is answered 503 until {@link #switchTo} is called. */
    public ServiceSwitch() {
    }

    public ServiceSwitch(ApiServices initial) {
        switchTo(initial);
    }

    /** From now on, requests are answered by {@code next}. */
    public void switchTo(ApiServices next) {
        current.set(Optional.of(next));
    }

    /** The services for a request arriving now; 503 with Retry-After while the service is still starting. */
    ApiServices current() {
        return current.get().orElseThrow(() -> new ApiException(503, "the tutor is starting (loading the model and"
                + " opening the index); try again in a moment", STARTING_RETRY_SECONDS));
    }
}
