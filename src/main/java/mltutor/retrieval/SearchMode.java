package mltutor.retrieval;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Which retrievers a search uses. */
public enum SearchMode {
    VECTOR, BM25, HYBRID;

    public static Optional<SearchMode> parse(String s) {
        return Arrays.stream(values()).filter(m -> m.name().equalsIgnoreCase(s.strip())).findFirst();
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
