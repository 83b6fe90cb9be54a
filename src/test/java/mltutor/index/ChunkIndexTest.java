package mltutor.index;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;
import mltutor.Fixtures;
import mltutor.chunking.Chunker;
import mltutor.chunking.ChunkingParams;
import mltutor.corpus.CorpusLoader;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.FilterDirectory;
import org.apache.lucene.store.IOContext;
import org.apache.lucene.store.IndexInput;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Opening an index rebuilds only what a rebuild can fix (no index, a corrupt one, another fingerprint); any other
 * failure to read it, at open or during a search, is an {@link IndexReadException} with a clear message; closing
 * never leaks the directory. Real Lucene reads, with faults injected below Lucene by a {@link FilterDirectory}.
 */
class ChunkIndexTest {
    private static final String FINGERPRINT = "fp-chunk-index-test";
    /** A complete generation; the tests that damage it work on copies. */
    private static Path built;

    @BeforeAll
    static void build() {
        var embedder = Fixtures.embedder();
        var content = new Chunker(ChunkingParams.of(256), embedder::countTokens)
                .content(new CorpusLoader().load(Fixtures.FIXTURE_CORPUS));
        var loaded = new IndexLoader(new IndexStore(Fixtures.tempDir("chunk-index")), embedder)
                .load(FINGERPRINT, () -> content, false, IndexLoader.Progress.NONE);
        loaded.index().close();
        built = loaded.directory();
    }

    @Test
    void opensOnlyAnIndexBuiltForTheGivenFingerprint() {
        try (ChunkIndex index = ChunkIndex.open(built, FINGERPRINT).orElseThrow()) {
            assertTrue(index.size() > 0);
        }
        assertTrue(ChunkIndex.open(built, "another-fingerprint").isEmpty(), "another fingerprint means a rebuild");
    }

