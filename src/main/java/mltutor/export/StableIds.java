package mltutor.export;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Ids derived from names, so every export gives an entry, deck and note type the same ids: Anki matches an
 * imported note to the one it has by GUID and updates it instead of adding a duplicate.
 */
final class StableIds {
    /** The characters of Anki's own GUIDs (base 91: letters, digits and punctuation). */
    private static final String BASE91 = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
            + "!#$%&()*+,-./:;<=>?@[]^_`{|}~";

    private StableIds() {
    }

    /** A positive id below 2^53 (Anki's ids are milliseconds; this range also survives JSON numbers in JavaScript). */
    static long id(String name) {
        return hash(name) >>> 11;
    }

    /** A GUID in Anki's alphabet from the 64 bits of the name's hash. */
    static String guid(String name) {
        long h = hash(name);
        var sb = new StringBuilder();
        // Unsigned base-91 digits, least significant first, as Anki's guid64 does.
        while (h != 0) {
            sb.append(BASE91.charAt((int) Long.remainderUnsigned(h, BASE91.length())));
            h = Long.divideUnsigned(h, BASE91.length());
        }
        return sb.reverse().toString();
    }

    private static long hash(String name) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.wrap(digest).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
