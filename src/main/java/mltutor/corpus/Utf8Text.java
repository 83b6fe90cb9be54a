package mltutor.corpus;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CoderResult;
import java.nio.charset.StandardCharsets;
import java.util.OptionalInt;

/** Checks that a file's bytes are UTF-8 and, when they are not, finds the line, so the message can point at it. */
final class Utf8Text {
    private Utf8Text() {
    }

    /** The 1-based line of the first byte that is not valid UTF-8, or empty when every byte is. */
    static OptionalInt invalidLine(byte[] bytes) {
        var decoder = StandardCharsets.UTF_8.newDecoder();
        ByteBuffer in = ByteBuffer.wrap(bytes);
        // UTF-8 never decodes to more chars than it has bytes, so the output cannot overflow.
        CharBuffer out = CharBuffer.allocate(bytes.length + 1);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (!result.isError()) {
            return OptionalInt.empty();
        }
        int line = 1;
        for (int i = 0; i < in.position(); i++) {
            if (bytes[i] == '\n') {
                line++;
            }
        }
        return OptionalInt.of(line);
    }
}
