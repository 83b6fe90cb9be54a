package mltutor.practice;

import java.util.Collection;
import java.util.List;
import java.util.Random;
import java.util.Set;
import mltutor.corpus.Corpus;
import mltutor.corpus.Entry;

/**
 * Picks the next mock-interview question. Stateless: the client says what it has already seen. Questions
 * the client prefers (e.g. due for review) come first, in the client's order; otherwise a random one.
 */
public final class InterviewPlanner {
    /** The next question, and how many more match the filters after it. */
    public record NextQuestion(String id, String question, String section, int difficulty, List<String> tags,
                               int remaining) {
    }

    /** Which questions qualify; empty sets mean "any". Section names compare case-insensitively. */
    public record Filter(Set<String> sections, Set<Integer> difficulties, Set<String> exclude) {
        public Filter {
            sections = sections.stream().map(s -> s.toLowerCase(java.util.Locale.ROOT)).collect(
                    java.util.stream.Collectors.toUnmodifiableSet());
            difficulties = Set.copyOf(difficulties);
            exclude = Set.copyOf(exclude);
        }

        boolean accepts(Entry e) {
            return (sections.isEmpty() || sections.contains(e.section().toLowerCase(java.util.Locale.ROOT)))
                    && (difficulties.isEmpty() || difficulties.contains(e.difficulty()))
                    && !exclude.contains(e.id());
        }
    }

    private final Corpus corpus;

    public InterviewPlanner(Corpus corpus) {
        this.corpus = corpus;
    }

    /** The next question, or empty when every matching question was excluded. */
    public java.util.Optional<NextQuestion> next(Filter filter, Collection<String> prefer, Random random) {
        List<Entry> eligible = corpus.entries().stream().filter(filter::accepts).toList();
        if (eligible.isEmpty()) {
            return java.util.Optional.empty();
        }
        Entry chosen = prefer.stream()
                .flatMap(id -> corpus.entry(id).stream())
                .filter(filter::accepts)
                .findFirst()
                .orElseGet(() -> eligible.get(random.nextInt(eligible.size())));
        return java.util.Optional.of(new NextQuestion(chosen.id(), chosen.question(), chosen.section(),
                chosen.difficulty(), chosen.tags(), eligible.size() - 1));
    }

    /** Section titles as the corpus spells them, for error messages. */
    public List<String> sections() {
        return List.copyOf(corpus.sectionCounts().keySet());
    }
}
