package mltutor.export;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import mltutor.corpus.Corpus;
import mltutor.corpus.Entry;

/**
 * Which entries an export holds: every entry, or those of one section and/or one origin ({@code seed}: the user's
 * list, {@code extra}: the questions the list leaves out). Sections match ignoring case.
 */
public record ExportSelection(Optional<String> section, Optional<String> origin) {
    static final Set<String> ORIGINS = Set.of("seed", "extra");

    public ExportSelection {
        section = section.map(String::strip).filter(s -> !s.isEmpty());
        origin = origin.map(o -> o.strip().toLowerCase(Locale.ROOT)).filter(o -> !o.isEmpty());
        origin.ifPresent(o -> {
            if (!ORIGINS.contains(o)) {
                throw new InvalidExportException("origin must be 'seed' or 'extra', got '" + o + "'");
            }
        });
    }

    /** The whole corpus. */
    public static ExportSelection all() {
        return new ExportSelection(Optional.empty(), Optional.empty());
    }

    /** The matching entries in corpus order; an unknown section or an empty result is an error, not an empty deck. */
    public List<Entry> apply(Corpus corpus) {
        section.ifPresent(s -> {
            if (corpus.sectionCounts().keySet().stream().noneMatch(s::equalsIgnoreCase)) {
                throw new InvalidExportException("no section named '" + s + "'; the sections are: "
                        + String.join(", ", corpus.sectionCounts().keySet()));
            }
        });
        List<Entry> entries = corpus.entries().stream()
                .filter(e -> section.map(e.section()::equalsIgnoreCase).orElse(true))
                .filter(e -> origin.map(e.origin()::equals).orElse(true))
                .toList();
        if (entries.isEmpty()) {
            throw new InvalidExportException("no entries match " + describe());
        }
        return entries;
    }

    /** E.g. "section 'Transformers', origin 'extra'", or "the whole corpus". */
    public String describe() {
        var parts = new ArrayList<String>();
        section.ifPresent(s -> parts.add("section '" + s + "'"));
        origin.ifPresent(o -> parts.add("origin '" + o + "'"));
        return parts.isEmpty() ? "the whole corpus" : String.join(", ", parts);
    }

    /** A file name for the export: {@code ml-interview-tutor[-section][-origin].apkg}, in ASCII. */
    public String fileName(String extension) {
        var name = new StringBuilder("ml-interview-tutor");
        section.ifPresent(s -> name.append('-').append(slug(s)));
        origin.ifPresent(o -> name.append('-').append(o));
        return name + "." + extension;
    }

    private static String slug(String s) {
        String slug = s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
        return slug.isEmpty() ? "section" : slug;
    }
}
