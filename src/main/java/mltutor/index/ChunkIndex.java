package mltutor.index;

import static mltutor.index.IndexFields.*;

import java.io.Closeable;
import java.io.EOFException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
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
import org.apache.lucene.codecs.CodecUtil;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.CorruptIndexException;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.IndexFormatTooNewException;
import org.apache.lucene.index.IndexFormatTooOldException;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.util.VectorUtil;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.AlreadyClosedException;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.IOContext;
import org.apache.lucene.store.IndexInput;
import org.apache.lucene.util.IOUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A read-only view of one published index generation: kNN, exact and BM25 search over chunks. */
public final class ChunkIndex implements Closeable {
    /** A chunk and its raw score from one retriever (cosine similarity for vectors, BM25 for text). */
    public record Hit(int doc, float score) {
    }

    /** Query terms and bigrams a field-weighted BM25 query uses at most: 120 x 6 fields + 150 < 1,024 clauses. */
    static final int MAX_ENTRY_TERMS = 120, MAX_BIGRAMS = 150;

    /** The smallest HNSW beam (candidates explored) for any kNN search. */
    static final int MIN_BEAM = 64;
    /**
     * Up to this many vectors, dense search scans them all instead of walking the HNSW graphs. Measured on 5,480
     * chunks in 20 segments (one `tutor bench` run): the scan is faster than the graphs (in-process hybrid p50 1.64x
     * one query embedding, against 1.87x) and exact, so a rebuild cannot move a ranking by HNSW's chance (recall@10
     * was 0.98-0.99). The scan grows with the corpus and the graph does not, hence the bound: about four times today's
     * corpus.
     */
    public static final int EXACT_SEARCH_MAX_VECTORS = 20_000;

    /** The BM25 weight of a term in the question field relative to the chunk text. */
    private static final float QUESTION_BOOST = 1.5f;

