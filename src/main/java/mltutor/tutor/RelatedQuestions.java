package mltutor.tutor;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import mltutor.corpus.Corpus;
import mltutor.corpus.Entry;
import mltutor.retrieval.SearchResponse;

/** What to read next after an answer: retrieved entries it did not cite, then the main entry's curated related ones. */
final class RelatedQuestions {
    static final int MAX = 5;

    private RelatedQuestions() {
    }

    /** The first three results of a search the notes do not answer: where to look instead. */
    static List<RelatedQuestion> nearest(SearchResponse r) {
        return r.results().stream().limit(3).map(s -> new RelatedQuestion(s.entryId(), s.question())).toList();
    }

    static List<RelatedQuestion> of(Corpus corpus, Entry primary, List<Source> sources, Set<Integer> cited) {
        var out = new LinkedHashMap<String, RelatedQuestion>();
        for (Source s : sources) {
            if (!cited.contains(s.n()) && corpus.entry(s.entryId()).isPresent()) {
                out.putIfAbsent(s.entryId(), new RelatedQuestion(s.entryId(), s.question()));
            }
        }
        if (primary != null) {
            for (String id : primary.related()) {
                corpus.entry(id).ifPresent(e -> out.putIfAbsent(e.id(), new RelatedQuestion(e.id(), e.question())));
            }
            out.remove(primary.id());
        }
        sources.stream().filter(s -> cited.contains(s.n())).forEach(s -> out.remove(s.entryId()));
        return out.values().stream().limit(MAX).toList();
    }
}
