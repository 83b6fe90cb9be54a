package mltutor.index;

import static mltutor.index.IndexFields.*;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;
import mltutor.chunking.Chunk;
import mltutor.chunking.EntryFields;
import mltutor.chunking.IndexContent;
import mltutor.embedding.LocalEmbedder;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Embeds chunks (those the embedding cache lacks) and writes them, with their BM25 text, into a new index generation,
 * then publishes it. The chunks are split into {@link #PARTS} parts by entry id, and the entries' lexical documents
 * into {@link #LEXICAL_PARTS} more; each part is its own small index in
 * the {@link SegmentStore}, keyed by a SHA-256 of its documents, and the generation is assembled from the parts'
 * segments. After an edit only the edited entry's part and the lexical part are written again; the others' segments, HNSW graphs
 * included, are copied as they are. A fresh build goes the same way with every part new, so an incremental build
 * and a fresh one of the same corpus give the same segments, documents in the same order, and the same scores
 * (BM25 statistics are summed over segments; nothing is ever deleted, so no deleted document counts).
 */
public final class IndexBuilder {
    private static final Logger LOG = LoggerFactory.getLogger(IndexBuilder.class);
    /** Parts (segments) of an index: about 340 chunks each for the real corpus, a fraction of a second to write. */
    static final int PARTS = 16;
    /** Parts of the entries' lexical documents (no vectors): about 53 entries each for the real corpus. */
    static final int LEXICAL_PARTS = 4;
    private final IndexStore store;
    private final LocalEmbedder embedder;

    public IndexBuilder(IndexStore store, LocalEmbedder embedder) {
        this.store = store;
        this.embedder = embedder;
    }

    /**
     * A published generation and what it cost: chunks the model embedded (the rest came from the embedding
     * cache), and segments copied from the last build as they were or written anew.
     */
    public record Built(Path generation, int embedded, int segmentsReused, int segmentsWritten) {
    }

    /**
     * Builds and publishes a generation for these chunks, embedding only the chunks the embedding cache does not
     * hold and writing only the parts whose documents changed, and then rewrites the cache with exactly this build's
     * vectors. If anything fails (including the progress callback), the partial generation is discarded and the
     * previous index stays current. The caller holds the data directory's lock, so no other build writes the cache
     * or the segments meanwhile.
     */
    public Built build(IndexContent content, String fingerprint, IntConsumer progress) {
        Path generation = store.newGeneration();
        try {
            List<Chunk> chunks = content.chunks();
            String model = IndexFingerprint.model(embedder.spec(), store.dataDir());
            String prefix = embedder.spec().passagePrefix();
            long reading = System.nanoTime();
            var cache = EmbeddingCache.read(store.dataDir(), embedder.dimension());
            var keys = new ArrayList<EmbeddingCache.Key>(chunks.size());
            var vectors = new ArrayList<float[]>(chunks.size());
            var missing = new ArrayList<Integer>();
            for (int i = 0; i < chunks.size(); i++) {
                var key = EmbeddingCache.key(model, prefix, chunks.get(i).embeddingText());
                keys.add(key);
                vectors.add(cache.get(key).orElse(null));
                if (vectors.get(i) == null) {
                    missing.add(i);
                }
            }
            int cached = chunks.size() - missing.size();
            LOG.debug("read the embedding cache and keyed {} chunks in {} ms", chunks.size(), (System.nanoTime() - reading) / 1_000_000);
            progress.accept(cached);
            List<float[]> fresh = embedder.embedPassages(
                    missing.stream().map(i -> chunks.get(i).embeddingText()).toList(), done -> progress.accept(cached + done));
            for (int j = 0; j < missing.size(); j++) {
                vectors.set(missing.get(j), fresh.get(j));
            }
            LOG.info("embedded {} of {} chunks ({} from the embedding cache)", missing.size(), chunks.size(), cached);
            long writing = System.nanoTime();
            var segments = new SegmentStore(store.dataDir());
            var parts = parts(content, vectors, keys);
            LOG.debug("keyed {} parts in {} ms", parts.size(), (System.nanoTime() - writing) / 1_000_000);
            int reused = assemble(segments, parts, generation, fingerprint);
            int written = parts.size() - reused;
            LOG.info("wrote {} of {} index segments ({} reused unchanged from the last build) in {} ms", written,
                    parts.size(), reused, (System.nanoTime() - writing) / 1_000_000);
            long publishing = System.nanoTime();
            store.publish(generation);
            EmbeddingCache.write(store.dataDir(), keys, vectors);
            LOG.debug("published and wrote the embedding cache in {} ms", (System.nanoTime() - publishing) / 1_000_000);
            segments.retainOnly(parts.stream().map(Part::key).toList());
            return new Built(generation, missing.size(), reused, written);
        } catch (RuntimeException | Error e) {
            store.discard(generation);
            throw e;
        }
    }

    /**
     * Writes the parts the segment store lacks and assembles the generation from all of them; the number reused.
     * Copying checks each file's checksum: when a stored segment was damaged since it was written, every part is
     * written again (the cost of a full build) rather than failing.
     */
    private int assemble(SegmentStore segments, List<Part> parts, Path generation, String fingerprint) {
        int reused = writeMissing(segments, parts);
        try {
            segments.assemble(generation, parts.stream().map(Part::key).toList(), FINGERPRINT, fingerprint);
            return reused;
        } catch (java.io.UncheckedIOException e) {
            if (reused == 0) {
                throw e;
            }
            LOG.warn("the stored index segments cannot be copied ({}); writing every segment again", e.getMessage());
            segments.clear();
            IndexStore.deleteTree(generation);
            try {
                java.nio.file.Files.createDirectories(generation);
            } catch (java.io.IOException io) {
                throw new java.io.UncheckedIOException("cannot create " + generation + ": " + IndexStore.describe(io), io);
            }
            writeMissing(segments, parts);
            segments.assemble(generation, parts.stream().map(Part::key).toList(), FINGERPRINT, fingerprint);
            return 0;
        }
    }

    /**
     * Writes the parts the store lacks; the number it already had. Each part is its own index in its own directory,
     * so they are written side by side (after an edit, two parts: the edited entry's chunks and its lexical part).
     */
    private static int writeMissing(SegmentStore segments, List<Part> parts) {
        List<Part> missing = parts.stream().filter(p -> !segments.has(p.key())).toList();
        missing.parallelStream().forEach(p -> segments.write(p.key(), p.documents()));
        return parts.size() - missing.size();
    }

    /** Forgets every stored segment, so the next build writes each part anew (the remedy for a damaged one). */
    void forgetSegments() {
        new SegmentStore(store.dataDir()).clear();
    }

    /**
     * One part of the corpus: the chunks (with their vectors and embedding-cache keys) and the lexical documents of
     * its entries, and a key for all of it.
     */
    private record Part(List<Chunk> chunks, List<float[]> vectors, List<EntryFields> entries, String key) {
        static Part of(List<Chunk> chunks, List<float[]> vectors, List<EmbeddingCache.Key> vectorKeys,
                       List<EntryFields> entries) {
            return new Part(chunks, vectors, entries, key(chunks, vectorKeys, entries));
        }

        /**
         * A SHA-256 of everything the part's documents hold, and of the document layout and Lucene version. A vector
         * enters by its embedding-cache key (the model's fingerprint, the passage prefix and the text), which fixes
         * it: the cache holds the model's vector for the key, and the model gives the same vector for the same text.
         */
        private static String key(List<Chunk> chunks, List<EmbeddingCache.Key> vectorKeys, List<EntryFields> entries) {
            var sha = new Sha();
            sha.add("part|format=" + IndexFingerprint.FORMAT_VERSION + "|lucene=" + org.apache.lucene.util.Version.LATEST);
            for (int i = 0; i < chunks.size(); i++) {
                Chunk c = chunks.get(i);
                sha.add(c.chunkId(), c.entryId(), c.question(), c.section(), c.origin(), c.kind(), c.heading(), c.text(),
                        c.url() == null ? "\0no-url" : c.url(), vectorKeys.get(i).hex());
            }
            for (EntryFields e : entries) {
                sha.add(e.entryId(), e.question(), e.origin(), e.body());
                for (List<String> list : List.of(e.phrasings(), e.tags(), e.keyPoints(), e.headings())) {
                    sha.add(String.valueOf(list.size()));
                    list.forEach(sha::add);
                }
            }
            return sha.hex();
        }

        List<Document> documents() {
            var docs = new ArrayList<Document>(chunks.size() + entries.size());
            for (int i = 0; i < chunks.size(); i++) {
                docs.add(document(chunks.get(i), vectors.get(i)));
            }
            entries.forEach(e -> docs.add(document(e)));
            return docs;
        }
    }

    /**
     * The chunks split by entry id into at most {@link #PARTS} non-empty parts, in part order and content order
     * within, then the entries' lexical documents in {@link #LEXICAL_PARTS} parts. Fewer lexical parts: field-weighted
     * BM25 looks up each of its up to 900 clauses in every segment holding the fields, and over 16 segments that cost
     * 4.4 ms more per search than over one (measured on the real corpus); but one part of all 211 lexical documents
     * took 1.3 s to write again after every edit in a fresh JVM (their analysis, word pairs included).
     */
    private static List<Part> parts(IndexContent content, List<float[]> vectors, List<EmbeddingCache.Key> keys) {
        var chunks = new ArrayList<List<Chunk>>();
        var vecs = new ArrayList<List<float[]>>();
        var vecKeys = new ArrayList<List<EmbeddingCache.Key>>();
        for (int p = 0; p < PARTS; p++) {
            chunks.add(new ArrayList<>());
            vecs.add(new ArrayList<>());
            vecKeys.add(new ArrayList<>());
        }
        for (int i = 0; i < content.chunks().size(); i++) {
            int p = part(content.chunks().get(i).entryId());
            chunks.get(p).add(content.chunks().get(i));
            vecs.get(p).add(vectors.get(i));
            vecKeys.get(p).add(keys.get(i));
        }
        var out = new ArrayList<Part>();
        for (int p = 0; p < PARTS; p++) {
            if (!chunks.get(p).isEmpty()) {
                out.add(Part.of(chunks.get(p), vecs.get(p), vecKeys.get(p), List.of()));
            }
        }
        var lexical = new ArrayList<List<EntryFields>>();
        for (int p = 0; p < LEXICAL_PARTS; p++) {
            lexical.add(new ArrayList<>());
        }
        content.entries().forEach(e -> lexical.get(part(e.entryId()) * LEXICAL_PARTS / PARTS).add(e));
        for (List<EntryFields> entries : lexical) {
            if (!entries.isEmpty()) {
                out.add(Part.of(List.of(), List.of(), List.of(), entries));
            }
        }
        return out;
    }

    /** The part of an entry: by String.hashCode, which the Java specification fixes, so it never moves. */
    static int part(String entryId) {
        return Math.floorMod(entryId.hashCode(), PARTS);
    }

    /** A SHA-256 over length-prefixed parts. */
    private static final class Sha {
        private final java.security.MessageDigest sha;

        Sha() {
            try {
                sha = java.security.MessageDigest.getInstance("SHA-256");
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        void add(String... parts) {
            for (String p : parts) {
                bytes(p.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
        }

        void bytes(byte[] b) {
            sha.update(java.nio.ByteBuffer.allocate(4).putInt(b.length).array());
            sha.update(b);
        }

        String hex() {
            return java.util.HexFormat.of().formatHex(sha.digest());
        }
    }

    private static Document document(Chunk c, float[] vector) {
        var doc = new Document();
        doc.add(new StringField(CHUNK_ID, c.chunkId(), Field.Store.YES));
        doc.add(new StringField(ENTRY_ID, c.entryId(), Field.Store.YES));
        doc.add(new TextField(QUESTION, c.question(), Field.Store.YES));
        doc.add(new TextField(TEXT, c.heading() + "\n" + c.text(), Field.Store.NO));
        doc.add(new StoredField(STORED_TEXT, c.text()));
        doc.add(new StoredField(HEADING, c.heading()));
        doc.add(new StoredField(SECTION, c.section()));
        doc.add(new StoredField(ORIGIN, c.origin()));
        doc.add(new StringField(KIND, c.kind(), Field.Store.YES));
        if (c.url() != null) {
            doc.add(new StoredField(URL, c.url()));
        }
        doc.add(new KnnFloatVectorField(VECTOR, vector, VectorSimilarityFunction.DOT_PRODUCT));
        return doc;
    }

    /** The lexical document of one entry: its fields separately, for field-weighted BM25. */
    private static Document document(EntryFields e) {
        var doc = new Document();
        doc.add(new StringField(CHUNK_ID, e.entryId() + "#fields", Field.Store.YES));
        doc.add(new StringField(ENTRY_ID, e.entryId(), Field.Store.YES));
        doc.add(new StringField(KIND, ENTRY_DOC, Field.Store.YES));
        doc.add(new TextField(QUESTION, e.question(), Field.Store.YES)); // same field type as in chunks
        doc.add(new StoredField(ORIGIN, e.origin()));
        doc.add(new StoredField(SECTION, ""));
        doc.add(new StoredField(HEADING, ""));
        doc.add(new StoredField(STORED_TEXT, ""));
        // Stored so search can tell whether a query's terms are what the entry is about (its core fields)
        // or only mentioned along the way; the phrasings separately, so evaluation can hold one out.
        doc.add(new StoredField(CORE, e.question() + "\n" + String.join(" ", e.tags()).replace('-', ' ') + "\n"
                + String.join("\n", e.keyPoints()) + "\n" + String.join("\n", e.headings())));
        e.phrasings().forEach(p -> doc.add(new StoredField(PHRASINGS, p)));
        doc.add(new StoredField(BODY, e.body()));
        doc.add(new TextField(F_QUESTION, e.question(), Field.Store.NO));
        e.phrasings().forEach(p -> doc.add(new TextField(F_PHRASINGS, p, Field.Store.NO)));
        doc.add(new TextField(F_TAGS, String.join(" ", e.tags()).replace('-', ' '), Field.Store.NO));
        e.keyPoints().forEach(k -> doc.add(new TextField(F_KEY_POINTS, k, Field.Store.NO)));
        doc.add(new TextField(F_HEADINGS, String.join("\n", e.headings()), Field.Store.NO));
        doc.add(new TextField(F_BODY, e.body(), Field.Store.NO));
        doc.add(new TextField(F_BIGRAMS, e.core() + "\n" + e.body(), Field.Store.NO));
        return doc;
    }
}
