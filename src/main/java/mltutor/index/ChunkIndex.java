package mltutor.index;

import static mltutor.index.IndexFields.*;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import mltutor.chunking.Chunk;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.FSDirectory;

/** A read-only view of one published index generation: kNN, exact and BM25 search over chunks. */
public final class ChunkIndex implements Closeable {
    /** A chunk and its raw score from one retriever (cosine similarity for vectors, BM25 for text). */
    public record Hit(int doc, float score) {
    }

    /** The BM25 weight of a term in the question field relative to the chunk text. */
    private static final float QUESTION_BOOST = 1.5f;

    private final FSDirectory directory;
    private final DirectoryReader reader;
    private final IndexSearcher searcher;
    private final Analyzer analyzer = new EnglishAnalyzer();
    private final Chunk[] chunks;

    private ChunkIndex(FSDirectory directory, DirectoryReader reader) throws IOException {
        this.directory = directory;
        this.reader = reader;
        this.searcher = new IndexSearcher(reader);
        this.chunks = new Chunk[reader.maxDoc()];
        var stored = searcher.storedFields();
        for (int i = 0; i < chunks.length; i++) {
            chunks[i] = toChunk(stored.document(i));
        }
    }

    /** Opens a generation directory, or empty if it holds no readable index. */
    public static Optional<ChunkIndex> open(Path dir) {
        try {
            FSDirectory directory = FSDirectory.open(dir);
            if (!DirectoryReader.indexExists(directory)) {
                directory.close();
                return Optional.empty();
            }
            return Optional.of(new ChunkIndex(directory, DirectoryReader.open(directory)));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The fingerprint the index was built for. */
    public String fingerprint() {
        try {
            return reader.getIndexCommit().getUserData().getOrDefault(FINGERPRINT, "");
        } catch (IOException e) {
            return "";
        }
    }

    public int size() {
        return chunks.length;
    }

    public Chunk chunk(int doc) {
        return chunks[doc];
    }

    /** Approximate nearest neighbours through the HNSW graph. */
    public List<Hit> knn(float[] vector, int k) {
        try {
            var top = searcher.search(new KnnFloatVectorQuery(VECTOR, vector, Math.min(k, Math.max(1, size()))), k);
            return toHits(top.scoreDocs, true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Exact nearest neighbours by scanning every vector; the reference for HNSW recall. */
    public List<Hit> exactKnn(float[] vector, int k) {
        var heap = new PriorityQueue<Hit>(Comparator.comparingDouble(Hit::score));
        try {
            for (LeafReaderContext leaf : reader.leaves()) {
                FloatVectorValues values = leaf.reader().getFloatVectorValues(VECTOR);
                if (values == null) {
                    continue;
                }
                for (int doc = values.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = values.nextDoc()) {
                    float[] v = values.vectorValue();
                    float dot = 0;
                    for (int i = 0; i < v.length; i++) {
                        dot += v[i] * vector[i];
                    }
                    heap.add(new Hit(leaf.docBase + doc, dot));
                    if (heap.size() > k) {
                        heap.poll();
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        var out = new ArrayList<>(heap);
        out.sort(Comparator.comparingDouble(Hit::score).reversed());
        return out;
    }

    /** Every stored vector, by document number; the benchmark loads them into a baseline store. */
    public List<float[]> vectors() {
        var out = new ArrayList<float[]>(java.util.Collections.nCopies(size(), (float[]) null));
        try {
            for (LeafReaderContext leaf : reader.leaves()) {
                FloatVectorValues values = leaf.reader().getFloatVectorValues(VECTOR);
                for (int doc = values.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = values.nextDoc()) {
                    out.set(leaf.docBase + doc, values.vectorValue().clone());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** BM25 over the chunk text and the entry question; the query is analysed, never parsed as syntax. */
    public List<Hit> bm25(String query, int k) {
        Set<String> terms = analyze(query);
        if (terms.isEmpty()) {
            return List.of();
        }
        var bool = new BooleanQuery.Builder();
        for (String t : terms) {
            bool.add(new TermQuery(new Term(TEXT, t)), BooleanClause.Occur.SHOULD);
            bool.add(new BoostQuery(new TermQuery(new Term(QUESTION, t)), QUESTION_BOOST), BooleanClause.Occur.SHOULD);
        }
        try {
            return toHits(searcher.search(bool.build(), k).scoreDocs, false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Set<String> analyze(String text) {
        var terms = new LinkedHashSet<String>();
        try (TokenStream ts = analyzer.tokenStream(TEXT, text)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            ts.reset();
            // Bounded so a long query stays under Lucene's clause limit (two clauses per term).
            while (ts.incrementToken() && terms.size() < 400) {
                terms.add(term.toString());
            }
            ts.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return terms;
    }

    private static List<Hit> toHits(ScoreDoc[] docs, boolean cosine) {
        var out = new ArrayList<Hit>(docs.length);
        for (ScoreDoc d : docs) {
            // Lucene maps a dot product s to (1 + s) / 2; undo it so vector scores are plain cosines.
            out.add(new Hit(d.doc, cosine ? 2 * d.score - 1 : d.score));
        }
        return out;
    }

    private static Chunk toChunk(Document d) {
        return new Chunk(d.get(CHUNK_ID), d.get(ENTRY_ID), d.get(QUESTION), d.get(SECTION), d.get(ORIGIN), d.get(KIND),
                d.get(HEADING), d.get(STORED_TEXT), d.get(URL));
    }

    @Override
    public void close() {
        try {
            reader.close();
            directory.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
