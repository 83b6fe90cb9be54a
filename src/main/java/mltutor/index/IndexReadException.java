package mltutor.index;

import java.io.IOException;
import java.util.Optional;

/**
 * The search index could not be read: Lucene failed with an I/O error, or the index was closed under a search.
 * The message says what failed and is meant for the person who sees it (the API answers it with a 500); the
 * cause keeps Lucene's exception for the log.
 */
public final class IndexReadException extends RuntimeException {
    public IndexReadException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * A search or lookup that failed while reading an open index. The message gives the I/O error's own words
     * when Lucene wrapped it in another exception.
     */
    static IndexReadException reading(Exception failure) {
        Exception shown = ioCause(failure).map(Exception.class::cast).orElse(failure);
        return new IndexReadException("the search index could not be read: " + reason(shown), failure);
    }

    /** The I/O error behind a failure, if any: Lucene throws some as they are and wraps others in a RuntimeException. */
    static Optional<IOException> ioCause(Throwable failure) {
        for (Throwable c = failure; c != null; c = c.getCause()) {
            if (c instanceof IOException io) {
                return Optional.of(io);
            }
        }
        return Optional.empty();
    }

    /** Lucene's message, first line only and bounded, or the exception's name when it has none. */
    static String reason(Exception cause) {
        String m = cause.getMessage();
        if (m == null || m.isBlank()) {
            return cause.getClass().getSimpleName();
        }
        String line = m.lines().findFirst().orElse(m).strip();
        return line.length() > 300 ? line.substring(0, 300) + "..." : line;
    }
}
