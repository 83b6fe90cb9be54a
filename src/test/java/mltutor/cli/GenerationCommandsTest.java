package mltutor.cli;

import static mltutor.cli.TutorCommandTest.run;
import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import mltutor.Fixtures;
import mltutor.cli.TutorCommandTest.Run;
import org.junit.jupiter.api.Test;

/** {@code tutor ask}, {@code draft} and {@code followups} on the fixture corpus, offline. */
class GenerationCommandsTest {
    private final String data = Fixtures.fixtureDataDir().toString();
    private final String corpus = Fixtures.FIXTURE_CORPUS.toString();

    GenerationCommandsTest() {
        Fixtures.fixtureApp();
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"ask", "draft", "followups", "bench-ask"})
    void everyGenerationCommandHasHelp(String command) {
        Run r = run(command, "--help");
        assertEquals(0, r.exit());
        assertTrue(r.out().contains("Usage: tutor " + command), r.out());
        assertTrue(r.out().contains("--llm"), "the LLM flags are shared");
    }

    @Test
    void askPrintsTheAnswerWithItsSources() {
        Run r = run("ask", "--corpus", corpus, "--data", data, "why", "do", "we", "keep", "a", "kv", "cache?");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().startsWith("During autoregressive generation the model caches"), r.out());
        assertTrue(r.out().contains("Sources:\n[1] What is KV cache and why is it used? (kv-cache)"), r.out());
        assertTrue(r.out().contains("_generator: offline_"));
    }

    @Test
    void askCanStream() {
        Run r = run("ask", "--stream", "--corpus", corpus, "--data", data, "what does dropout do?");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().startsWith("Dropout randomly switches off neurons"), r.out());
    }

    @Test
    void draftPrintsTheModelAnswer() {
        Run r = run("draft", "--corpus", corpus, "--data", data, "--id", "l1-vs-l2");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().startsWith("## What is the difference between L1 and L2 regularization?\n\n### Short answer"), r.out());
        assertTrue(r.out().contains("### Key points to hit"));
    }

    @Test
    void followUpsTargetWhatTheAnswerMissed(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path answer = Files.writeString(dir.resolve("answer.txt"), "Dropout zeroes activations with probability p during training.");
        Run r = run("followups", "--corpus", corpus, "--data", data, "--id", "dropout", "--answer-file", answer.toString(), "-n", "2");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("1. ") && r.out().contains("2. ") && !r.out().contains("3. "), r.out());
        assertTrue(r.out().contains("Key points the answer missed:\n- "), r.out());
        assertTrue(r.out().contains("Dropout is switched off at inference."), r.out());
    }

    @Test
    void badInputGetsOneReadableLine() {
        Run r = run("draft", "--corpus", corpus, "--data", data, "--id", "no-such-entry");
        assertEquals(1, r.exit());
        assertEquals("error: no entry with id 'no-such-entry'", r.err().strip());
        Run both = run("followups", "--corpus", corpus, "--data", data, "--answer", "x", "--answer-file", "y", "--id", "dropout");
        assertEquals("error: give --answer or --answer-file, not both", both.err().strip());
        Run llm = run("ask", "--corpus", corpus, "--data", data, "--llm", "ollama", "why?");
        assertEquals("error: TUTOR_LLM_MODEL: required when TUTOR_LLM=ollama (e.g. llama3.1:8b)", llm.err().strip());
    }
}
