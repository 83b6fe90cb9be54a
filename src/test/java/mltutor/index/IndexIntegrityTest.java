package mltutor.index;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.RandomAccessFile;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import mltutor.Fixtures;
import mltutor.chunking.Chunker;
import mltutor.chunking.ChunkingParams;
import mltutor.chunking.IndexContent;
import mltutor.corpus.CorpusLoader;
import mltutor.embedding.LocalEmbedder;
import org.junit.jupiter.api.Test;

/**
 * An index damaged in place (sizes kept) is caught by its checksums at open and rebuilt, with the reason said;
 * builds hold the data directory's lock, so a second loader waits or fails in one line instead of deleting the
 * first one's generation; what crashed builds left is deleted at the next start.
 */
class IndexIntegrityTest {
    private final LocalEmbedder embedder = Fixtures.embedder();

    @Test
    void sameSizeCorruptionOfTheCompoundFileIsCaughtAndRebuiltWithTheReasonSaid() throws IOException {
        Path data = Fixtures.tempDir("same-size");
        var loader = new IndexLoader(new IndexStore(data), embedder);
        var first = loader.load("fp", this::content, false, IndexLoader.Progress.NONE);
        first.index().close();
        Path damagedGen = first.directory();
        Path cfs = largestCompoundFile(damagedGen);
        long size = Files.size(cfs);
        overwriteRandomBlocks(cfs, 8, new Random(13));
        assertEquals(size, Files.size(cfs), "the damage keeps the file's size");

        var second = loader.load("fp", this::content, false, IndexLoader.Progress.NONE);
        try (ChunkIndex index = second.index()) {
            assertTrue(second.rebuilt(), "a damaged index must be rebuilt, not served");
            assertTrue(second.reason().contains("corrupt") && second.reason().contains("checksum"), second.reason());
            assertNotEquals(damagedGen, second.directory());
            assertFalse(Files.exists(damagedGen), "the damaged generation is deleted once the new one is published");
            var top = index.knn(embedder.embedQuery("why divide by sqrt dk"), 1).get(0);
            assertEquals("attention-scaling", index.chunk(top.doc()).entryId());
            assertTrue(top.score() > 0.5 && top.score() <= 1.001, "similarity " + top.score());
            var lexical = index.bm25("harmonic mean of precision and recall", 1).get(0);
            assertEquals("precision-recall", index.chunk(lexical.doc()).entryId());
        }
    }

    @Test
    void everyRandomSameSizeDamageOfAnyFileIsCaught() throws IOException {
        Path data = Fixtures.tempDir("many-damages");
        var loaded = new IndexLoader(new IndexStore(data), embedder).load("fp", this::content, false, IndexLoader.Progress.NONE);
        loaded.index().close();
        List<Path> luceneFiles = luceneFiles(loaded.directory());
        for (int seed = 0; seed < 24; seed++) {
            Path copy = copy(loaded.directory());
            Path victim = copy.resolve(luceneFiles.get(seed % luceneFiles.size()).getFileName());
            overwriteRandomBlocks(victim, 1 + seed % 4, new Random(seed));
            var opening = ChunkIndex.attempt(copy, "fp");
            assertTrue(opening.index().isEmpty(), "damage to " + victim.getFileName() + " (seed " + seed + ") went unnoticed");
            assertTrue(opening.whyNot().contains("corrupt"), opening.whyNot());
        }
    }

    @Test
    void damageAfterTheChecksumsWereRecordedAsVerifiedIsStillCaught() throws Exception {
        Path data = Fixtures.tempDir("verified");
        var loaded = new IndexLoader(new IndexStore(data), embedder).load("fp", this::content, false, IndexLoader.Progress.NONE);
        loaded.index().close();
        Path gen = loaded.directory();
        Thread.sleep(VerifiedFiles.SETTLED.toMillis() + 200);
        ChunkIndex.open(gen, "fp").orElseThrow().close();
        var files = luceneFiles(gen).stream().map(f -> f.getFileName().toString()).toList();
        assertTrue(VerifiedFiles.trusted(gen, files), "a settled index that passed the full pass is recorded as verified");
        ChunkIndex.open(gen, "fp").orElseThrow().close();

        Path cfs = largestCompoundFile(gen);
        long size = Files.size(cfs);
        overwriteRandomBlocks(cfs, 4, new Random(5));
        assertEquals(size, Files.size(cfs));
        assertFalse(VerifiedFiles.trusted(gen, files), "a file written since is no longer trusted");
        var opening = ChunkIndex.attempt(gen, "fp");
        assertTrue(opening.index().isEmpty(), "same-size damage after the record is still caught");
        assertTrue(opening.whyNot().contains("checksum"), opening.whyNot());

        Files.writeString(gen.resolve(VerifiedFiles.FILE), Files.readString(gen.resolve(VerifiedFiles.FILE)).replace("\t", "\t "));
        assertFalse(VerifiedFiles.trusted(gen, files), "an edited record fails its CRC and is not trusted");
    }

