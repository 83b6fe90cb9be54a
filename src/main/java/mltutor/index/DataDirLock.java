package mltutor.index;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Optional;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.Lock;
import org.apache.lucene.store.LockObtainFailedException;
import org.apache.lucene.store.NativeFSLockFactory;
import org.apache.lucene.util.IOUtils;

/**
 * The exclusive right to change a data directory: build, publish and delete generations. It is an OS file lock
 * (Lucene's {@link NativeFSLockFactory}) on {@value #FILE}, so the OS releases it when a process dies, and Lucene
 * also refuses a second holder inside one JVM. Reading the current generation needs no lock.
 */
final class DataDirLock implements AutoCloseable {
    static final String FILE = "tutor.lock";

    private final FSDirectory directory;
    private final Lock lock;

    private DataDirLock(FSDirectory directory, Lock lock) {
        this.directory = directory;
        this.lock = lock;
    }

    /**
     * The lock, or empty when another process (or another loader in this JVM) holds it. Failing to create the lock
     * file (a read-only data directory, say) is an UncheckedIOException that says why in plain words.
     */
    static Optional<DataDirLock> tryObtain(Path dataDir) {
        FSDirectory directory = null;
        try {
            directory = FSDirectory.open(dataDir, NativeFSLockFactory.INSTANCE);
            return Optional.of(new DataDirLock(directory, directory.obtainLock(FILE)));
        } catch (LockObtainFailedException e) {
            IOUtils.closeWhileHandlingException(directory);
            return Optional.empty();
        } catch (IOException e) {
            IOUtils.closeWhileHandlingException(directory);
            throw new UncheckedIOException("cannot lock the data directory " + dataDir + ": " + IndexStore.describe(e), e);
        }
    }

    @Override
    public void close() {
        IOUtils.closeWhileHandlingException(lock, directory);
    }
}
