package mltutor.embedding;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import mltutor.corpus.Entry;

/** Embeddings of each entry's key points and follow-up questions, computed on first use and kept. */
public final class EntryVectors {
    private final Function<List<String>, List<float[]>> embed;
    private final Map<String, List<float[]>> keyPoints = new ConcurrentHashMap<>();
    private final Map<String, List<float[]>> followUps = new ConcurrentHashMap<>();

    /** {@code embed} maps texts to L2-normalised vectors, e.g. {@code LocalEmbedder::embedTexts}. */
    public EntryVectors(Function<List<String>, List<float[]>> embed) {
        this.embed = embed;
    }

    public List<float[]> embed(List<String> texts) {
        return texts.isEmpty() ? List.of() : embed.apply(texts);
    }

    public List<float[]> keyPoints(Entry e) {
        return keyPoints.computeIfAbsent(e.id(), id -> embed(e.keyPoints()));
    }

    public List<float[]> followUps(Entry e) {
        return followUps.computeIfAbsent(e.id(), id -> embed(e.followUps()));
    }
}
