package mltutor.corpus;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import mltutor.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CorpusLoaderTest {
    private final CorpusLoader loader = new CorpusLoader();

    @Test
    void loadsEveryFieldOfTheFixtureCorpus() {
        Corpus corpus = loader.load(Fixtures.FIXTURE_CORPUS);
        assertEquals(6, corpus.entries().size());
        assertEquals(1, corpus.resources().size());
        Entry kv = corpus.entry("kv-cache").orElseThrow();
        assertEquals("Transformers", kv.section());
        assertEquals("What is KV cache and why is it used?", kv.question());
        assertEquals(2, kv.aliases().size());
        assertEquals("seed", kv.origin());
        assertEquals(2, kv.difficulty());
        assertEquals(List.of("attention", "inference", "memory"), kv.tags());
        assertEquals(List.of("attention-scaling"), kv.related());
        assertEquals(List.of("attention-paper"), kv.resources());
        assertEquals(4, kv.keyPoints().size());
        assertEquals(3, kv.followUps().size());
        assertTrue(kv.body().startsWith("## Short answer"));
        assertEquals("Why do we divide the attention score by √dₖ in the Transformer?",
                corpus.entry("attention-scaling").orElseThrow().question());
        assertEquals("https://arxiv.org/abs/1706.03762", corpus.resource("attention-paper").orElseThrow().url());
    }

    @Test
    void reportsInvalidYamlWithTheFileName(@TempDir Path dir) throws IOException {
        write(dir, "questions/a/bad.md", "---\nid: [unclosed\n---\nbody\n");
        assertProblem(dir, "questions/a/bad.md", "invalid YAML");
    }

    @Test
    void reportsInvalidYamlWithItsLineInTheFile(@TempDir Path dir) throws IOException {
        // Line 1 is the opening '---', so the front matter's third line is the file's fourth.
        write(dir, "questions/a/bad.md", "---\nid: x\nsection: S\nquestion: Q: what: now\n---\nbody\n");
        assertProblem(dir, "questions/a/bad.md", "invalid YAML front matter on line 4: mapping values are not allowed");
    }

    @Test
    void reportsAFileThatIsNotUtf8WithTheLineOfTheFirstBadByte(@TempDir Path dir) throws IOException {
        byte[] latin1 = entry("x", "").replace("question: Q x?", "question: Qu'est-ce que la r\u00e9gularisation?")
                .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        Path file = dir.resolve("questions/a/x.md");
        Files.createDirectories(file.getParent());
        Files.write(file, latin1);
        assertProblem(dir, "questions/a/x.md", "not valid UTF-8 (first bad byte on line 4); save the file as UTF-8");
        assertFalse(loader.read(dir).problems().toString().contains("Input length"));
    }

    @Test
    void aDirectoryOrADanglingLinkNamedMdIsNotAQuestionFile(@TempDir Path dir) throws IOException {
        write(dir, "questions/a/x.md", entry("x", ""));
        // A directory where a question file is expected cannot be read as one; as root, chmod 000 would not stop a
        // read, and FileErrorMessageTest covers the "permission denied" wording itself.
        Files.createDirectories(dir.resolve("questions/a/y.md"));
        Files.createSymbolicLink(dir.resolve("questions/a/z.md"), dir.resolve("questions/a/missing.md"));
        var problems = loader.read(dir).problems();
        assertEquals(List.of(), problems, "a directory or a dangling link named .md is not a question file");
        assertEquals(1, loader.load(dir).entries().size());
    }

    @Test
    void reportsAMissingRequiredField(@TempDir Path dir) throws IOException {
        write(dir, "questions/a/x.md", entry("x", "").replace("question: Q x?\n", ""));
        assertProblem(dir, "questions/a/x.md", "missing required field 'question'");
    }

    @Test
    void reportsDuplicateIds(@TempDir Path dir) throws IOException {
        write(dir, "questions/a/x.md", entry("x", ""));
        write(dir, "questions/b/x.md", entry("x", ""));
        assertProblem(dir, "questions/b/x.md", "duplicate id 'x'");
    }

    @Test
    void reportsRelatedIdsThatDoNotExist(@TempDir Path dir) throws IOException {
        write(dir, "questions/a/x.md", entry("x", "related: [ghost]\n"));
        assertProblem(dir, "questions/a/x.md", "related id 'ghost' does not exist");
    }

    @Test
    void reportsResourceIdsThatDoNotExist(@TempDir Path dir) throws IOException {
        write(dir, "questions/a/x.md", entry("x", "resources: [nowhere]\n"));
        assertProblem(dir, "questions/a/x.md", "resource id 'nowhere' does not exist");
    }

    @Test
    void reportsAnEmptyBody(@TempDir Path dir) throws IOException {
        write(dir, "questions/a/x.md", entry("x", "").replace("## Short answer\nText.\n", ""));
        assertProblem(dir, "questions/a/x.md", "empty body");
    }

    @Test
    void reportsAFileWithoutFrontMatter(@TempDir Path dir) throws IOException {
        write(dir, "questions/a/x.md", "# just markdown\n");
        assertProblem(dir, "questions/a/x.md", "no YAML front matter");
    }

    @Test
    void reportsWrongTypesAndValues(@TempDir Path dir) throws IOException {
        write(dir, "questions/a/x.md", entry("x", "").replace("difficulty: 2", "difficulty: hard")
                .replace("origin: seed", "origin: borrowed"));
        var problems = loader.read(dir).problems().toString();
        assertTrue(problems.contains("difficulty' must be an integer"), problems);
        assertTrue(problems.contains("origin must be 'seed' or 'extra'"), problems);
    }

    @Test
    void listsEveryProblemAtOnceAndLoadThrowsWithAll(@TempDir Path dir) throws IOException {
        write(dir, "questions/a/x.md", entry("x", "related: [ghost]\n"));
        write(dir, "questions/a/y.md", "---\nid: y\n---\n\n");
        var e = assertThrows(CorpusException.class, () -> loader.load(dir));
        assertTrue(e.problems().size() >= 3, e.problems().toString());
    }

    @Test
    void reportsAMissingCorpusDirectory(@TempDir Path dir) {
        assertProblem(dir.resolve("nope"), "nope", "corpus directory not found");
    }

    private void assertProblem(Path dir, String file, String message) {
        var problems = loader.read(dir).problems();
        assertTrue(problems.stream().anyMatch(p -> p.file().endsWith(file) && p.message().contains(message)),
                "expected '" + message + "' for " + file + " in " + problems);
        var thrown = assertThrows(CorpusException.class, () -> loader.load(dir));
        assertFalse(thrown.problems().isEmpty());
    }

    static String entry(String id, String extraFields) {
        return "---\nid: " + id + "\nsection: S\nquestion: Q " + id + "?\norigin: seed\ndifficulty: 2\n"
                + "tags: [t]\n" + extraFields + "key_points: [a, b, c, d]\nfollow_ups: [e, f, g]\n---\n## Short answer\nText.\n";
    }

    static void write(Path root, String relative, String content) throws IOException {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }
}
