package mltutor.index;

import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.lucene.codecs.CodecUtil;
import org.apache.lucene.index.CorruptIndexException;
import org.apache.lucene.store.ChecksumIndexInput;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.IOContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chunk vectors from earlier builds, keyed by content: a SHA-256 of the model's fingerprint, the passage prefix
 * and the exact text embedded. A rebuild embeds only the texts whose key is new, so editing one entry costs the
 * model calls of that entry's chunks. The file lives in the data directory beside the generations, carries
 * Lucene's codec header and checksum footer, is written to a temporary file and moved into place (a crash
 * never leaves half a file), and holds only the keys of the last build (pruned). A file that fails any check
 * is ignored with one warning: the cost is embedding again, never a wrong vector.
 */
final class EmbeddingCache {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddingCache.class);
    static final String FILE = "embeddings.cache";
    private static final String CODEC = "MlTutorEmbeddingCache";
    private static final int VERSION = 1;
    private static final int KEY_BYTES = 32;

    /** A key's 32 bytes as a map key. */
    record Key(String hex) {
    }

    private final Map<Key, float[]> vectors;

    private EmbeddingCache(Map<Key, float[]> vectors) {
        this.vectors = vectors;
    }

    static EmbeddingCache empty() {
        return new EmbeddingCache(Map.of());
    }

    /** The key of one text embedded as a passage by this model with this prefix. */
    static Key key(String modelFingerprint, String passagePrefix, String text) {
        MessageDigest sha = sha256();
        for (String part : List.of(modelFingerprint, passagePrefix, text)) {
            byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
            // Length-prefixed, so no split of the same characters between prefix and text gives the same key.
            sha.update(java.nio.ByteBuffer.allocate(4).putInt(bytes.length).array());
            sha.update(bytes);
        }
        return new Key(HexFormat.of().formatHex(sha.digest()));
    }

    Optional<float[]> get(Key key) {
        return Optional.ofNullable(vectors.get(key));
    }

    int size() {
        return vectors.size();
    }

    /**
     * The cache in {@code dataDir}, or an empty one when there is none or it cannot be trusted: damaged,
     * truncated, of another format or vector dimension (one warning saying so).
     */
    static EmbeddingCache read(Path dataDir, int dimension) {
        Path file = dataDir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return empty();
        }
        try (var dir = FSDirectory.open(dataDir); ChecksumIndexInput in = dir.openChecksumInput(FILE, IOContext.READONCE)) {
            CodecUtil.checkHeader(in, CODEC, VERSION, VERSION);
            int dim = in.readInt();
            int count = in.readInt();
            long expectedLength = CodecUtil.headerLength(CODEC) + 8L + (long) count * (KEY_BYTES + 4L * dim)
                    + CodecUtil.footerLength();
            if (dim != dimension || count < 0 || expectedLength != in.length()) {
                throw new CorruptIndexException("holds " + count + " vectors of dimension " + dim + " in " + in.length()
                        + " bytes, expected dimension " + dimension, in);
            }
            var map = new HashMap<Key, float[]>(count * 2);
            // One bulk read per record: reading 4 bytes at a time through the checksumming input took ~0.4 s.
            byte[] record = new byte[KEY_BYTES + 4 * dim];
            var floats = java.nio.ByteBuffer.wrap(record, KEY_BYTES, 4 * dim).slice()
                    .order(java.nio.ByteOrder.LITTLE_ENDIAN).asFloatBuffer(); // Lucene's DataOutput is little-endian
            for (int i = 0; i < count; i++) {
                in.readBytes(record, 0, record.length);
                float[] v = new float[dim];
                floats.get(0, v);
                map.put(new Key(HexFormat.of().formatHex(record, 0, KEY_BYTES)), v);
            }
            CodecUtil.checkFooter(in);
            return new EmbeddingCache(map);
        } catch (CorruptIndexException | EOFException | NoSuchFileException
                 | org.apache.lucene.index.IndexFormatTooOldException | org.apache.lucene.index.IndexFormatTooNewException e) {
            LOG.warn("ignoring the embedding cache {}: it is damaged, truncated or not a cache of this version ({});"
                    + " every chunk is embedded again", file, e.getMessage());
        } catch (IOException e) {
            LOG.warn("ignoring the embedding cache {}: it cannot be read ({}); every chunk is embedded again", file,
                    IndexStore.describe(e));
        }
        return empty();
    }

    /**
     * Writes exactly these keys and vectors (so keys no build uses any more are dropped) to a temporary file in
     * {@code dataDir} and moves it over the cache. A failure only costs the next build its shortcut, so it is logged.
     */
    static void write(Path dataDir, List<Key> keys, List<float[]> vectors) {
        var unique = new java.util.LinkedHashMap<Key, float[]>();
        for (int i = 0; i < keys.size(); i++) {
            unique.put(keys.get(i), vectors.get(i));
        }
        int dim = vectors.isEmpty() ? 0 : vectors.get(0).length;
        try {
            AtomicFile.replaceChecksummed(dataDir.resolve(FILE), CODEC, VERSION, out -> {
                out.writeInt(dim);
                out.writeInt(unique.size());
                for (var e : unique.entrySet()) {
                    byte[] key = HexFormat.of().parseHex(e.getKey().hex());
                    out.writeBytes(key, key.length);
                    for (float x : e.getValue()) {
                        out.writeInt(Float.floatToIntBits(x));
                    }
                }
            });
        } catch (IOException e) {
            LOG.info("cannot write the embedding cache in {} ({}); the next build embeds every chunk", dataDir,
                    IndexStore.describe(e));
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
