package mltutor.index;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import mltutor.Fixtures;
import org.junit.jupiter.api.Test;

/** A remembered digest is used only for the very same file: other bytes give their own digest, even with the old size and time. */
class FileDigestsTest {
    @Test
    void aFileReplacedWithTheSameSizeAndModificationTimeIsHashedAgain() throws IOException {
        Path data = Fixtures.tempDir("digests");
        Path model = Fixtures.tempDir("digests-model").resolve("model.onnx");
        Files.writeString(model, "weights version one");
        var digests = FileDigests.rememberedIn(data);
        String first = digests.sha256(model);
        assertEquals(FileDigests.compute(model), first);
        assertTrue(Files.readString(data.resolve(FileDigests.FILE)).contains(first), "the digest is remembered");
        assertEquals(first, FileDigests.rememberedIn(data).sha256(model));

        var time = Files.getLastModifiedTime(model);
        Files.writeString(model, "weights version two");
        Files.setLastModifiedTime(model, time);
        assertEquals(Files.size(model), "weights version one".length());
        String second = FileDigests.rememberedIn(data).sha256(model);
        assertNotEquals(first, second, "same size and modification time, other bytes: hashed again (the ctime differs)");
        assertEquals(FileDigests.compute(model), second);
    }

    @Test
    void aDamagedListIsIgnored() throws IOException {
        Path data = Fixtures.tempDir("digests-damaged");
        Path model = Fixtures.tempDir("digests-model").resolve("model.onnx");
        Files.writeString(model, "weights");
        String real = FileDigests.rememberedIn(data).sha256(model);
        Path list = data.resolve(FileDigests.FILE);
        Files.writeString(list, Files.readString(list).replace(real, "0".repeat(real.length())));
        assertEquals(real, FileDigests.rememberedIn(data).sha256(model), "a list that fails its CRC is not used");
    }

    @Test
    void theRememberedModelFingerprintIsTheOneComputedFromTheFilesBytes() {
        Path data = Fixtures.tempDir("digests-model-fp");
        var spec = Fixtures.embedder().spec();
        String computed = IndexFingerprint.model(spec);
        assertEquals(computed, IndexFingerprint.model(spec, data), "first time: computed and remembered");
        assertEquals(computed, IndexFingerprint.model(spec, data), "then remembered: the same value, so embedding caches stay valid");
    }
}
