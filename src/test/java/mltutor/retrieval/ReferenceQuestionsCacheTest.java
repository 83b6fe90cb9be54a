package mltutor.retrieval;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Stream;
import mltutor.Fixtures;
import org.junit.jupiter.api.Test;

/**
 * The reference questions' vector cache (off-topic.vectors, uncovered.vectors) is used only when its checksum
 * verifies: damage that keeps the file's size means embedding again, never wrong vectors; it is written through a
 * temporary file, so a reader sees the old file or the new one.
 */
class ReferenceQuestionsCacheTest {
    private static final List<ReferenceQuestions.Item> ITEMS = List.of(
            new ReferenceQuestions.Item("how do I centre a div", "web"),
            new ReferenceQuestions.Item("best pizza dough hydration", "cooking"),
            new ReferenceQuestions.Item("what is a foreign key", "databases"));

    private final AtomicInteger embedCalls = new AtomicInteger();

    /** Distinct unit vectors per text, as an embedding model gives; dimension 384 like the default model. */
    private final Function<List<String>, List<float[]>> embed = texts -> {
        embedCalls.incrementAndGet();
        var out = new ArrayList<float[]>();
        for (String t : texts) {
            var random = new Random(t.hashCode());
            float[] v = new float[384];
            double norm = 0;
            for (int i = 0; i < v.length; i++) {
                v[i] = (float) random.nextGaussian();
                norm += v[i] * v[i];
            }
            for (int i = 0; i < v.length; i++) {
                v[i] /= (float) Math.sqrt(norm);
            }
            out.add(v);
        }
        return out;
    };

    @Test
    void sameSizeDamageToTheCacheIsCaughtAndTheVectorsAreEmbeddedAgain() throws IOException {
        Path dir = Fixtures.tempDir("reference-cache");
        Path cache = dir.resolve("off-topic.vectors");
        var fresh = ReferenceQuestions.load(ITEMS, embed, cache);
        assertEquals(1, embedCalls.get());
        ReferenceQuestions.load(ITEMS, embed, cache);
        assertEquals(1, embedCalls.get(), "an intact cache is read, not embedded again");

        for (int seed = 0; seed < 20; seed++) {
            long size = Files.size(cache);
            damage(cache, new Random(seed));
            assertEquals(size, Files.size(cache));
            int before = embedCalls.get();
            var reloaded = ReferenceQuestions.load(ITEMS, embed, cache);
            assertEquals(before + 1, embedCalls.get(), "damage (seed " + seed + ") must mean embedding again");
            float[] query = embed.apply(List.of(ITEMS.get(1).text())).get(0);
            assertEquals(fresh.nearest(query, null), reloaded.nearest(query, null), "the recomputed vectors are right");
            assertEquals(1.0, reloaded.nearest(query, null).similarity(), 1e-5);
        }
        int before = embedCalls.get();
        ReferenceQuestions.load(ITEMS, embed, cache);
        assertEquals(before, embedCalls.get(), "the recomputed vectors were cached again, intact");
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(cache), files.toList(), "no temporary file is left behind");
        }
        Path plain = Files.write(dir.resolve("plain"), new byte[0]);
        assertEquals(Files.getPosixFilePermissions(plain), Files.getPosixFilePermissions(cache),
                "the cache gets a new file's usual permissions (other users of the data directory can read it)");
    }

    @Test
    void aCacheWithTrailingBytesIsNotTrusted() throws IOException {
        Path cache = Fixtures.tempDir("reference-cache-tail").resolve("uncovered.vectors");
        ReferenceQuestions.load(ITEMS, embed, cache);
        Files.write(cache, new byte[] {1, 2, 3}, java.nio.file.StandardOpenOption.APPEND);
        ReferenceQuestions.load(ITEMS, embed, cache);
        assertEquals(2, embedCalls.get());
    }

    /** Overwrites one random 64-byte block with different bytes, keeping the size. */
    private static void damage(Path file, Random random) throws IOException {
        try (var f = new RandomAccessFile(file.toFile(), "rw")) {
            long at = random.nextLong(f.length() - 64);
            byte[] old = new byte[64];
            f.seek(at);
            f.readFully(old);
            byte[] block = new byte[64];
            random.nextBytes(block);
            block[0] = (byte) ~old[0]; // at least one byte differs
            f.seek(at);
            f.write(block);
        }
    }
}
