package mltutor.llm;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The end of one LLM call's time budget, shared by all its attempts and backoffs. Waiting past it cancels what
 * is waited for and fails with a reason that names the limit.
 */
final class Deadline {
    private final Duration budget;
    private final long end;

    private Deadline(Duration budget) {
        this.budget = budget;
        this.end = System.nanoTime() + budget.toNanos();
    }

    static Deadline after(Duration budget) {
        return new Deadline(budget);
    }

    long remainingNanos() {
        return Math.max(0, end - System.nanoTime());
    }

    /** The failure once the budget is spent; not retryable, as no time is left for another attempt. */
    LlmFailure passed() {
        return new LlmFailure("the LLM did not answer within the " + seconds(budget) + " s time limit", false);
    }

    /** The call's result, or its own exception; past the deadline the call is cancelled, interrupting its thread. */
    <T> T await(Future<T> call) {
        try {
            return call.get(remainingNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            call.cancel(true);
            throw passed();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(cause);
        } catch (InterruptedException e) {
            call.cancel(true);
            Thread.currentThread().interrupt();
            throw new LlmFailure("interrupted while waiting for the LLM", false, e);
        }
    }

    /** "40" or "0.5": whole seconds without a fraction. */
    static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? Long.toString(d.toSeconds()) : Double.toString(d.toMillis() / 1000.0);
    }
}