    @Test
    void aTruncatedFileIsRebuiltWithTheReasonSaid() throws IOException {
        Path data = Fixtures.tempDir("truncated");
        var store = new IndexStore(data);
        var loader = new IndexLoader(store, embedder);
        var first = loader.load("fp", this::content, false, IndexLoader.Progress.NONE);
        first.index().close();
        Path cfs = largestCompoundFile(first.directory());
        try (var f = new RandomAccessFile(cfs.toFile(), "rw")) {
            f.setLength(f.length() - 100);
        }
        var second = loader.load("fp", this::content, false, IndexLoader.Progress.NONE);
        second.index().close();
        assertTrue(second.rebuilt());
        assertTrue(second.reason().startsWith("the current index cannot be used: it is corrupt or incomplete"), second.reason());
    }

    @Test
    void leftoverGenerationsAreDeletedAtStartButNotWhileAnotherLoaderHoldsTheLock() throws IOException {
        Path data = Fixtures.tempDir("orphans");
        var store = new IndexStore(data);
        var loader = new IndexLoader(store, embedder);
        var live = loader.load("fp", this::content, false, IndexLoader.Progress.NONE);
        live.index().close();
        Path crashed = Files.createDirectory(data.resolve("gen-1-crashed"));
        Files.writeString(crashed.resolve("_0.cfs"), "half a build");
        Files.writeString(data.resolve("CURRENT.tmp"), "gen-1-crashed");

        try (DataDirLock held = store.tryLock().orElseThrow()) {
            var reused = loader.load("fp", this::content, false, IndexLoader.Progress.NONE);
            reused.index().close();
            assertFalse(reused.rebuilt());
            assertTrue(Files.exists(crashed), "another process's build in progress looks the same: it must be left alone");
        }
        var reused = loader.load("fp", this::content, false, IndexLoader.Progress.NONE);
        reused.index().close();
        assertFalse(reused.rebuilt());
        assertEquals(live.directory(), reused.directory());
        assertFalse(Files.exists(crashed), "a leftover generation is deleted at start");
        assertFalse(Files.exists(data.resolve("CURRENT.tmp")));
        assertTrue(Files.exists(live.directory()), "the current generation stays");
    }

    @Test
    void aSecondLoaderWaitsForABuildInProgressAndThenUsesItsIndex() throws Exception {
        Path data = Fixtures.tempDir("two-loaders");
        var building = new CountDownLatch(1);
        var finish = new CountDownLatch(1);
        IndexLoader.Progress slow = (done, total) -> {
            building.countDown();
            await(finish);
        };
        var first = CompletableFuture.supplyAsync(
                () -> new IndexLoader(new IndexStore(data), embedder).load("fp", this::content, false, slow));
        assertTrue(building.await(60, TimeUnit.SECONDS));
        var second = CompletableFuture.supplyAsync(() -> new IndexLoader(new IndexStore(data), embedder, Duration.ofSeconds(60))
                .load("fp", this::content, false, IndexLoader.Progress.NONE));
        Thread.sleep(500);
        assertFalse(second.isDone(), "the second loader waits while the first one builds");
        try (Stream<Path> gens = Files.list(data)) {
            assertEquals(1, gens.filter(p -> p.getFileName().toString().startsWith("gen-")).count(),
                    "the first loader's generation in progress is not deleted");
        }
        finish.countDown();
        var a = first.get(60, TimeUnit.SECONDS);
        var b = second.get(60, TimeUnit.SECONDS);
        a.index().close();
        b.index().close();
        assertTrue(a.rebuilt());
        assertFalse(b.rebuilt(), "the second loader uses the index the first one just built");
        assertEquals("another process has just built it", b.reason());
        assertEquals(a.directory(), b.directory());
    }

