package mltutor.corpus;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The loaded, cross-checked corpus: entries and resource summaries by id, in a stable order. */
public final class Corpus {
    private final Map<String, Entry> entries;
    private final Map<String, Resource> resources;

    public Corpus(List<Entry> entries, List<Resource> resources) {
        var byId = new LinkedHashMap<String, Entry>();
        entries.forEach(e -> byId.put(e.id(), e));
        var resById = new LinkedHashMap<String, Resource>();
        resources.forEach(r -> resById.put(r.id(), r));
        this.entries = Collections.unmodifiableMap(byId);
        this.resources = Collections.unmodifiableMap(resById);
    }

    public List<Entry> entries() {
        return List.copyOf(entries.values());
    }

    public List<Resource> resources() {
        return List.copyOf(resources.values());
    }

    public Optional<Entry> entry(String id) {
        return Optional.ofNullable(entries.get(id));
    }

    public Optional<Resource> resource(String id) {
        return Optional.ofNullable(resources.get(id));
    }

    /** Section titles in first-seen order, with their entry counts. */
    public Map<String, Integer> sectionCounts() {
        var counts = new LinkedHashMap<String, Integer>();
        entries.values().forEach(e -> counts.merge(e.section(), 1, Integer::sum));
        return counts;
    }
}
