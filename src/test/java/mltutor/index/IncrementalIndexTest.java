package mltutor.index;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import mltutor.Fixtures;
import mltutor.chunking.Chunker;
import mltutor.chunking.ChunkingParams;
import mltutor.chunking.IndexContent;
import mltutor.corpus.CorpusLoader;
import mltutor.embedding.LocalEmbedder;
import org.junit.jupiter.api.Test;

/**
 * A rebuild after an edit cuts only the changed entries again (the chunk cache) and writes only the changed parts'
 * segments, copying the rest; what it builds is the same index a fresh build of the same corpus gives: the same
 * documents in the same order, the same vectors, the same search results and scores.
 */
class IncrementalIndexTest {
    private static final ChunkingParams CHUNKING = ChunkingParams.of(256);
    private static final List<String> QUERIES = List.of("why divide by sqrt dk", "harmonic mean of precision and recall",
            "kv cache memory", "sparse weights lasso", "F-beta score", "specificity of a test", "clip the gradient norm");
    private final LocalEmbedder embedder = Fixtures.embedder();

    @Test
    void editingRemovingAndAddingEntriesGivesTheIndexAFreshBuildGives() throws IOException {
        Path corpus = Fixtures.copyOfFixtureCorpus();
        Path data = Fixtures.tempDir("incremental");
        var loader = new IndexLoader(new IndexStore(data), embedder);
        var first = loader.load("fp-1", () -> content(corpus, data), false, IndexLoader.Progress.NONE);
        int parts = first.segmentsWritten();
        assertTrue(parts > 1, "the fixture corpus spreads over several parts: " + parts);
        assertEquals(0, first.segmentsReused(), "nothing to reuse in an empty data directory");
        assertEquals(first.index().size(), first.rechunked(), "a first build cuts every chunk");
        first.index().close();

        Path edited = corpus.resolve("questions/metrics/precision-recall.md");
        Files.writeString(edited, Files.readString(edited).replace("## Example / math",
                "## Example / math\n\nThe F-beta score weights recall beta times as much as precision."));
        var afterEdit = loader.load("fp-2", () -> content(corpus, data), false, IndexLoader.Progress.NONE);
        assertEquals(2, afterEdit.segmentsWritten(), "only the edited entry's part and the lexical documents are written");
        assertEquals(parts - 2, afterEdit.segmentsReused());
        int entryChunks = (int) chunkIds(afterEdit.index()).stream().filter(id -> id.startsWith("precision-recall#"))
                .filter(id -> !id.endsWith("#fields")).count();
        assertEquals(entryChunks, afterEdit.rechunked(), "only the edited entry is chunked again");
        assertSameAsFreshBuild(afterEdit.index(), corpus, "after an edit");
        afterEdit.index().close();

        Files.delete(corpus.resolve("questions/metrics/gradient-clipping.md"));
        var afterRemoval = loader.load("fp-3", () -> content(corpus, data), false, IndexLoader.Progress.NONE);
        assertEquals(0, afterRemoval.rechunked(), "removing an entry cuts nothing");
        assertEquals(2, afterRemoval.segmentsWritten(), "the removed entry's part and the lexical documents");
        assertTrue(chunkIds(afterRemoval.index()).stream().noneMatch(id -> id.startsWith("gradient-clipping#")));
        assertSameAsFreshBuild(afterRemoval.index(), corpus, "after a removal");
        afterRemoval.index().close();

        Files.writeString(corpus.resolve("questions/metrics/specificity.md"), Files.readString(edited)
                .replace("id: precision-recall", "id: specificity")
                .replace("question: What are precision, recall, and F1 score?", "question: What is the specificity of a test?"));
        var afterAddition = loader.load("fp-4", () -> content(corpus, data), false, IndexLoader.Progress.NONE);
        assertEquals(2, afterAddition.segmentsWritten(), "the added entry's part and the lexical documents");
        assertTrue(chunkIds(afterAddition.index()).stream().anyMatch(id -> id.startsWith("specificity#")));
        assertSameAsFreshBuild(afterAddition.index(), corpus, "after an addition");
        afterAddition.index().close();

        try (var left = Files.list(data.resolve(SegmentStore.DIR))) {
            assertEquals(afterAddition.segmentsReused() + afterAddition.segmentsWritten(), left.count(),
                    "only the segments of the current build are kept");
        }
    }