    @Test
    void anEmptyIncompleteOrCorruptGenerationMeansARebuildNotAFailure() throws IOException {
        assertTrue(ChunkIndex.open(Fixtures.tempDir("empty-generation"), FINGERPRINT).isEmpty(), "no index at all");

        Path missing = copyOfBuilt();
        for (Path si : files(missing, name -> name.endsWith(".si"))) {
            Files.delete(si);
        }
        assertTrue(ChunkIndex.open(missing, FINGERPRINT).isEmpty(), "a segment file is missing");

        Path truncated = copyOfBuilt();
        Path segments = files(truncated, name -> name.startsWith("segments_")).get(0);
        byte[] bytes = Files.readAllBytes(segments);
        Files.write(segments, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        assertTrue(ChunkIndex.open(truncated, FINGERPRINT).isEmpty(), "the commit is truncated");

        Path damaged = copyOfBuilt();
        Path si = files(damaged, name -> name.endsWith(".si")).get(0);
        byte[] info = Files.readAllBytes(si);
        info[info.length / 2] ^= 0x5a;
        Files.write(si, info);
        assertTrue(ChunkIndex.open(damaged, FINGERPRINT).isEmpty(), "a checksum does not match");
    }

    @Test
    void anyOtherFailureToOpenPropagatesWithTheDirectoryNamed() throws IOException {
        var dir = new FaultyDirectory(FSDirectory.open(built));
        dir.failOpening = "Input/output error";
        var e = assertThrows(IndexReadException.class, () -> ChunkIndex.open(dir, FINGERPRINT, "data/index/gen-1"));
        assertEquals("cannot open the index in data/index/gen-1: Input/output error", e.getMessage());
        assertTrue(dir.closed, "the directory is closed when the open fails");
    }

    @Test
    void aReadFailureDuringASearchIsAnIndexReadExceptionWithTheReason() throws IOException {
        var dir = new FaultyDirectory(FSDirectory.open(built));
        try (ChunkIndex index = ChunkIndex.open(dir, FINGERPRINT, "test").orElseThrow()) {
            float[] query = Fixtures.embedder().embedQuery("kv cache memory");
            assertFalse(index.knn(query, 3).isEmpty());
            assertFalse(index.bm25Entries("kv cache memory", 3, ChunkIndex.FieldWeights.DEFAULT).isEmpty());

            dir.failReading = "Input/output error";
            var knn = assertThrows(IndexReadException.class, () -> index.knn(query, 3));
            assertEquals("the search index could not be read: Input/output error", knn.getMessage());
            var entries = assertThrows(IndexReadException.class, () -> index.bm25Entries("kv cache memory", 3,
                    ChunkIndex.FieldWeights.DEFAULT));
            assertEquals("the search index could not be read: Input/output error", entries.getMessage(),
                    "the I/O error's own words, also where Lucene wraps it in a RuntimeException");
            assertThrows(IndexReadException.class, () -> index.bm25("kv cache memory", 3));
            assertThrows(IndexReadException.class, () -> index.known("cache"));

            dir.failReading = null;
            assertFalse(index.knn(query, 3).isEmpty(), "the failure came from the reads, not from a broken index");
        }
    }

    @Test
    void aSearchOnAClosedIndexIsAnIndexReadException() {
        ChunkIndex index = ChunkIndex.open(built, FINGERPRINT).orElseThrow();
        index.close();
        var e = assertThrows(IndexReadException.class, () -> index.bm25("kv cache", 3));
        assertTrue(e.getMessage().startsWith("the search index could not be read: "), e.getMessage());
    }

    @Test
    void closingReleasesTheDirectoryEvenWhenTheReaderFailsToClose() throws IOException {
        var dir = new FaultyDirectory(FSDirectory.open(built));
        ChunkIndex index = ChunkIndex.open(dir, FINGERPRINT, "test").orElseThrow();
        dir.failClosing = "close failed";
        var e = assertThrows(UncheckedIOException.class, index::close);
        assertTrue(e.getMessage().contains("close failed"), e.getMessage());
        assertTrue(dir.closed, "the directory is closed although closing the reader failed");
    }

    private static Path copyOfBuilt() throws IOException {
        Path copy = Fixtures.tempDir("generation-copy");
        for (Path f : files(built, name -> true)) {
            Files.copy(f, copy.resolve(f.getFileName()));
        }
        return copy;
    }

    private static List<Path> files(Path dir, Predicate<String> name) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> out = files.filter(Files::isRegularFile).filter(f -> name.test(f.getFileName().toString()))
                    .sorted().toList();
            assertFalse(out.isEmpty(), "no such files in " + dir);
            return out;
        }
    }

    /** A Lucene directory whose opening, reading or closing of files fails on demand, as a failing disk would. */
    static final class FaultyDirectory extends FilterDirectory {
        volatile String failOpening;
        volatile String failReading;
        volatile String failClosing;
        volatile boolean closed;

        FaultyDirectory(Directory in) {
            super(in);
        }

        @Override
        public IndexInput openInput(String name, IOContext context) throws IOException {
            if (failOpening != null) {
                throw new IOException(failOpening);
            }
            return new FaultyInput(name, super.openInput(name, context));
        }

        @Override
        public void close() throws IOException {
            closed = true;
            super.close();
        }

        /** Every read, clone and slice goes through here, so an armed fault reaches whatever Lucene reads. */
        final class FaultyInput extends IndexInput {
            private final IndexInput in;

            FaultyInput(String name, IndexInput in) {
                super("faulty(" + name + ")");
                this.in = in;
            }

            private void check() throws IOException {
                if (failReading != null) {
                    throw new IOException(failReading);
                }
            }

            @Override
            public byte readByte() throws IOException {
                check();
                return in.readByte();
            }

            @Override
            public void readBytes(byte[] b, int offset, int len) throws IOException {
                check();
                in.readBytes(b, offset, len);
            }

            @Override
            public long getFilePointer() {
                return in.getFilePointer();
            }

            @Override
            public void seek(long pos) throws IOException {
                check();
                in.seek(pos);
            }

            @Override
            public long length() {
                return in.length();
            }

            @Override
            public IndexInput slice(String description, long offset, long length) throws IOException {
                check();
                return new FaultyInput(description, in.slice(description, offset, length));
            }

            @Override
            public FaultyInput clone() {
                return new FaultyInput(toString(), in.clone());
            }

            @Override
            public void close() throws IOException {
                in.close();
                if (failClosing != null) {
                    throw new IOException(failClosing);
                }
            }
        }
    }
}
