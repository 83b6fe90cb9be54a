package mltutor.io;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/**
 * Why a file could not be read or written, in the words a user expects ("permission denied", "not valid UTF-8").
 * Java's own messages often say only the path ({@code AccessDeniedException}) or a decoder detail ("Input length
 * = 1").
 */
public final class FileErrorMessage {
    private FileErrorMessage() {
    }

    /** The reason alone, without the path; the caller says which file and what it was doing. */
    public static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "no such file or directory";
        }
        if (e instanceof NotDirectoryException) {
            return "not a directory";
        }
        if (e instanceof CharacterCodingException) {
            return "not valid UTF-8";
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** "{@code what}: reason", e.g. "cannot read /data/gaps.jsonl: permission denied". */
    public static String describe(String what, IOException e) {
        return what + ": " + reason(e);
    }
}
