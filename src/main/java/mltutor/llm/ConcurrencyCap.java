package mltutor.llm;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Bounds how many requests use the LLM at once. A request past the cap waits (fairly, in arrival order) up
 * to the queue wait, then gets {@link LlmBusyException}: a clean 503 instead of an ever-growing queue.
 */
public final class ConcurrencyCap {
    private final Semaphore slots;
    private final int max;
    private final Duration wait;

    public ConcurrencyCap(int max, Duration wait) {
        this.slots = new Semaphore(max, true);
        this.max = max;
        this.wait = wait;
    }

    /** A held slot; closing it frees the slot exactly once. */
    public final class Permit implements AutoCloseable {
        private boolean released;

        private Permit() {
        }

        @Override
        public synchronized void close() {
            if (!released) {
                released = true;
                slots.release();
            }
        }
    }

    public Permit acquire() {
        try {
            if (slots.tryAcquire(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                return new Permit();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw new LlmBusyException(retryAfterSeconds());
    }

    /** A slot if one is free now, without waiting (for a step that has a cheaper way to do its work). */
    public Optional<Permit> tryAcquire() {
        return slots.tryAcquire() ? Optional.of(new Permit()) : Optional.empty();
    }

    /** A client that waited the whole queue wait in vain should back off about as long again. */
    int retryAfterSeconds() {
        return (int) Math.max(1, Math.min(120, (wait.toMillis() + 999) / 1000));
    }

    public int inUse() {
        return max - slots.availablePermits();
    }

    public int max() {
        return max;
    }
}