    @Test
    void aDamagedStoredSegmentIsCaughtAndEveryPartWrittenAgain() throws IOException {
        Path corpus = Fixtures.copyOfFixtureCorpus();
        Path data = Fixtures.tempDir("incremental-damaged");
        var loader = new IndexLoader(new IndexStore(data), embedder);
        loader.load("fp-1", () -> content(corpus, data), false, IndexLoader.Progress.NONE).index().close();
        try (var segments = Files.list(data.resolve(SegmentStore.DIR))) {
            for (Path segment : segments.toList()) {
                try (var files = Files.list(segment)) {
                    for (Path f : files.filter(f -> f.toString().endsWith(".cfs")).toList()) {
                        IndexIntegrityTest.overwriteRandomBlocks(f, 4, new java.util.Random(f.hashCode()));
                    }
                }
            }
        }
        Path edited = corpus.resolve("questions/metrics/precision-recall.md");
        Files.writeString(edited, Files.readString(edited) + "\nOne more sentence about thresholds.\n");
        var rebuilt = loader.load("fp-2", () -> content(corpus, data), false, IndexLoader.Progress.NONE);
        assertEquals(0, rebuilt.segmentsReused(), "after the damaged copy failed its checksums, nothing is reused");
        assertSameAsFreshBuild(rebuilt.index(), corpus, "after damaged segments");
        rebuilt.index().close();
    }

    private void assertSameAsFreshBuild(ChunkIndex incremental, Path corpus, String when) {
        Path freshData = Fixtures.tempDir("fresh");
        var fresh = new IndexLoader(new IndexStore(freshData), embedder)
                .load("fp", () -> content(corpus, freshData), true, IndexLoader.Progress.NONE);
        try (ChunkIndex expected = fresh.index()) {
            assertEquals(expected.size(), incremental.size(), when + ": chunk count");
            assertEquals(expected.entryIds(), incremental.entryIds(), when + ": entries");
            List<String> ids = chunkIds(expected);
            assertEquals(ids, chunkIds(incremental), when + ": chunk ids in document order");
            for (int doc = 0; doc < ids.size(); doc++) {
                assertEquals(expected.chunk(doc), incremental.chunk(doc), when + ": document " + doc);
            }
            List<float[]> want = expected.vectors(), got = incremental.vectors();
            for (int doc = 0; doc < want.size(); doc++) {
                if (want.get(doc) == null) {
                    assertNull(got.get(doc), when + ": document " + doc + " has no vector");
                } else {
                    assertArrayEquals(want.get(doc), got.get(doc), when + ": vector of document " + doc);
                }
            }
            for (String q : QUERIES) {
                float[] v = embedder.embedQuery(q);
                assertEquals(expected.knn(v, 10), incremental.knn(v, 10), when + ": knn " + q);
                assertEquals(expected.bm25(q, 10), incremental.bm25(q, 10), when + ": bm25 " + q);
                assertEquals(expected.bm25Entries(q, 10, ChunkIndex.FieldWeights.DEFAULT),
                        incremental.bm25Entries(q, 10, ChunkIndex.FieldWeights.DEFAULT), when + ": field bm25 " + q);
                for (String term : expected.terms(q)) {
                    assertEquals(expected.idf(term), incremental.idf(term), when + ": idf of " + term);
                }
            }
        }
    }

    private static List<String> chunkIds(ChunkIndex index) {
        var out = new ArrayList<String>();
        for (int doc = 0; doc < index.size() + index.entryIds().size(); doc++) {
            out.add(index.chunk(doc).chunkId());
        }
        return out;
    }

    private IndexContent content(Path corpus, Path data) {
        return new ChunkCache(data, CHUNKING, embedder.spec())
                .content(new CorpusLoader().load(corpus), new Chunker(CHUNKING, embedder::countTokens));
    }
}