    /**
     * How much a query term counts in each field of an entry's lexical document, relative to the body:
     * the fields that say what an entry is about count for more than a mention along the way.
     */
    public record FieldWeights(float question, float phrasings, float tags, float keyPoints, float headings, float body,
                               float bigrams) {
        public static final FieldWeights DEFAULT = new FieldWeights(1f, 1f, 1f, 1f, 1f, 1f, 1f);
        public static final FieldWeights BODY_ONLY = new FieldWeights(0, 0, 0, 0, 0, 1f, 0);

        /**
         * These weights without the fields that hold the entries' phrasings (the phrasings field and the bigrams,
         * which include them): for scoring a phrasing as if it were a new question, when fitting.
         */
        public FieldWeights withoutPhrasings() {
            return new FieldWeights(question, 0, tags, keyPoints, headings, body, 0);
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(ChunkIndex.class);

    private final Directory directory;
    private final DirectoryReader reader;
    private final IndexSearcher searcher;
    private final Analyzer analyzer = IndexFields.analyzer();
    /** Each document's chunk, read from its stored fields when first asked for ({@link #chunk}). */
    private final java.util.concurrent.atomic.AtomicReferenceArray<Chunk> chunks;
    private final java.util.concurrent.ConcurrentHashMap<String, Integer> firstChunk = new java.util.concurrent.ConcurrentHashMap<>();
    /** Each entry's stored core, phrasings and body, analysed on first use ({@link #entryTerms}). */
    private final java.util.Map<String, EntryText> entryTexts = new java.util.HashMap<>();
    private final java.util.concurrent.ConcurrentHashMap<String, EntryTerms> entryTerms = new java.util.concurrent.ConcurrentHashMap<>();
    private final int entryDocs;

    private record EntryText(String core, String[] phrasings, String body) {
    }

    /**
     * Reads only the entries' lexical documents (one per entry); a chunk's stored fields are read when a search
     * first returns it. Reading all 5,700 documents here was the largest part of opening the real corpus's index.
     */
    private ChunkIndex(Directory directory, DirectoryReader reader) throws IOException {
        this.directory = directory;
        this.reader = reader;
        this.searcher = new IndexSearcher(reader);
        this.chunks = new java.util.concurrent.atomic.AtomicReferenceArray<>(reader.maxDoc());
        var stored = reader.storedFields();
        var kind = new Term(KIND, ENTRY_DOC);
        int entries = 0;
        for (LeafReaderContext leaf : reader.leaves()) {
            var postings = leaf.reader().postings(kind);
            if (postings == null) {
                continue;
            }
            for (int d = postings.nextDoc(); d != DocIdSetIterator.NO_MORE_DOCS; d = postings.nextDoc()) {
                int doc = leaf.docBase + d;
                Document document = stored.document(doc);
                Chunk c = toChunk(document);
                chunks.set(doc, c);
                entryTexts.put(c.entryId(), new EntryText(document.get(CORE), document.getValues(PHRASINGS), document.get(BODY)));
                entries++;
            }
        }
        this.entryDocs = entries;
    }

    /** The index in a generation directory if it could be used, or why not (a rebuild is the remedy). */
    public record Opening(Optional<ChunkIndex> index, String whyNot) {
        static Opening of(ChunkIndex index) {
            return new Opening(Optional.of(index), "");
        }

        static Opening refused(String whyNot) {
            return new Opening(Optional.empty(), whyNot);
        }
    }

    /**
     * Opens the index in a generation directory if it was built for {@code fingerprint}. Empty, with the reason
     * logged, when a rebuild is the remedy: the directory holds no index, a corrupt or incomplete one (a missing,
     * truncated or damaged file, a checksum that does not match, a format this Lucene cannot read), or one built
     * for another fingerprint. Any other failure to read it (the disk, the file system) is an
     * {@link IndexReadException} that names the directory.
     */
    public static Optional<ChunkIndex> open(Path dir, String fingerprint) {
        return attempt(dir, fingerprint).index();
    }

    /** {@link #open(Path, String)}, saying why the index cannot be used. */
    public static Opening attempt(Path dir, String fingerprint) {
        FSDirectory directory;
        try {
            directory = FSDirectory.open(dir);
        } catch (IOException e) {
            throw new IndexReadException("cannot open the index directory " + dir + ": " + IndexReadException.reason(e), e);
        }
        return attempt(directory, fingerprint, dir.toString());
    }

    /** {@link #open(Path, String)} over any Lucene directory, which is closed unless an index is returned. */
    static Optional<ChunkIndex> open(Directory directory, String fingerprint, String where) {
        return attempt(directory, fingerprint, where).index();
    }

    private static Opening attempt(Directory directory, String fingerprint, String where) {
        DirectoryReader reader = null;
        boolean opened = false;
        try {
            if (!DirectoryReader.indexExists(directory)) {
                return refused(where, "it holds no index");
            }
            // Checked from the commit point alone, before the segments are opened (16 of them) and the chunks loaded:
            // an index of an older format may not even have their fields.
            String built = org.apache.lucene.index.SegmentInfos.readLatestCommit(directory).getUserData()
                    .getOrDefault(FINGERPRINT, "");
            if (!built.equals(fingerprint)) {
                // Expected after any change to the corpus or settings, so not a warning.
                String why = "it was built for other corpus files, model or settings";
                LOG.info("the index in {} cannot be reused: {}", where, why);
                return Opening.refused(why);
            }
            long opening = System.nanoTime();
            reader = DirectoryReader.open(directory);
            long checking = System.nanoTime();
            verifyChecksums(directory, reader, where);
            long reading = System.nanoTime();
            var index = new ChunkIndex(directory, reader);
            LOG.debug("opened {} segments in {} ms, checked them in {} ms, read the entries in {} ms", reader.leaves().size(),
                    (checking - opening) / 1_000_000, (reading - checking) / 1_000_000, (System.nanoTime() - reading) / 1_000_000);
            opened = true;
            return Opening.of(index);
        } catch (CorruptIndexException | IndexFormatTooOldException | IndexFormatTooNewException | NoSuchFileException
                 | FileNotFoundException | EOFException e) {
            return refused(where, "it is corrupt or incomplete (" + IndexReadException.reason(e) + ")");
        } catch (IOException e) {
            throw new IndexReadException("cannot open the index in " + where + ": " + IndexReadException.reason(e), e);
        } catch (RuntimeException e) {
            var io = IndexReadException.ioCause(e);
            if (io.isPresent()) {
                throw new IndexReadException("cannot open the index in " + where + ": "
                        + IndexReadException.reason(io.get()), e);
            }
            throw e;
        } finally {
            if (!opened) {
                IOUtils.closeWhileHandlingException(reader, directory);
            }
        }
    }

    private static Opening refused(String where, String why) {
        LOG.warn("the index in {} cannot be reused: {}", where, why);
        return Opening.refused(why);
    }

    /**
     * Reads every file of the commit once and compares it with the checksum Lucene wrote in its footer. Opening a
     * reader checks only the small files (segments_N, .si, .cfe) in full: damage inside a compound file that keeps
     * its size would otherwise be served as garbage scores and wrong entries. A failure is a CorruptIndexException
     * naming the file, so the caller rebuilds. Once the files passed and have not been written since
     * ({@link VerifiedFiles}), only each file's footer is checked: the full pass was about 1 s of a start.
     */
    private static void verifyChecksums(Directory directory, DirectoryReader reader, String where) throws IOException {
        long start = System.nanoTime();
        var files = reader.getIndexCommit().getFileNames();
        Optional<Path> dir = directory instanceof FSDirectory fs ? Optional.of(fs.getDirectory()) : Optional.empty();
        if (dir.isPresent() && VerifiedFiles.trusted(dir.get(), files)) {
            for (String file : files) {
                try (IndexInput in = directory.openInput(file, IOContext.READONCE)) {
                    CodecUtil.retrieveChecksum(in);
                }
            }
            LOG.debug("checked the footers of {} files in {}, verified in full before and unchanged since, in {} ms",
                    files.size(), where, (System.nanoTime() - start) / 1_000_000);
            return;
        }
        long bytes = 0;
        for (String file : files) {
            try (IndexInput in = directory.openInput(file, IOContext.READONCE)) {
                CodecUtil.checksumEntireFile(in);
                bytes += in.length();
            }
        }
        dir.ifPresent(d -> VerifiedFiles.record(d, files));
        LOG.debug("verified the checksums of {} bytes in {} in {} ms", bytes, where, (System.nanoTime() - start) / 1_000_000);
    }

    /** The number of embedded chunks. */
    public int size() {
        return chunks.length() - entryDocs;
    }

    public Chunk chunk(int doc) {
        Chunk c = chunks.get(doc);
        if (c == null) {
            c = read(() -> toChunk(reader.storedFields().document(doc, CHUNK_FIELDS)));
            chunks.set(doc, c);
        }
        return c;
    }

    private static final Set<String> CHUNK_FIELDS = Set.of(CHUNK_ID, ENTRY_ID, QUESTION, SECTION, ORIGIN, KIND, HEADING,
            STORED_TEXT, URL);

    /** One phrasing of an entry's question (alias or search phrasing) and its analysed terms. */
    public record Phrasing(String text, Set<String> terms) {
    }

    /**
     * An entry's analysed terms: those of its core fields (question, tags, key points, headings), of each
     * phrasing, and of its body.
     */
    public record EntryTerms(Set<String> core, List<Phrasing> phrasings, Set<String> body) {
    }

    /** The ids of every entry and resource, sorted. */
    public List<String> entryIds() {
        return entryTexts.keySet().stream().sorted().toList();
    }

    /** The terms of an entry or resource, or empty for an unknown id. */
    public Optional<EntryTerms> entryTerms(String entryId) {
        EntryText text = entryTexts.get(entryId);
        if (text == null) {
            return Optional.empty();
        }
        return Optional.of(entryTerms.computeIfAbsent(entryId, id -> {
            var phrasings = new ArrayList<Phrasing>();
            for (String p : text.phrasings()) {
                phrasings.add(new Phrasing(p, analyze(p)));
            }
            return new EntryTerms(analyze(text.core(), Integer.MAX_VALUE), phrasings, analyze(text.body(), Integer.MAX_VALUE));
        }));
    }

    /**
     * Analyses every entry's terms now, on a background thread, so the first search that needs them all does not
     * pay for it; the start does not wait for it.
     */
    public void warmEntryTerms() {
        var thread = new Thread(() -> entryTexts.keySet().forEach(this::entryTerms), "entry-terms");
        thread.setDaemon(true);
        thread.setPriority(Thread.MIN_PRIORITY);
        thread.start();
    }

    /** The entry's first chunk (its header), which stands for the entry when only its lexical document matched. */
    public int firstChunk(String entryId) {
        return firstChunk.computeIfAbsent(entryId, id -> read(() -> {
            // An entry's chunks are in one segment, in order; its lexical document is in another, skipped here.
            var term = new Term(ENTRY_ID, id);
            for (LeafReaderContext leaf : reader.leaves()) {
                var postings = leaf.reader().postings(term);
                if (postings == null) {
                    continue;
                }
                for (int d = postings.nextDoc(); d != DocIdSetIterator.NO_MORE_DOCS; d = postings.nextDoc()) {
                    if (!chunk(leaf.docBase + d).kind().equals(ENTRY_DOC)) {
                        return leaf.docBase + d;
                    }
                }
            }
            return -1;
        }));
    }

    /** Nearest neighbours: exact up to {@link #EXACT_SEARCH_MAX_VECTORS} vectors, else through the HNSW graphs. */
    public List<Hit> knn(float[] vector, int k) {
        return knn(vector, k, null);
    }

    /** Nearest neighbours among the chunks of the given kinds only (all kinds when null). */
    public List<Hit> knn(float[] vector, int k, Set<String> kinds) {
        if (kinds == null && size() <= EXACT_SEARCH_MAX_VECTORS) {
            return exactKnn(vector, k);
        }
        return approximateKnn(vector, k, kinds);
    }

    /** Approximate nearest neighbours through the HNSW graphs, among the chunks of the given kinds (all when null). */
    public List<Hit> approximateKnn(float[] vector, int k, Set<String> kinds) {
        Query filter = null;
        if (kinds != null) {
            var b = new BooleanQuery.Builder();
            kinds.forEach(kind -> b.add(new TermQuery(new Term(KIND, kind)), BooleanClause.Occur.SHOULD));
            filter = b.build();
        }
        // The graph is searched with a beam of at least MIN_BEAM even for a small k: HNSW recall at k=1 is poor.
        int beam = Math.min(Math.max(k, MIN_BEAM), Math.max(1, size()));
        var query = new KnnFloatVectorQuery(VECTOR, vector, beam, filter);
        return read(() -> toHits(searcher.search(query, k).scoreDocs, true));
    }

    /** Exact nearest neighbours by scanning every vector (cosines: the vectors are unit length). */
    public List<Hit> exactKnn(float[] vector, int k) {
        // A bounded min-heap of (score, doc): the weakest kept hit is at the top, replaced by anything better.
        var heap = new PriorityQueue<Hit>(k + 1, Comparator.comparingDouble(Hit::score));
        read(() -> {
            for (LeafReaderContext leaf : reader.leaves()) {
                FloatVectorValues values = leaf.reader().getFloatVectorValues(VECTOR);
                if (values == null) {
                    continue;
                }
                for (int doc = values.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = values.nextDoc()) {
                    float dot = VectorUtil.dotProduct(values.vectorValue(), vector);
                    if (heap.size() < k) {
                        heap.add(new Hit(leaf.docBase + doc, dot));
                    } else if (dot > heap.peek().score()) {
                        heap.poll();
                        heap.add(new Hit(leaf.docBase + doc, dot));
                    }
                }
            }
            return heap;
        });
        var out = new ArrayList<>(heap);
        out.sort(Comparator.comparingDouble(Hit::score).reversed());
        return out;
    }

    /** Every stored vector, by document number (null for entries' lexical documents); the benchmark loads them into a baseline store. */
    public List<float[]> vectors() {
        var out = new ArrayList<float[]>(java.util.Collections.nCopies(chunks.length(), (float[]) null));
        return read(() -> {
            for (LeafReaderContext leaf : reader.leaves()) {
                FloatVectorValues values = leaf.reader().getFloatVectorValues(VECTOR);
                if (values == null) {
                    continue; // a segment holding only entries' lexical documents
                }
                for (int doc = values.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = values.nextDoc()) {
                    out.set(leaf.docBase + doc, values.vectorValue().clone());
                }
            }
            return out;
        });
    }

    /** BM25 over the chunk text and the entry question; the query is analysed, never parsed as syntax. */
    public List<Hit> bm25(String query, int k) {
        Set<String> terms = analyze(query);
        if (terms.isEmpty()) {
            return List.of();
        }
        var bool = new BooleanQuery.Builder();
        bool.add(new TermQuery(new Term(KIND, ENTRY_DOC)), BooleanClause.Occur.MUST_NOT);
        for (String t : terms) {
            bool.add(new TermQuery(new Term(TEXT, t)), BooleanClause.Occur.SHOULD);
            bool.add(new BoostQuery(new TermQuery(new Term(QUESTION, t)), QUESTION_BOOST), BooleanClause.Occur.SHOULD);
        }
        return read(() -> toHits(searcher.search(bool.build(), k).scoreDocs, false));
    }

    /**
     * Field-weighted BM25 over the entries' lexical documents (one per entry), with word bigrams; the
     * query is analysed, never parsed as syntax.
     */
    public List<Hit> bm25Entries(String query, int k, FieldWeights w) {
        // Six clauses per term plus the bigrams must stay under Lucene's limit of 1,024 clauses.
        Set<String> terms = analyze(query, MAX_ENTRY_TERMS);
        if (terms.isEmpty()) {
            return List.of();
        }
        var bool = new BooleanQuery.Builder();
        for (String t : terms) {
            addField(bool, F_QUESTION, t, w.question());
            addField(bool, F_PHRASINGS, t, w.phrasings());
            addField(bool, F_TAGS, t, w.tags());
            addField(bool, F_KEY_POINTS, t, w.keyPoints());
            addField(bool, F_HEADINGS, t, w.headings());
            addField(bool, F_BODY, t, w.body());
        }
        if (w.bigrams() > 0) {
            bigrams(query).stream().limit(MAX_BIGRAMS).forEach(b -> addField(bool, F_BIGRAMS, b, w.bigrams()));
        }
        return read(() -> toHits(searcher.search(bool.build(), k).scoreDocs, false));
    }

    /** A read of the open index. */
    private interface IndexRead<T> {
        T run() throws IOException;
    }

    /**
     * Runs a read of the index; what keeps Lucene from reading it becomes an {@link IndexReadException}: an
     * I/O error (thrown as such, or wrapped in a RuntimeException as some of Lucene's read paths do) or an
     * index closed under the search.
     */
    private static <T> T read(IndexRead<T> read) {
        try {
            return read.run();
        } catch (IOException | AlreadyClosedException e) {
            throw IndexReadException.reading(e);
        } catch (RuntimeException e) {
            if (IndexReadException.ioCause(e).isPresent()) {
                throw IndexReadException.reading(e);
            }
            throw e;
        }
    }

    private static void addField(BooleanQuery.Builder bool, String field, String term, float boost) {
        if (boost > 0) {
            bool.add(new BoostQuery(new TermQuery(new Term(field, term)), boost), BooleanClause.Occur.SHOULD);
        }
    }

    /**
     * How rare a term is across the entries: log(1 + (N - df + 0.5) / (df + 0.5)), BM25's inverse document
     * frequency, counted over the entries' lexical documents.
     */
    public double idf(String term) {
        return idf(documentFrequency(term));
    }

    private double idf(int df) {
        return Math.log(1 + (entryDocs - df + 0.5) / (df + 0.5));
    }

    /**
     * The IDF of each of these terms that some entry uses, in their order: one document-frequency lookup per term,
     * for a search that needs each term's IDF several times.
     */
    public java.util.Map<String, Double> idfOfKnown(Set<String> terms) {
        var out = new java.util.LinkedHashMap<String, Double>();
        for (String t : terms) {
            int df = documentFrequency(t);
            if (df > 0) {
                out.put(t, idf(df));
            }
        }
        return out;
    }

    /** Whether any entry uses the term at all; a query term no entry uses is a typo, everyday word or new subject. */
    public boolean known(String term) {
        return documentFrequency(term) > 0;
    }

    private int documentFrequency(String term) {
        return read(() -> {
            int df = 0;
            for (String field : new String[] {F_BODY, F_QUESTION, F_PHRASINGS, F_KEY_POINTS, F_TAGS, F_HEADINGS}) {
                df = Math.max(df, reader.docFreq(new Term(field, term)));
            }
            return df;
        });
    }

    /** The analysed terms of a text, as the index stores them (lower-cased, stop words dropped, stemmed). */
    public Set<String> terms(String text) {
        return analyze(text);
    }

    private List<String> bigrams(String text) {
        var out = new ArrayList<String>();
        try (TokenStream ts = analyzer.tokenStream(F_BIGRAMS, text)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            ts.reset();
            while (ts.incrementToken() && out.size() < 200) {
                out.add(term.toString());
            }
            ts.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    private Set<String> analyze(String text) {
        return analyze(text, 400);
    }

    private Set<String> analyze(String text, int limit) {
        var terms = new LinkedHashSet<String>();
        try (TokenStream ts = analyzer.tokenStream(TEXT, text)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            ts.reset();
            // Bounded so a long query stays under Lucene's clause limit (two clauses per term).
            while (ts.incrementToken() && terms.size() < limit) {
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
            // Closes the directory even when closing the reader fails.
            IOUtils.close(reader, directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close the index: " + e.getMessage(), e);
        }
    }
}
