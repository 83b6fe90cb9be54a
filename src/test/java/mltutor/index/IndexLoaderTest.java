package mltutor.index;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import mltutor.Fixtures;
import mltutor.app.TutorApp;
import mltutor.chunking.IndexContent;
import mltutor.chunking.Chunker;
import mltutor.chunking.ChunkingParams;
import mltutor.corpus.CorpusLoader;
import mltutor.embedding.LocalEmbedder;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

class IndexLoaderTest {
    private final LocalEmbedder embedder = Fixtures.embedder();

    @Tag("slow")
    @Test
    void reusesTheIndexWhenNothingChangedAndRebuildsWhenTheCorpusChanges() throws Exception {
        Path corpus = Fixtures.copyOfFixtureCorpus();
        Path data = Fixtures.tempDir("data");
        Path firstDir;
        try (TutorApp first = Fixtures.startApp(corpus, data)) {
            assertTrue(first.index().rebuilt());
            firstDir = first.index().directory();
        }
        try (TutorApp second = Fixtures.startApp(corpus, data)) {
            assertFalse(second.index().rebuilt(), "an unchanged corpus must reuse the index");
            assertEquals(firstDir, second.index().directory());
        }
        Path file = corpus.resolve("questions/metrics/precision-recall.md");
        Files.writeString(file, Files.readString(file) + "\nA new sentence about the F-beta score.\n");
        try (TutorApp third = Fixtures.startApp(corpus, data)) {
            assertTrue(third.index().rebuilt(), "a changed corpus file must rebuild the index");
            assertNotEquals(firstDir, third.index().directory());
            assertFalse(Files.exists(firstDir), "the old generation is deleted once the new one is published");
        }
    }

    @Test
    void fingerprintChangesWithChunkingAndModelUsage() {
        var spec = embedder.spec();
        String base = IndexFingerprint.of(Fixtures.FIXTURE_CORPUS, spec, ChunkingParams.of(256));
        assertEquals(base, IndexFingerprint.of(Fixtures.FIXTURE_CORPUS, spec, ChunkingParams.of(256)));
        assertNotEquals(base, IndexFingerprint.of(Fixtures.FIXTURE_CORPUS, spec, ChunkingParams.of(200)));
        assertNotEquals(base, IndexFingerprint.of(Fixtures.FIXTURE_CORPUS, spec.withPrefixes("query: ", ""), ChunkingParams.of(256)));
    }

    @Test
    void aFailedRebuildLeavesThePreviousIndexInUse() {
        Path data = Fixtures.tempDir("atomic");
        var store = new IndexStore(data);
        IndexContent chunks = content();
        var loader = new IndexLoader(store, embedder);
        var good = loader.load("fp-1", () -> chunks, false, IndexLoader.Progress.NONE);
        Path goodDir = good.directory();
        good.index().close();

        // Simulate a crash half way through embedding the next build.
        IndexLoader.Progress crash = (done, total) -> {
            throw new IllegalStateException("simulated crash after " + done + " chunks");
        };
        assertThrows(IllegalStateException.class, () -> loader.load("fp-2", () -> chunks, false, crash));

        assertEquals(goodDir, store.current().orElseThrow(), "CURRENT must still point at the complete index");
        try (var dirs = Files.list(data)) {
            assertEquals(1, dirs.filter(d -> d.getFileName().toString().startsWith("gen-")).count(),
                    "the partial generation is removed");
        } catch (Exception e) {
            fail(e);
        }
        var reopened = loader.load("fp-1", () -> chunks, false, IndexLoader.Progress.NONE);
        assertFalse(reopened.rebuilt());
        assertEquals(chunks.chunks().size(), reopened.index().size());
        reopened.index().close();
    }

    @Test
    void ignoresAnUnreferencedOrCorruptGeneration() throws Exception {
        Path data = Fixtures.tempDir("corrupt");
        var store = new IndexStore(data);
        Path junk = store.newGeneration();
        Files.writeString(junk.resolve("segments_1"), "garbage");
        Files.writeString(data.resolve("CURRENT"), junk.getFileName().toString());
        var loaded = new IndexLoader(store, embedder).load("fp", this::content, false, IndexLoader.Progress.NONE);
        assertTrue(loaded.rebuilt());
        assertEquals(content().chunks().size(), loaded.index().size());
        loaded.index().close();
        Files.writeString(data.resolve("CURRENT"), "../../etc");
        assertTrue(store.current().isEmpty(), "CURRENT may only name a generation inside the data directory");
    }

    @Test
    void hnswFindsTheSameNeighboursAsExactSearch() {
        var loaded = new IndexLoader(new IndexStore(Fixtures.tempDir("recall")), embedder)
                .load("fp", this::content, false, IndexLoader.Progress.NONE);
        ChunkIndex index = loaded.index();
        for (String q : List.of("kv cache memory", "sparse weights lasso", "harmonic mean of precision and recall")) {
            float[] v = embedder.embedQuery(q);
            var approx = index.knn(v, 10).stream().map(ChunkIndex.Hit::doc).toList();
            var exact = index.exactKnn(v, 10).stream().map(ChunkIndex.Hit::doc).toList();
            assertEquals(exact, approx);
            assertEquals(index.exactKnn(v, 1).get(0).score(), index.knn(v, 1).get(0).score(), 1e-4);
        }
        index.close();
    }

    private IndexContent content() {
        return new Chunker(ChunkingParams.of(256), embedder::countTokens).content(new CorpusLoader().load(Fixtures.FIXTURE_CORPUS));
    }
}
