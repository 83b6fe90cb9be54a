package mltutor.io;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileErrorMessageTest {
    @Test
    void saysPermissionDeniedWhereJavaSaysOnlyThePath() {
        var e = new AccessDeniedException("/data/gen-1");
        assertEquals("/data/gen-1", e.getMessage(), "what users saw before");
        assertEquals("permission denied", FileErrorMessage.reason(e));
        assertEquals("cannot create /data/gen-1: permission denied",
                FileErrorMessage.describe("cannot create /data/gen-1", e));
    }

    @Test
    void saysNotValidUtf8WhereJavaSaysInputLength() {
        var e = new MalformedInputException(1);
        assertEquals("Input length = 1", e.getMessage(), "what users saw before");
        assertEquals("not valid UTF-8", FileErrorMessage.reason(e));
    }

    @Test
    void namesOtherReasons(@TempDir Path dir) {
        assertEquals("no such file or directory", FileErrorMessage.reason(new NoSuchFileException("/x")));
        assertEquals("Read-only file system",
                FileErrorMessage.reason(new FileSystemException("/x", null, "Read-only file system")));
        IOException isDir = assertThrows(IOException.class, () -> Files.readAllBytes(dir));
        assertEquals("Is a directory", FileErrorMessage.reason(isDir));
        IOException missing = assertThrows(IOException.class, () -> Files.readAllBytes(dir.resolve("nope")));
        assertEquals("no such file or directory", FileErrorMessage.reason(missing));
    }
}
