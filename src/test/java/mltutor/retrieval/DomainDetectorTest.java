package mltutor.retrieval;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import mltutor.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DomainDetectorTest {
    @Test
    void embedsTheOffTopicListOnceAndReusesItFromTheIndexDirectory(@TempDir Path dir) throws Exception {
        var calls = new AtomicInteger();
        Function<List<String>, List<float[]>> embed = texts -> {
            calls.incrementAndGet();
            return Fixtures.embedder().embedTexts(texts);
        };
        float[] query = Fixtures.embedder().embedQuery("how do I repot a houseplant");
        DomainDetector first = DomainDetector.create(embed, 0.05, dir);
        DomainDetector second = DomainDetector.create(embed, 0.05, dir);
        assertEquals(1, calls.get(), "the second start reads the cached vectors");
        assertEquals(first.margin(query, 0.7), second.margin(query, 0.7), 1e-6);
        assertTrue(first.margin(query, 0.7) < 0.7, "a gardening query is close to an off-topic line");

        Files.writeString(dir.resolve(DomainDetector.CACHE_FILE), "corrupt");
        DomainDetector.create(embed, 0.05, dir);
        assertEquals(2, calls.get(), "an unreadable cache is rebuilt, not trusted");
    }

    @Test
    void confidenceIsOneHalfAtTheThresholdAndMonotone() {
        var d = new DomainDetector(List.of(), 0.05, 0.02);
        assertEquals(0.5, d.confidence(0.05), 1e-9);
        assertTrue(d.confidence(0.10) > 0.9 && d.confidence(0.0) < 0.1);
        assertTrue(d.inDomain(0.05) && !d.inDomain(0.049));
    }
}
