package mltutor.index;

import java.io.PrintStream;

/** Prints build progress to the console, but only for builds that take more than a moment. */
public final class ConsoleProgress implements IndexLoader.Progress {
    private static final long QUIET_NANOS = 1_000_000_000L;
    private static final long EVERY_NANOS = 500_000_000L;

    private final PrintStream out;
    private final long start = System.nanoTime();
    private long lastPrinted;

    public ConsoleProgress(PrintStream out) {
        this.out = out;
    }

    @Override
    public synchronized void update(int done, int total) {
        long now = System.nanoTime();
        boolean finished = done >= total;
        if (now - start < QUIET_NANOS || (!finished && now - lastPrinted < EVERY_NANOS)) {
            return;
        }
        lastPrinted = now;
        double seconds = (now - start) / 1e9;
        out.printf("indexing: %d/%d chunks embedded (%.0f chunks/s)%n", done, total, done / seconds);
    }
}
