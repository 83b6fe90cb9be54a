package mltutor.index;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The data directory that holds index generations. Each build writes a fresh {@code gen-*} directory;
 * only when it is complete and committed does the {@code CURRENT} file (replaced by an atomic rename)
 * point at it. A crash mid-build leaves an unreferenced directory that the next build deletes, never
 * a half-written index that a start would use.
 */
public final class IndexStore {
    private static final String POINTER = "CURRENT";

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
            throw new UncheckedIOException("cannot create an index directory under " + dataDir + ": " + e.getMessage(), e);
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
            throw new UncheckedIOException("cannot publish the index in " + dataDir + ": " + e.getMessage(), e);
        }
        deleteGenerationsExcept(generation);
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

    private static void deleteTree(Path dir) {
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
