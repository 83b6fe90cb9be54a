package mltutor.corpus;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.FileVisitResult;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import mltutor.io.FileErrorMessage;

/**
 * Reads {@code questions/**\/*.md} and {@code resources/*.md} under a corpus directory, checks each
 * file and the links between them, and either returns the corpus or reports every problem at once.
 */
public final class CorpusLoader {
    private static final Set<String> ORIGINS = Set.of("seed", "extra");
    private static final Set<String> KINDS = Set.of("repo", "article", "paper", "course");

    private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory());

    /** The result of reading a corpus: what loaded, and everything wrong with it. */
    public record Result(Corpus corpus, List<CorpusProblem> problems) {
        public boolean ok() {
            return problems.isEmpty();
        }
    }

    /** Loads the corpus or throws {@link CorpusException} listing every problem. */
    public Corpus load(Path dir) {
        Result r = read(dir);
        if (!r.ok()) {
            throw new CorpusException(r.problems());
        }
        return r.corpus();
    }

    /** Reads as much as it can and returns the problems instead of throwing. */
    public Result read(Path dir) {
        var problems = new ArrayList<CorpusProblem>();
        if (!Files.isDirectory(dir)) {
            problems.add(new CorpusProblem(dir.toString(), "corpus directory not found"));
            return new Result(new Corpus(List.of(), List.of()), problems);
        }
        var entries = new ArrayList<Entry>();
        for (Path file : markdownFiles(dir, dir.resolve("questions"), problems)) {
            parse(dir, file, problems).ifPresent(fm -> readEntry(fm, dir, file, problems, entries));
        }
        var resources = new ArrayList<Resource>();
        for (Path file : markdownFiles(dir, dir.resolve("resources"), problems)) {
            parse(dir, file, problems).ifPresent(fm -> readResource(fm, dir, file, problems, resources));
        }
        if (entries.isEmpty() && problems.isEmpty()) {
            problems.add(new CorpusProblem(dir.resolve("questions").toString(), "no question entries found"));
        }
        checkLinks(entries, resources, problems);
        return new Result(new Corpus(entries, resources), problems);
    }

    /** The Markdown files under {@code dir}; a directory that cannot be listed is a problem, and the walk goes on. */
    private static List<Path> markdownFiles(Path root, Path dir, List<CorpusProblem> problems) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        var files = new ArrayList<Path>();
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) {
                    if (f.toString().endsWith(".md") && Files.isRegularFile(f)
                            && !f.getFileName().toString().equalsIgnoreCase("README.md")) {
                        files.add(f);
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path f, IOException e) {
                    problems.add(new CorpusProblem(root.relativize(f).toString(),
                            "cannot read: " + FileErrorMessage.reason(e)));
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(FileErrorMessage.describe("cannot read " + dir, e), e);
        }
        files.sort(null);
        return files;
    }

    private record Parsed(FrontMatterReader fields, String body) {
    }

    private java.util.Optional<Parsed> parse(Path root, Path file, List<CorpusProblem> problems) {
        String name = root.relativize(file).toString();
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            problems.add(new CorpusProblem(name, "cannot read file: " + FileErrorMessage.reason(e)));
            return java.util.Optional.empty();
        }
        var invalid = Utf8Text.invalidLine(bytes);
        if (invalid.isPresent()) {
            problems.add(new CorpusProblem(name, "not valid UTF-8 (first bad byte on line " + invalid.getAsInt()
                    + "); save the file as UTF-8"));
            return java.util.Optional.empty();
        }
        String text = new String(bytes, StandardCharsets.UTF_8);
        var split = MarkdownFile.split(text);
        if (split.isEmpty()) {
            problems.add(new CorpusProblem(name, "no YAML front matter (the file must start with a '---' line and close it with another)"));
            return java.util.Optional.empty();
        }
        Object tree;
        try {
            tree = yaml.readValue(split.get().frontMatter(), Object.class);
        } catch (IOException e) {
            problems.add(new CorpusProblem(name, "invalid YAML front matter" + yamlLine(e) + ": " + firstLine(e)));
            return java.util.Optional.empty();
        }
        if (!(tree instanceof Map<?, ?> map)) {
            problems.add(new CorpusProblem(name, "front matter must be a YAML mapping of fields"));
            return java.util.Optional.empty();
        }
        if (split.get().body().isBlank()) {
            problems.add(new CorpusProblem(name, "empty body"));
        }
        return java.util.Optional.of(new Parsed(new FrontMatterReader(map), split.get().body().strip()));
    }

    /** " on line N" of the file (the front matter starts on line 2, after the opening '---'), or "" if unknown. */
    private static String yamlLine(IOException e) {
        if (e instanceof JsonProcessingException j && j.getLocation() != null && j.getLocation().getLineNr() > 0) {
            return " on line " + (j.getLocation().getLineNr() + 1);
        }
        return "";
    }

    private static String firstLine(IOException e) {
        String msg = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
        return msg == null ? e.toString() : msg.lines().findFirst().orElse("");
    }

    private static void readEntry(Parsed p, Path root, Path file, List<CorpusProblem> problems, List<Entry> out) {
        var f = p.fields();
        String name = root.relativize(file).toString();
        var entry = new Entry(
                f.requiredString("id"),
                f.requiredString("section"),
                f.requiredString("question"),
                f.stringList("aliases", false),
                f.stringList("queries", false),
                f.requiredString("origin"),
                f.requiredInt("difficulty"),
                f.stringList("tags", false),
                f.stringList("related", false),
                f.stringList("resources", false),
                f.stringList("key_points", true),
                f.stringList("follow_ups", true),
                p.body(),
                name);
        var local = new ArrayList<>(f.problems());
        if (!entry.origin().isEmpty() && !ORIGINS.contains(entry.origin())) {
            local.add("origin must be 'seed' or 'extra', got '" + entry.origin() + "'");
        }
        if (entry.difficulty() != 0 && (entry.difficulty() < 1 || entry.difficulty() > 3)) {
            local.add("difficulty must be 1, 2 or 3, got " + entry.difficulty());
        }
        local.forEach(m -> problems.add(new CorpusProblem(name, m)));
        if (local.isEmpty()) {
            out.add(entry);
        }
    }

    private static void readResource(Parsed p, Path root, Path file, List<CorpusProblem> problems, List<Resource> out) {
        var f = p.fields();
        String name = root.relativize(file).toString();
        var resource = new Resource(
                f.requiredString("id"),
                f.requiredString("title"),
                f.requiredString("url"),
                f.requiredString("kind"),
                f.stringList("topics", false),
                f.stringList("questions", false),
                p.body(),
                name,
                MarkdownSections.parse(p.body()));
        var local = new ArrayList<>(f.problems());
        if (!resource.kind().isEmpty() && !KINDS.contains(resource.kind())) {
            local.add("kind must be one of " + KINDS + ", got '" + resource.kind() + "'");
        }
        if (!resource.url().isEmpty() && !resource.url().matches("https?://\\S+")) {
            local.add("url must be an http(s) address, got '" + resource.url() + "'");
        }
        local.forEach(m -> problems.add(new CorpusProblem(name, m)));
        if (local.isEmpty()) {
            out.add(resource);
        }
    }

    private static void checkLinks(List<Entry> entries, List<Resource> resources, List<CorpusProblem> problems) {
        var entryFiles = new HashMap<String, String>();
        for (Entry e : entries) {
            String first = entryFiles.putIfAbsent(e.id(), e.file());
            if (first != null) {
                problems.add(new CorpusProblem(e.file(), "duplicate id '" + e.id() + "' (also in " + first + ")"));
            }
        }
        var resourceIds = new HashSet<String>();
        for (Resource r : resources) {
            if (!resourceIds.add(r.id()) || entryFiles.containsKey(r.id())) {
                problems.add(new CorpusProblem(r.file(), "duplicate id '" + r.id() + "'"));
            }
        }
        for (Entry e : entries) {
            for (String rel : e.related()) {
                if (!entryFiles.containsKey(rel)) {
                    problems.add(new CorpusProblem(e.file(), "related id '" + rel + "' does not exist"));
                } else if (rel.equals(e.id())) {
                    problems.add(new CorpusProblem(e.file(), "related lists the entry itself"));
                }
            }
            for (String res : e.resources()) {
                if (!resourceIds.contains(res)) {
                    problems.add(new CorpusProblem(e.file(), "resource id '" + res + "' does not exist"));
                }
            }
        }
        for (Resource r : resources) {
            for (String q : r.questions()) {
                if (!entryFiles.containsKey(q)) {
                    problems.add(new CorpusProblem(r.file(), "questions id '" + q + "' does not exist"));
                }
            }
        }
    }
}
