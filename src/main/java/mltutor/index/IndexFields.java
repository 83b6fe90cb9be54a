package mltutor.index;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.analysis.shingle.ShingleFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;

import java.util.Map;

/** Field names of the Lucene documents, and the analysis each text field gets. */
final class IndexFields {
    static final String CHUNK_ID = "chunkId";
    static final String ENTRY_ID = "entryId";
    static final String QUESTION = "question";
    static final String SECTION = "section";
    static final String ORIGIN = "origin";
    static final String KIND = "kind";
    static final String HEADING = "heading";
    static final String TEXT = "text";
    static final String STORED_TEXT = "chunkText";
    static final String URL = "url";
    static final String VECTOR = "vector";
    static final String FINGERPRINT = "fingerprint";

    /** The kind of the one document per entry that holds its fields for lexical search (it has no vector). */
    static final String ENTRY_DOC = mltutor.chunking.Chunk.ENTRY_DOC;
    static final String CORE = "core";
    static final String PHRASINGS = "phrasings";
    static final String BODY = "body";
    static final String F_QUESTION = "f_question";
    static final String F_PHRASINGS = "f_phrasings";
    static final String F_TAGS = "f_tags";
    static final String F_KEY_POINTS = "f_keypoints";
    static final String F_HEADINGS = "f_headings";
    static final String F_BODY = "f_body";
    /** Word bigrams of the whole entry, so "batch norm" outranks entries that only say "batch". */
    static final String F_BIGRAMS = "f_bigrams";

    private IndexFields() {
    }

    /** English analysis everywhere, and stemmed word pairs in the bigram field. */
    static Analyzer analyzer() {
        Analyzer bigrams = new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String field) {
                var source = new StandardTokenizer();
                var stream = new PorterStemFilter(new LowerCaseFilter(new EnglishPossessiveFilter(source)));
                var shingles = new ShingleFilter(stream, 2, 2);
                shingles.setOutputUnigrams(false);
                return new TokenStreamComponents(source, shingles);
            }
        };
        return new PerFieldAnalyzerWrapper(new EnglishAnalyzer(), Map.of(F_BIGRAMS, bigrams));
    }
}
