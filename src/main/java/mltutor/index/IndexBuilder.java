package mltutor.index;

import static mltutor.index.IndexFields.*;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;
import mltutor.chunking.Chunk;
import mltutor.embedding.LocalEmbedder;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
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

/** Embeds chunks and writes them, with their BM25 text, into a new index generation, then publishes it. */
public final class IndexBuilder {
    private final IndexStore store;
    private final LocalEmbedder embedder;

    public IndexBuilder(IndexStore store, LocalEmbedder embedder) {
        this.store = store;
        this.embedder = embedder;
    }

    /**
     * Builds and publishes a generation for these chunks. If anything fails (including the progress
     * callback), the partial generation is discarded and the previous index stays current.
     */
    public Path build(List<Chunk> chunks, String fingerprint, IntConsumer progress) {
        Path generation = store.newGeneration();
        try {
            List<float[]> vectors = embedder.embedPassages(chunks.stream().map(Chunk::embeddingText).toList(), progress);
            write(generation, chunks, vectors, fingerprint);
            store.publish(generation);
            return generation;
        } catch (RuntimeException | Error e) {
            store.discard(generation);
            throw e;
        }
    }

    private static void write(Path dir, List<Chunk> chunks, List<float[]> vectors, String fingerprint) {
        var config = new IndexWriterConfig(new EnglishAnalyzer()).setOpenMode(IndexWriterConfig.OpenMode.CREATE);
        try (var directory = FSDirectory.open(dir); var writer = new IndexWriter(directory, config)) {
            for (int i = 0; i < chunks.size(); i++) {
                writer.addDocument(document(chunks.get(i), vectors.get(i)));
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
        doc.add(new StoredField(KIND, c.kind()));
        if (c.url() != null) {
            doc.add(new StoredField(URL, c.url()));
        }
        doc.add(new KnnFloatVectorField(VECTOR, vector, VectorSimilarityFunction.DOT_PRODUCT));
        return doc;
    }
}
