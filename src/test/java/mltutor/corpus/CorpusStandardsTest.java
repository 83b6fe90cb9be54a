package mltutor.corpus;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CorpusStandardsTest {
    private static final String LIST = """
            # List

            ## Transformers

            - What is KV cache and why is it used?
            - What is Flash Attention and how does it work?

            ## Learning Resources

            - [Paper](https://example.org/paper)
            """;

    @Test
    void parsesQuestionsUnderTheirSectionsAndResourceLinks() {
        SeedList list = SeedList.parse(LIST + "\n## Other\n\n- What is √dₖ?  \n");
        assertEquals(new SeedList.Question("Transformers", "What is KV cache and why is it used?"), list.questions().get(0));
        assertEquals(List.of("https://example.org/paper"), list.resourceUrls());
        // Questions after the resources section are not seed questions; trailing spaces are trimmed.
        assertEquals(2, list.questions().size());
        assertEquals("What is √dₖ?", SeedList.parse("## S\n\n- What is √dₖ?  \n").questions().get(0).text());
    }

    @Test
    void acceptsACorpusThatMeetsEveryStandard(@TempDir Path dir) throws IOException {
        writeValidCorpus(dir);
        var corpus = new CorpusLoader().load(dir);
        assertEquals(List.of(), new CorpusStandards().check(corpus, dir.resolve("seed-questions.md")));
    }

    @Test
    void reportsAListedQuestionWithoutEntryAndAnEntryNotInTheList(@TempDir Path dir) throws IOException {
        writeValidCorpus(dir);
        replace(dir.resolve("questions/t/flash.md"), "and how does it work?", "and how is it implemented?");
        var problems = check(dir);
        assertTrue(problems.contains("no seed entry answers \"What is Flash Attention and how does it work?\""), problems);
        assertTrue(problems.contains("questions/t/flash.md: origin is seed but the question is not verbatim"), problems);
    }

    @Test
    void reportsAWrongSection(@TempDir Path dir) throws IOException {
        writeValidCorpus(dir);
        replace(dir.resolve("questions/t/kv.md"), "section: Transformers", "section: Inference");
        assertTrue(check(dir).contains("questions/t/kv.md: section is 'Inference' but the list has this question under 'Transformers'"));
    }

    @Test
    void reportsRubricCountsLengthAndMissingShortAnswer(@TempDir Path dir) throws IOException {
        writeValidCorpus(dir);
        replace(dir.resolve("questions/t/kv.md"), "key_points: [a, b, c, d]", "key_points: [a, b, c]");
        replace(dir.resolve("questions/t/kv.md"), "follow_ups: [e, f, g]", "follow_ups: [e, f, g, h, i, j, k]");
        replace(dir.resolve("questions/t/kv.md"), "## Short answer", "## Summary");
        Files.writeString(dir.resolve("questions/t/flash.md"),
                Files.readString(dir.resolve("questions/t/flash.md")) + " word".repeat(400));
        String problems = check(dir);
        assertTrue(problems.contains("kv.md: 3 key_points; there must be 4-8"), problems);
        assertTrue(problems.contains("kv.md: 7 follow_ups; there must be 3-6"), problems);
        assertTrue(problems.contains("kv.md: answer has no '## Short answer' section"), problems);
        assertTrue(problems.matches("(?s).*flash.md: answer is \\d+ words; it must be 250-600.*"), problems);
    }

    @Test
    void reportsAMissingResourceSummaryAndSkewedDifficulty(@TempDir Path dir) throws IOException {
        writeValidCorpus(dir);
        Files.delete(dir.resolve("resources/paper.md"));
        replace(dir.resolve("questions/t/kv.md"), "resources: [paper]", "resources: []");
        replace(dir.resolve("questions/t/flash.md"), "difficulty: 1", "difficulty: 3");
        replace(dir.resolve("questions/t/kv.md"), "difficulty: 2", "difficulty: 3");
        String problems = check(dir);
        assertTrue(problems.contains("no resource summary has the url https://example.org/paper"), problems);
        assertTrue(problems.contains("difficulty 1 holds 0 of 3 entries"), problems);
    }

    @Test
    void reportsAnExtraEntryWithoutRelatedLinksAndABadId(@TempDir Path dir) throws IOException {
        writeValidCorpus(dir);
        replace(dir.resolve("questions/t/extra.md"), "related: [kv]", "related: []");
        replace(dir.resolve("questions/t/extra.md"), "id: extra", "id: Extra_Entry");
        String problems = check(dir);
        assertTrue(problems.contains("an extra entry needs at least one related entry"), problems);
        assertTrue(problems.contains("id 'Extra_Entry' is not kebab-case"), problems);
    }

    private static String check(Path dir) {
        var corpus = new CorpusLoader().load(dir);
        return new CorpusStandards().check(corpus, dir.resolve("seed-questions.md")).toString();
    }

    private static void replace(Path file, String from, String to) throws IOException {
        String text = Files.readString(file);
        assertTrue(text.contains(from), "fixture does not contain " + from);
        Files.writeString(file, text.replace(from, to));
    }

    private static void writeValidCorpus(Path dir) throws IOException {
        String body = "## Short answer\n" + "An answer. ".repeat(140) + "\n";
        CorpusLoaderTest.write(dir, "seed-questions.md", LIST);
        CorpusLoaderTest.write(dir, "questions/t/kv.md", "---\nid: kv\nsection: Transformers\nquestion: What is KV cache and why is it used?\n"
                + "origin: seed\ndifficulty: 2\ntags: [a]\nrelated: [flash]\nresources: [paper]\nkey_points: [a, b, c, d]\n"
                + "follow_ups: [e, f, g]\n---\n" + body);
        CorpusLoaderTest.write(dir, "questions/t/flash.md", "---\nid: flash\nsection: Transformers\n"
                + "question: What is Flash Attention and how does it work?\n"
                + "origin: seed\ndifficulty: 1\ntags: [a]\nrelated: []\nresources: []\nkey_points: [a, b, c, d]\n"
                + "follow_ups: [e, f, g]\n---\n" + body);
        CorpusLoaderTest.write(dir, "questions/t/extra.md", "---\nid: extra\nsection: Transformers\nquestion: What is paged attention?\n"
                + "origin: extra\ndifficulty: 3\ntags: [a]\nrelated: [kv]\nresources: []\nkey_points: [a, b, c, d]\n"
                + "follow_ups: [e, f, g]\n---\n" + body);
        CorpusLoaderTest.write(dir, "resources/paper.md", "---\nid: paper\ntitle: Paper\nurl: https://example.org/paper\n"
                + "kind: paper\ntopics: [a]\nquestions: [kv]\n---\n" + "Summary words here. ".repeat(60) + "\n");
    }
}