    @Test
    void aLoaderThatCannotGetTheLockInTimeSaysSoInOneLine() {
        Path data = Fixtures.tempDir("locked");
        var store = new IndexStore(data);
        try (DataDirLock held = store.tryLock().orElseThrow()) {
            var e = assertThrows(UncheckedIOException.class, () -> new IndexLoader(store, embedder, Duration.ofMillis(300))
                    .load("fp", this::content, false, IndexLoader.Progress.NONE));
            assertTrue(e.getMessage().contains("is in use by another tutor process"), e.getMessage());
            assertTrue(e.getMessage().contains(DataDirLock.FILE), e.getMessage());
            assertFalse(e.getMessage().contains("\n"));
        }
    }

    @Test
    void theLockHoldsAcrossProcesses() throws Exception {
        Path data = Fixtures.tempDir("two-processes");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process other = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), LockHolder.class.getName(),
                data.toString()).redirectErrorStream(true).start();
        try {
            var out = new java.io.BufferedReader(new java.io.InputStreamReader(other.getInputStream()));
            assertEquals("locked", out.readLine());
            var store = new IndexStore(data);
            assertTrue(store.tryLock().isEmpty(), "another process holds the lock");
            var e = assertThrows(UncheckedIOException.class, () -> new IndexLoader(store, embedder, Duration.ofMillis(300))
                    .load("fp", this::content, false, IndexLoader.Progress.NONE));
            assertTrue(e.getMessage().contains("is in use by another tutor process"), e.getMessage());
            other.getOutputStream().close(); // the holder exits when its input ends
            assertTrue(other.waitFor(30, TimeUnit.SECONDS));
            try (DataDirLock lock = store.tryLock().orElseThrow(() -> new AssertionError("the lock is free once the process ended"))) {
                assertNotNull(lock);
            }
        } finally {
            other.destroyForcibly();
        }
    }

    @Test
    void aRefusedPermissionIsSaidInPlainWords() {
        assertEquals("permission denied (data/index/gen-1)",
                IndexStore.describe(new AccessDeniedException("data/index/gen-1")));
        assertEquals("Read-only file system (data/index)",
                IndexStore.describe(new java.nio.file.FileSystemException("data/index", null, "Read-only file system")));
    }

    /** Holds a data directory's lock until its standard input ends; another JVM for the test above. */
    public static final class LockHolder {
        public static void main(String[] args) throws IOException {
            try (DataDirLock lock = new IndexStore(Path.of(args[0])).tryLock().orElseThrow()) {
                System.out.println("locked");
                System.out.flush();
                while (System.in.read() != -1) {
                    // wait for the test to close our input
                }
            }
        }
    }

    static void overwriteRandomBlocks(Path file, int blocks, Random random) throws IOException {
        try (var f = new RandomAccessFile(file.toFile(), "rw")) {
            byte[] block = new byte[64];
            for (int i = 0; i < blocks; i++) {
                random.nextBytes(block);
                f.seek(random.nextLong(Math.max(1, f.length() - block.length)));
                f.write(block, 0, (int) Math.min(block.length, f.length()));
            }
        }
    }

    private static Path largestCompoundFile(Path gen) throws IOException {
        try (Stream<Path> files = Files.list(gen)) {
            return files.filter(p -> p.toString().endsWith(".cfs")).max(Comparator.comparingLong(IndexIntegrityTest::size))
                    .orElseThrow();
        }
    }

    private static List<Path> luceneFiles(Path gen) throws IOException {
        try (Stream<Path> files = Files.list(gen)) {
            return files.filter(p -> !p.getFileName().toString().endsWith(".vectors")
                    && !p.getFileName().toString().equals("write.lock")
                    && !p.getFileName().toString().equals(VerifiedFiles.FILE)).sorted().toList();
        }
    }

    private static long size(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path copy(Path gen) throws IOException {
        Path target = Fixtures.tempDir("damaged-copy");
        try (Stream<Path> files = Files.list(gen)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Files.copy(p, target.resolve(p.getFileName()));
            }
        }
        return target;
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private IndexContent content() {
        return new Chunker(ChunkingParams.of(256), embedder::countTokens).content(new CorpusLoader().load(Fixtures.FIXTURE_CORPUS));
    }
}
