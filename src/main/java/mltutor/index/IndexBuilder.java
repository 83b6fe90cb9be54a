package mltutor.index;

import static mltutor.index.IndexFields.*;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.store.FSDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Embeds chunks (those the embedding cache lacks) and writes them, with their BM25 text, into a new index generation, then publishes it. */
public final class IndexBuilder {
    private static final Logger LOG = LoggerFactory.getLogger(IndexBuilder.class);
    private final IndexStore store;
    private final LocalEmbedder embedder;

    public IndexBuilder(IndexStore store, LocalEmbedder embedder) {
        this.store = store;
        this.embedder = embedder;
    }

    /** A published generation and how many of its chunks had to be embedded (the rest came from the cache). */
    public record Built(Path generation, int embedded) {
    }

    /**
     * Builds and publishes a generation for these chunks, embedding only the chunks the embedding cache does not
     * hold, and then rewrites the cache with exactly this build's vectors. If anything fails (including the
     * progress callback), the partial generation is discarded and the previous index stays current. The caller
     * holds the data directory's lock, so no other build writes the cache meanwhile.
     */
    public Built build(IndexContent content, String fingerprint, IntConsumer progress) {
        Path generation = store.newGeneration();
        try {
            List<Chunk> chunks = content.chunks();
            String model = IndexFingerprint.model(embedder.spec());
            String prefix = embedder.spec().passagePrefix();
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
            progress.accept(cached);
            List<float[]> fresh = embedder.embedPassages(
                    missing.stream().map(i -> chunks.get(i).embeddingText()).toList(), done -> progress.accept(cached + done));
            for (int j = 0; j < missing.size(); j++) {
                vectors.set(missing.get(j), fresh.get(j));
            }
            LOG.info("embedded {} of {} chunks ({} from the embedding cache)", missing.size(), chunks.size(), cached);
            write(generation, content, vectors, fingerprint);
            store.publish(generation);
            EmbeddingCache.write(store.dataDir(), keys, vectors);
            return new Built(generation, missing.size());
        } catch (RuntimeException | Error e) {
            store.discard(generation);
            throw e;
        }
    }

    private static void write(Path dir, IndexContent content, List<float[]> vectors, String fingerprint) {
        var config = new IndexWriterConfig(IndexFields.analyzer()).setOpenMode(IndexWriterConfig.OpenMode.CREATE);
        try (var directory = FSDirectory.open(dir); var writer = new IndexWriter(directory, config)) {
            for (int i = 0; i < content.chunks().size(); i++) {
                writer.addDocument(document(content.chunks().get(i), vectors.get(i)));
            }
            for (EntryFields e : content.entries()) {
                writer.addDocument(document(e));
            }
            writer.setLiveCommitData(Map.of(FINGERPRINT, fingerprint).entrySet());
            writer.commit();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the index in " + dir + ": " + e.getMessage(), e);
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
