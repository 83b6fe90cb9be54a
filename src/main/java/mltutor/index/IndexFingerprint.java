package mltutor.index;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import mltutor.chunking.ChunkingParams;
import mltutor.embedding.EmbeddingModelSpec;

/**
 * A SHA-256 over everything an index is derived from: the corpus files (names and bytes), the model and
 * tokenizer files, how the model is used (pooling, prefixes), the chunking parameters and the index
 * format. An index whose fingerprint matches can be reused; anything else is rebuilt.
 */
public final class IndexFingerprint {
    /** Bump when the document layout or chunk text changes in a way old indexes would not reflect. */
    static final int FORMAT_VERSION = 5;

    private IndexFingerprint() {
    }

    public static String of(Path corpusDir, EmbeddingModelSpec model, ChunkingParams chunking) {
        return of(corpusDir, model, chunking, FileDigests.computed());
    }

    /**
     * {@link #of(Path, EmbeddingModelSpec, ChunkingParams)}, with the model and tokenizer files' digests remembered
     * in {@code dataDir} while the files are unchanged ({@link FileDigests}), so a start does not hash the model.
     */
    public static String of(Path corpusDir, EmbeddingModelSpec model, ChunkingParams chunking, Path dataDir) {
        return of(corpusDir, model, chunking, FileDigests.rememberedIn(dataDir));
    }

    private static String of(Path corpusDir, EmbeddingModelSpec model, ChunkingParams chunking, FileDigests digests) {
        MessageDigest sha = sha256();
        update(sha, "format=" + FORMAT_VERSION);
        update(sha, "chunking=" + chunking);
        update(sha, "model=" + model.name() + "|" + model.pooling() + "|" + model.queryPrefix() + "|" + model.passagePrefix());
        try (Stream<Path> files = Files.walk(corpusDir)) {
            List<Path> sorted = files.filter(Files::isRegularFile).filter(f -> f.toString().endsWith(".md")).sorted().toList();
            for (Path f : sorted) {
                update(sha, "file=" + corpusDir.relativize(f).toString().replace('\\', '/'));
                sha.update(Files.readAllBytes(f));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot fingerprint the corpus or model: " + e.getMessage(), e);
        }
        update(sha, "modelFile=" + digest(digests, model.modelFile()));
        update(sha, "tokenizerFile=" + digest(digests, model.tokenizerFile()));
        return HexFormat.of().formatHex(sha.digest());
    }

    /**
     * A SHA-256 of what decides a passage's vector besides its text: the model and tokenizer files and the pooling.
     * (The passage prefix is part of each embedding-cache key, see {@link EmbeddingCache#key}.)
     */
    public static String model(EmbeddingModelSpec model) {
        return model(model, FileDigests.computed());
    }

    /** {@link #model(EmbeddingModelSpec)} with the files' digests remembered in {@code dataDir}. */
    static String model(EmbeddingModelSpec model, Path dataDir) {
        return model(model, FileDigests.rememberedIn(dataDir));
    }

    private static String model(EmbeddingModelSpec model, FileDigests digests) {
        // The same value as hashing the files' bytes directly (as before the digest was remembered), so the
        // embedding caches keyed by it stay valid.
        return digests.remembered("model " + model.modelFile().toAbsolutePath().normalize() + " pooling=" + model.pooling(),
                List.of(model.modelFile(), model.tokenizerFile()), () -> {
                    MessageDigest sha = sha256();
                    update(sha, "pooling=" + model.pooling());
                    try {
                        hashFile(sha, model.modelFile());
                        hashFile(sha, model.tokenizerFile());
                    } catch (IOException e) {
                        throw new UncheckedIOException("cannot fingerprint the model: " + e.getMessage(), e);
                    }
                    return HexFormat.of().formatHex(sha.digest());
                });
    }

    private static void hashFile(MessageDigest sha, Path file) throws IOException {
        try (var in = Files.newInputStream(file)) {
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) {
                sha.update(buf, 0, n);
            }
        }
    }

    private static String digest(FileDigests digests, Path file) {
        try {
            return digests.sha256(file);
        } catch (UncheckedIOException e) {
            throw new UncheckedIOException("cannot fingerprint the model: " + e.getMessage(), e.getCause());
        }
    }


    /**
     * A cheap identity of the model (name, pooling, prefixes, the files' sizes and modification times), for caches
     * read at every start, where hashing the 34 MB model would cost a large part of the start-up.
     */
    public static String modelStamp(EmbeddingModelSpec model) {
        MessageDigest sha = sha256();
        update(sha, model.name() + "|" + model.pooling() + "|" + model.queryPrefix() + "|" + model.passagePrefix());
        for (Path f : List.of(model.modelFile(), model.tokenizerFile())) {
            try {
                update(sha, f.toAbsolutePath() + "|" + Files.size(f) + "|" + Files.getLastModifiedTime(f).toMillis());
            } catch (IOException e) {
                update(sha, f + "|unreadable");
            }
        }
        return HexFormat.of().formatHex(sha.digest()).substring(0, 16);
    }


    private static void update(MessageDigest sha, String s) {
        sha.update(s.getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 0);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
