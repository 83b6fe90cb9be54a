package mltutor.embedding;

import java.util.LinkedHashMap;
import java.util.Map;

/** A bounded least-recently-used cache of query vectors, so a repeated query costs no model call. */
final class QueryEmbeddingCache {
    private final Map<String, float[]> vectors;

    QueryEmbeddingCache(int capacity) {
        this.vectors = new LinkedHashMap<>(Math.max(16, capacity), 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, float[]> eldest) {
                return size() > capacity;
            }
        };
    }

    synchronized float[] get(String query) {
        return vectors.get(query);
    }

    synchronized void put(String query, float[] vector) {
        vectors.put(query, vector);
    }

    synchronized void clear() {
        vectors.clear();
    }

    synchronized int size() {
        return vectors.size();
    }
}
