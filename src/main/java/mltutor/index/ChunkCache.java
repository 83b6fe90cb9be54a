package mltutor.index;

import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import mltutor.chunking.Chunk;
import mltutor.chunking.Chunker;
import mltutor.chunking.ChunkingParams;
import mltutor.chunking.IndexContent;
import mltutor.corpus.Corpus;
import mltutor.corpus.Entry;
import mltutor.corpus.Resource;
import mltutor.embedding.EmbeddingModelSpec;
import org.apache.lucene.codecs.CodecUtil;
import org.apache.lucene.index.CorruptIndexException;
import org.apache.lucene.store.ChecksumIndexInput;
import org.apache.lucene.store.DataInput;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.IOContext;
import org.apache.lucene.store.IndexOutput;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The chunks of every entry and resource from the last build, keyed by {@link Chunker#sourceKey} (everything the
 * chunker reads from it), so a rebuild after an edit cuts only the changed files again: cutting the whole corpus
 * counts the tokens of every candidate piece, about 10 s. The file is valid only for one chunking context (the
 * chunker's parameters and a SHA-256 of the tokenizer file, which counts the tokens); another context, a damaged
 * or truncated file is ignored (a warning for damage) and every source is cut again. It lives in the data
 * directory beside the embedding cache with the same discipline: codec header and checksum footer, written to a
 * temporary file and moved into place, holding only the sources of the last content made.
 */
public final class ChunkCache {
    private static final Logger LOG = LoggerFactory.getLogger(ChunkCache.class);
    static final String FILE = "chunks.cache";
    private static final String CODEC = "MlTutorChunkCache";
    /** Bump when the chunker cuts differently for the same input. */
    private static final int VERSION = 1;

    private final Path dataDir;
    private final String context;

    /**
     * The chunk cache of {@code dataDir} for this chunking and tokenizer; the tokenizer file's SHA-256 comes from
     * the data directory's digest cache, so it is not hashed again at every build.
     */
    public ChunkCache(Path dataDir, ChunkingParams params, EmbeddingModelSpec model) {
        this(dataDir, "v" + VERSION + "|" + params + "|maxTokens=" + model.maxTokens() + "|tokenizer="
                + FileDigests.rememberedIn(dataDir).sha256(model.tokenizerFile()));
    }

    ChunkCache(Path dataDir, String context) {
        this.dataDir = dataDir;
        this.context = context;
    }

    /**
     * The content of the corpus: chunks of unchanged sources from the cache, the others cut by {@code chunker};
     * the cache is then rewritten with exactly this corpus's sources when anything changed.
     */
    public IndexContent content(Corpus corpus, Chunker chunker) {
        long start = System.nanoTime();
        Map<String, List<Chunk>> known = read();
        var now = new LinkedHashMap<String, List<Chunk>>();
        var chunks = new ArrayList<Chunk>();
        int rechunked = 0, sources = 0;
        for (Entry e : corpus.entries()) {
            String key = Chunker.sourceKey(e);
            List<Chunk> cs = known.get(key);
            if (cs == null) {
                cs = chunker.chunk(e);
                rechunked += cs.size();
                sources++;
            }
            now.put(key, cs);
            chunks.addAll(cs);
        }
        for (Resource r : corpus.resources()) {
            String key = Chunker.sourceKey(r);
            List<Chunk> cs = known.get(key);
            if (cs == null) {
                cs = chunker.chunk(r);
                rechunked += cs.size();
                sources++;
            }
            now.put(key, cs);
            chunks.addAll(cs);
        }
        LOG.info("chunked {} of {} entries and resources again ({} of {} chunks; the rest from the chunk cache) in {} ms",
                sources, now.size(), rechunked, chunks.size(), (System.nanoTime() - start) / 1_000_000);
        if (sources > 0 || known.size() != now.size()) {
            write(now);
        }
        return new IndexContent(chunks, Chunker.fields(corpus), rechunked);
    }

    /** The cached chunks by source key; empty when there is no usable cache. */
    Map<String, List<Chunk>> read() {
        Path file = dataDir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return Map.of();
        }
        try (var dir = FSDirectory.open(dataDir); ChecksumIndexInput in = dir.openChecksumInput(FILE, IOContext.READONCE)) {
            CodecUtil.checkHeader(in, CODEC, VERSION, VERSION);
            String builtFor = in.readString();
            int sources = in.readVInt();
            var map = new HashMap<String, List<Chunk>>(sources * 2);
            for (int i = 0; i < sources; i++) {
                String key = in.readString();
                int n = in.readVInt();
                var cs = new ArrayList<Chunk>(n);
                for (int j = 0; j < n; j++) {
                    cs.add(readChunk(in));
                }
                map.put(key, List.copyOf(cs));
            }
            CodecUtil.checkFooter(in);
            if (!builtFor.equals(context)) {
                // Expected after a change of tokenizer or chunking parameters: not a warning.
                LOG.info("not using the chunk cache {}: it was made for another tokenizer or chunking parameters;"
                        + " every entry is chunked again", file);
                return Map.of();
            }
            return map;
        } catch (CorruptIndexException | EOFException | NoSuchFileException
                 | org.apache.lucene.index.IndexFormatTooOldException | org.apache.lucene.index.IndexFormatTooNewException e) {
            LOG.warn("ignoring the chunk cache {}: it is damaged, truncated or not a cache of this version ({});"
                    + " every entry is chunked again", file, e.getMessage());
        } catch (IOException | RuntimeException e) {
            LOG.warn("ignoring the chunk cache {}: it cannot be read ({}); every entry is chunked again", file,
                    e instanceof IOException io ? IndexStore.describe(io) : e.toString());
        }
        return Map.of();
    }

    private void write(Map<String, List<Chunk>> bySource) {
        try {
            AtomicFile.replaceChecksummed(dataDir.resolve(FILE), CODEC, VERSION, out -> {
                out.writeString(context);
                out.writeVInt(bySource.size());
                for (var e : bySource.entrySet()) {
                    out.writeString(e.getKey());
                    out.writeVInt(e.getValue().size());
                    for (Chunk c : e.getValue()) {
                        writeChunk(out, c);
                    }
                }
            });
        } catch (IOException e) {
            LOG.info("cannot write the chunk cache in {} ({}); the next build chunks every entry", dataDir,
                    IndexStore.describe(e));
        }
    }

    private static void writeChunk(IndexOutput out, Chunk c) throws IOException {
        for (String s : List.of(c.chunkId(), c.entryId(), c.question(), c.section(), c.origin(), c.kind(), c.heading(),
                c.text())) {
            out.writeString(s);
        }
        out.writeByte((byte) (c.url() == null ? 0 : 1));
        if (c.url() != null) {
            out.writeString(c.url());
        }
    }

    private static Chunk readChunk(DataInput in) throws IOException {
        String[] f = new String[8];
        for (int i = 0; i < f.length; i++) {
            f[i] = in.readString();
        }
        byte hasUrl = in.readByte();
        if (hasUrl != 0 && hasUrl != 1) {
            throw new CorruptIndexException("bad url flag " + hasUrl, "chunk cache");
        }
        return new Chunk(f[0], f[1], f[2], f[3], f[4], f[5], f[6], f[7], hasUrl == 1 ? in.readString() : null);
    }
}
