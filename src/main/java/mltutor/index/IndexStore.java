package mltutor.index;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The data directory that holds index generations. Each build writes a fresh {@code gen-*} directory;
 * only when it is complete and committed does the {@code CURRENT} file (replaced by an atomic rename)
 * point at it. A crash mid-build leaves an unreferenced directory that the next build deletes, never
 * a half-written index that a start would use. Whatever changes the directory (building, publishing, deleting
 * generations) holds its {@link DataDirLock}, so two processes on one data directory never delete each other's
 * generation mid-build; reading the current generation needs no lock.
 */
public final class IndexStore {
    private static final Logger LOG = LoggerFactory.getLogger(IndexStore.class);
    private static final String POINTER = "CURRENT";
    private static final Duration POLL = Duration.ofMillis(200);

    private final Path dataDir;

    public IndexStore(Path dataDir) {
        this.dataDir = dataDir;
    }

    public Path dataDir() {
        return dataDir;
    }

    /** The directory CURRENT points at, if there is one. */
    public Optional<Path> current() {
        Path pointer = dataDir.resolve(POINTER);
        if (!Files.isRegularFile(pointer)) {
            return Optional.empty();
        }
        try {
            String name = Files.readString(pointer, StandardCharsets.UTF_8).strip();
            Path dir = dataDir.resolve(name).normalize();
            return name.startsWith("gen-") && dir.getParent().equals(dataDir.normalize()) && Files.isDirectory(dir)
                    ? Optional.of(dir) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** A new, empty directory for a build. */
    public Path newGeneration() {
        try {
            Files.createDirectories(dataDir);
            return Files.createDirectory(dataDir.resolve("gen-" + System.currentTimeMillis() + "-"
                    + UUID.randomUUID().toString().substring(0, 8)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create an index directory under " + dataDir + ": " + describe(e), e);
        }
    }

    /** Points CURRENT at a completed generation, atomically, then deletes every other generation. */
    public void publish(Path generation) {
        Path tmp = dataDir.resolve(POINTER + ".tmp");
        try {
            Files.writeString(tmp, generation.getFileName().toString(), StandardCharsets.UTF_8);
            try {
                Files.move(tmp, dataDir.resolve(POINTER), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, dataDir.resolve(POINTER), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot publish the index in " + dataDir + ": " + describe(e), e);
        }
        deleteGenerationsExcept(generation);
    }

    /** The lock on this data directory if nobody else holds it; see {@link DataDirLock#tryObtain}. */
    Optional<DataDirLock> tryLock() {
        return DataDirLock.tryObtain(dataDir);
    }

    /**
     * The lock on this data directory, waiting up to {@code maxWait} while another process holds it (building its
     * index, which takes minutes for the real corpus). Past that, an UncheckedIOException in one line.
     */
    DataDirLock lock(Duration maxWait) {
        long deadline = System.nanoTime() + maxWait.toNanos();
        boolean told = false;
        while (true) {
            Optional<DataDirLock> lock = tryLock();
            if (lock.isPresent()) {
                return lock.get();
            }
            if (System.nanoTime() > deadline) {
                throw new UncheckedIOException(new IOException("the data directory " + dataDir
                        + " is in use by another tutor process that is changing its index (lock file "
                        + dataDir.resolve(DataDirLock.FILE) + " held for over " + maxWait.toSeconds()
                        + " s); stop that process or use another data directory"));
            }
            if (!told) {
                LOG.info("waiting for another tutor process to finish changing the index in {}", dataDir);
                told = true;
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new UncheckedIOException(new IOException("interrupted while waiting for the lock on " + dataDir));
            }
        }
    }

    /**
     * Deletes the generations CURRENT does not point at, and a stale CURRENT.tmp: what a crash or a killed build
     * left behind. Only under the lock, since another process's build in progress looks just the same.
     */
    List<String> deleteOrphans(DataDirLock heldLock) {
        Optional<Path> current = current();
        var deleted = new ArrayList<String>();
        try (Stream<Path> entries = Files.list(dataDir)) {
            for (Path p : (Iterable<Path>) entries::iterator) {
                String name = p.getFileName().toString();
                boolean orphan = name.startsWith("gen-") && Files.isDirectory(p) && !current.map(p::equals).orElse(false);
                if (orphan || name.equals(POINTER + ".tmp")) {
                    deleteTree(p);
                    deleted.add(name);
                }
            }
        } catch (IOException e) {
            LOG.warn("cannot list {} to delete leftover index generations: {}", dataDir, describe(e));
        }
        if (!deleted.isEmpty()) {
            LOG.info("deleted {} leftover index generation(s) in {}: {}", deleted.size(), dataDir, deleted);
        }
        return deleted;
    }

    /**
     * An I/O error in plain words: Java reports a refused permission as an AccessDeniedException whose message is
     * only the path, which reads like "cannot create an index directory under data: data/gen-1".
     */
    static String describe(IOException e) {
        if (e instanceof AccessDeniedException a) {
            return "permission denied" + (a.getFile() == null ? "" : " (" + a.getFile() + ")");
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason() + (f.getFile() == null ? "" : " (" + f.getFile() + ")");
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** Removes a generation that failed to build. */
    public void discard(Path generation) {
        deleteTree(generation);
    }

    private void deleteGenerationsExcept(Path keep) {
        try (Stream<Path> dirs = Files.list(dataDir)) {
            dirs.filter(d -> d.getFileName().toString().startsWith("gen-") && !d.equals(keep)).forEach(IndexStore::deleteTree);
        } catch (IOException e) {
            // Leftover generations only cost disk; the next publish tries again.
        }
    }

    static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // Best effort, as above.
        }
    }
}
