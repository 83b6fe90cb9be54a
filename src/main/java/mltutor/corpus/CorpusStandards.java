package mltutor.corpus;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The editorial standards of the corpus, beyond what loading needs: every question of the user's list
 * answered exactly once under its section, rubric and follow-up counts, answer length, a summary for
 * every linked resource, and a spread of difficulty levels.
 */
public final class CorpusStandards {
    /** The copy of the user's question list kept in the corpus directory. */
    public static final String SEED_LIST = "seed-questions.md";

    static final Pattern KEBAB = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
    static final int MIN_WORDS = 250, MAX_WORDS = 600;
    static final int MIN_RESOURCE_WORDS = 150, MAX_RESOURCE_WORDS = 300;
    static final double MIN_LEVEL_SHARE = 0.20;

    public List<CorpusProblem> check(Corpus corpus, Path seedListFile) {
        var problems = new ArrayList<CorpusProblem>();
        if (Files.isRegularFile(seedListFile)) {
            checkSeedCoverage(corpus, SeedList.read(seedListFile), seedListFile.toString(), problems);
        } else {
            problems.add(new CorpusProblem(seedListFile.toString(), "question list not found"));
        }
        for (Entry e : corpus.entries()) {
            checkEntry(e, problems);
        }
        for (Resource r : corpus.resources()) {
            int words = words(r.body());
            if (words < MIN_RESOURCE_WORDS || words > MAX_RESOURCE_WORDS) {
                problems.add(new CorpusProblem(r.file(), "summary is " + words + " words; it must be "
                        + MIN_RESOURCE_WORDS + "-" + MAX_RESOURCE_WORDS));
            }
        }
        checkDifficultySpread(corpus, problems);
        return problems;
    }

    private static void checkSeedCoverage(Corpus corpus, SeedList list, String listFile, List<CorpusProblem> problems) {
        var bySeedQuestion = new HashMap<String, List<Entry>>();
        corpus.entries().stream().filter(e -> e.origin().equals("seed"))
                .forEach(e -> bySeedQuestion.computeIfAbsent(e.question(), q -> new ArrayList<>()).add(e));
        var listed = new HashSet<String>();
        for (SeedList.Question q : list.questions()) {
            listed.add(q.text());
            List<Entry> entries = bySeedQuestion.getOrDefault(q.text(), List.of());
            if (entries.isEmpty()) {
                problems.add(new CorpusProblem(listFile, "no seed entry answers \"" + q.text() + "\""));
            } else if (entries.size() > 1) {
                problems.add(new CorpusProblem(listFile, "\"" + q.text() + "\" has " + entries.size() + " entries: "
                        + entries.stream().map(Entry::file).toList()));
            } else if (!entries.get(0).section().equals(q.section())) {
                problems.add(new CorpusProblem(entries.get(0).file(), "section is '" + entries.get(0).section()
                        + "' but the list has this question under '" + q.section() + "'"));
            }
        }
        bySeedQuestion.forEach((question, entries) -> {
            if (!listed.contains(question)) {
                entries.forEach(e -> problems.add(new CorpusProblem(e.file(),
                        "origin is seed but the question is not verbatim in the list: \"" + question + "\"")));
            }
        });
        Map<String, Resource> byUrl = new HashMap<>();
        corpus.resources().forEach(r -> byUrl.put(r.url(), r));
        for (String url : list.resourceUrls()) {
            if (!byUrl.containsKey(url)) {
                problems.add(new CorpusProblem(listFile, "no resource summary has the url " + url));
            }
        }
    }

    private static void checkEntry(Entry e, List<CorpusProblem> problems) {
        if (!KEBAB.matcher(e.id()).matches()) {
            problems.add(new CorpusProblem(e.file(), "id '" + e.id() + "' is not kebab-case"));
        }
        if (!Path.of(e.file()).getFileName().toString().equals(e.id() + ".md")) {
            problems.add(new CorpusProblem(e.file(), "file name must be the id: " + e.id() + ".md"));
        }
        if (e.keyPoints().size() < 4 || e.keyPoints().size() > 8) {
            problems.add(new CorpusProblem(e.file(), e.keyPoints().size() + " key_points; there must be 4-8"));
        }
        if (e.followUps().size() < 3 || e.followUps().size() > 6) {
            problems.add(new CorpusProblem(e.file(), e.followUps().size() + " follow_ups; there must be 3-6"));
        }
        int words = words(e.body());
        if (words < MIN_WORDS || words > MAX_WORDS) {
            problems.add(new CorpusProblem(e.file(), "answer is " + words + " words; it must be " + MIN_WORDS + "-" + MAX_WORDS));
        }
        if (e.part(Entry.SHORT_ANSWER).isEmpty()) {
            problems.add(new CorpusProblem(e.file(), "answer has no '## Short answer' section"));
        }
        if (e.origin().equals("extra") && e.related().isEmpty()) {
            problems.add(new CorpusProblem(e.file(), "an extra entry needs at least one related entry"));
        }
    }

    private static void checkDifficultySpread(Corpus corpus, List<CorpusProblem> problems) {
        int total = corpus.entries().size();
        for (int level = 1; level <= 3; level++) {
            int lvl = level;
            long n = corpus.entries().stream().filter(e -> e.difficulty() == lvl).count();
            if (total > 0 && n < MIN_LEVEL_SHARE * total) {
                problems.add(new CorpusProblem("corpus", String.format("difficulty %d holds %d of %d entries (%.0f%%); each level needs at least 20%%",
                        level, n, total, 100.0 * n / total)));
            }
        }
    }

    static int words(String text) {
        String t = text.strip();
        return t.isEmpty() ? 0 : t.split("\\s+").length;
    }
}
