package mltutor.index;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import java.util.stream.Stream;
import mltutor.Fixtures;
import mltutor.chunking.Chunk;
import mltutor.chunking.Chunker;
import mltutor.chunking.ChunkingParams;
import mltutor.chunking.IndexContent;
import mltutor.corpus.CorpusLoader;
import mltutor.embedding.LocalEmbedder;
import org.junit.jupiter.api.Test;

/**
 * The embedding cache: a vector only for the same model, prefix and text; a damaged, truncated or foreign file
 * ignored with one warning; a rebuild after an edit embeds only the edited entry's chunks.
 */
class EmbeddingCacheTest {
    private static final String MODEL = "model-a";
    private final LocalEmbedder embedder = Fixtures.embedder();

    @Test
    void neverReturnsAVectorForAnotherTextModelOrPrefix() {
        Path dir = Fixtures.tempDir("cache-keys");
        var key = EmbeddingCache.key(MODEL, "passage: ", "the kv cache");
        EmbeddingCache.write(dir, List.of(key), List.of(vector(1)));
        var cache = EmbeddingCache.read(dir, 384);
        assertArrayEquals(vector(1), cache.get(EmbeddingCache.key(MODEL, "passage: ", "the kv cache")).orElseThrow());
        assertTrue(cache.get(EmbeddingCache.key("model-b", "passage: ", "the kv cache")).isEmpty(), "another model");
        assertTrue(cache.get(EmbeddingCache.key(MODEL, "", "the kv cache")).isEmpty(), "another prefix");
        assertTrue(cache.get(EmbeddingCache.key(MODEL, "passage: ", "the kv cache ")).isEmpty(), "another text");
        assertTrue(cache.get(EmbeddingCache.key(MODEL, "passage: the", " kv cache")).isEmpty(),
                "the same characters split differently between prefix and text");
        assertTrue(EmbeddingCache.read(dir, 768).get(key).isEmpty(), "a cache of another dimension is not used");
    }

    @Test
    void aTruncatedCacheIsIgnoredWithOneWarning() throws IOException {
        Path dir = cacheOfThree("cache-truncated");
        Path file = dir.resolve(EmbeddingCache.FILE);
        try (var raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(raf.length() - 100);
        }
        String log = stderrOf(() -> EmbeddingCache.read(dir, 384).size() == 0);
        assertEquals(1, log.lines().filter(l -> l.contains("WARN")).count(), log);
        assertTrue(log.contains("ignoring the embedding cache") && log.contains("truncated"), log);
    }

    @Test
    void aDamagedOrForeignCacheIsIgnored() throws IOException {
        for (int seed = 0; seed < 10; seed++) {
            Path dir = cacheOfThree("cache-damaged");
            Path file = dir.resolve(EmbeddingCache.FILE);
            var random = new Random(seed);
            try (var raf = new RandomAccessFile(file.toFile(), "rw")) {
                long at = random.nextLong(raf.length());
                raf.seek(at);
                int old = raf.read();
                raf.seek(at);
                raf.write(old ^ (1 + random.nextInt(255)));
            }
            assertEquals("", stderrOf(() -> EmbeddingCache.read(dir, 384).size() == 0).replaceAll("(?m)^.*WARN.*$\\n?", ""),
                    "damage (seed " + seed + ") ignored with nothing but the warning");
        }
        Path dir = Fixtures.tempDir("cache-foreign");
        Files.writeString(dir.resolve(EmbeddingCache.FILE), "not a cache at all, but long enough to have a header".repeat(4));
        assertTrue(stderrOf(() -> EmbeddingCache.read(dir, 384).size() == 0).contains("ignoring the embedding cache"));
    }

    @Test
    void aRebuildAfterEditingOneEntryEmbedsOnlyThatEntrysChangedChunksAndPrunesTheRest() throws IOException {
        Path corpus = Fixtures.copyOfFixtureCorpus();
        Path data = Fixtures.tempDir("cache-rebuild");
        var loader = new IndexLoader(new IndexStore(data), embedder);
        var chunker = new Chunker(ChunkingParams.of(256), embedder::countTokens);
        Supplier<IndexContent> content = () -> chunker.content(new CorpusLoader().load(corpus));
        var first = loader.load("fp-1", content, false, IndexLoader.Progress.NONE);
        int total = first.index().size();
        assertEquals(total, first.embedded(), "a cold build embeds every chunk");
        first.index().close();

        Path file = corpus.resolve("questions/metrics/precision-recall.md");
        Files.writeString(file, Files.readString(file).replace("## Example / math", "## Example / math\n\nA new sentence about the F-beta score."));
        IndexContent edited = content.get();
        List<Chunk> entryChunks = edited.chunks().stream().filter(c -> c.entryId().equals("precision-recall")).toList();
        var second = loader.load("fp-2", () -> edited, false, IndexLoader.Progress.NONE);
        assertTrue(second.rebuilt());
        assertTrue(second.embedded() >= 1 && second.embedded() < entryChunks.size(),
                "only the edited entry's changed chunks are embedded: " + second.embedded() + " of its " + entryChunks.size());
        // The cached vectors are the ones the model gives: every chunk's vector equals a fresh embedding.
        List<float[]> fresh = embedder.embedPassages(edited.chunks().stream().map(Chunk::embeddingText).toList(), n -> { });
        List<float[]> stored = second.index().vectors();
        var docOf = new java.util.HashMap<String, Integer>();
        for (int doc = 0; doc < stored.size(); doc++) {
            docOf.put(second.index().chunk(doc).chunkId(), doc);
        }
        for (int i = 0; i < edited.chunks().size(); i++) {
            String id = edited.chunks().get(i).chunkId();
            assertArrayEquals(fresh.get(i), stored.get(docOf.get(id)), 1e-6f, "chunk " + id);
        }
        second.index().close();
        assertEquals(edited.chunks().stream().map(Chunk::embeddingText).distinct().count(),
                EmbeddingCache.read(data, 384).size(), "the cache holds exactly the keys of the last build");
        try (Stream<Path> files = Files.list(data)) {
            assertTrue(files.noneMatch(f -> f.getFileName().toString().endsWith(".tmp")), "no temporary file is left");
        }
    }

    private static Path cacheOfThree(String prefix) {
        Path dir = Fixtures.tempDir(prefix);
        EmbeddingCache.write(dir, List.of(EmbeddingCache.key(MODEL, "", "a"), EmbeddingCache.key(MODEL, "", "b"),
                EmbeddingCache.key(MODEL, "", "c")), List.of(vector(1), vector(2), vector(3)));
        assertEquals(3, EmbeddingCache.read(dir, 384).size());
        return dir;
    }

    private static float[] vector(int seed) {
        var random = new Random(seed);
        float[] v = new float[384];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) random.nextGaussian();
        }
        return LocalEmbedder.normalized(v);
    }

    /** What the logger writes to standard error while {@code check} runs; the check must hold. */
    private static String stderrOf(Supplier<Boolean> check) {
        PrintStream old = System.err;
        var buffer = new ByteArrayOutputStream();
        System.setErr(new PrintStream(buffer, true, StandardCharsets.UTF_8));
        try {
            assertTrue(check.get());
        } finally {
            System.setErr(old);
        }
        return buffer.toString(StandardCharsets.UTF_8);
    }
}
