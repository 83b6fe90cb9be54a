package mltutor.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import mltutor.Fixtures;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Runs the real command line in-process and checks what a user would see. */
class TutorCommandTest {
    /** Exit code, standard output (System.out and the CLI writer) and error output of one run. */
    record Run(int exit, String out, String err) {
    }

    static Run run(String... args) {
        var out = new StringWriter();
        var err = new StringWriter();
        var captured = new ByteArrayOutputStream();
        PrintStream original = System.out;
        int exit;
        System.setOut(new PrintStream(captured, true));
        try {
            exit = TutorCommand.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        } finally {
            System.setOut(original);
        }
        return new Run(exit, out + captured.toString(), err.toString());
    }

    private final String data = Fixtures.tempDir("cli-index").toString();
    private final String corpus = Fixtures.FIXTURE_CORPUS.toString();

    @ParameterizedTest
    @ValueSource(strings = {"serve", "index", "search", "corpus", "eval", "bench", "gaps", "fit-answerability", "config", "export"})
    void everyCommandHasHelp(String command) {
        Run r = run(command, "--help");
        assertEquals(0, r.exit());
        assertTrue(r.out().contains("Usage: tutor " + command), r.out());
    }

    @Tag("slow")
    @Test
    void searchPrintsRankedEntries() {
        Run r = run("search", "--corpus", corpus, "--data", data, "-k", "2", "why", "cache", "keys", "and", "values");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("answerable from the notes"), r.out());
        assertTrue(r.out().contains("1. ") && r.out().contains("What is KV cache and why is it used?  (kv-cache, Transformers)"), r.out());
        assertFalse(r.out().contains("3. "));
    }

    @Tag("slow")
    @Test
    void searchSaysWhenTheCorpusDoesNotCoverAQuestion() {
        Run r = run("search", "--corpus", corpus, "--data", data, "--explain", "sourdough starter feeding schedule");
        assertTrue(r.out().contains("NOT an ML interview topic"), r.out());
        assertTrue(r.out().contains("offTopicMargin"), "--explain prints the signals: " + r.out());
    }

    @Test
    void gapsListsUncoveredQuestionsByNearestEntryAndSkipsUnreadableLines() throws Exception {
        Path log = Fixtures.tempDir("gaps").resolve("gaps.jsonl");
        var gaps = new mltutor.gaps.FileGapLog(log, java.time.Clock.systemUTC());
        gaps.record("how does a kalman filter work", "kv-cache", 0.1);
        gaps.record("what is a hidden markov model", "kv-cache", 0.2);
        gaps.record("explain neural radiance fields", "dropout", 0.1);
        java.nio.file.Files.writeString(log, "{not json\n", java.nio.file.StandardOpenOption.APPEND);
        Run r = run("gaps", "--corpus", corpus, "--data", data, "--gap-log", log.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("3 uncovered questions") && r.out().contains("1 unreadable lines skipped"), r.out());
        int kv = r.out().indexOf("nearest entry: kv-cache (2 asked)");
        int dropout = r.out().indexOf("nearest entry: dropout (1 asked)");
        assertTrue(kv >= 0 && dropout > kv, "grouped, most asked first: " + r.out());
        assertTrue(r.out().indexOf("- how does a kalman filter work") > kv);
        Run off = run("gaps", "--corpus", corpus, "--data", data, "--gap-log", "off");
        assertTrue(off.out().contains("the gap log is off"), off.out());
    }

    @Tag("slow")
    @Test
    void indexBuildsThenReportsUpToDate() {
        Run first = run("index", "--corpus", corpus, "--data", data);
        assertTrue(first.out().contains("index built"), first.out());
        Run second = run("index", "--corpus", corpus, "--data", data);
        assertTrue(second.out().contains("index up to date"), second.out());
        Run forced = run("index", "--corpus", corpus, "--data", data, "--rebuild");
        assertTrue(forced.out().contains("index built"), forced.out());
    }

    @Test
    void corpusCheckPrintsEveryProblemAndExitsNonZero() throws Exception {
        Path bad = Fixtures.copyOfFixtureCorpus();
        Files.writeString(bad.resolve("questions/metrics/broken.md"), "---\nid: [oops\n---\ntext\n");
        Path kv = bad.resolve("questions/transformers/kv-cache.md");
        Files.writeString(kv, Files.readString(kv).replace("related: [attention-scaling]", "related: [ghost]"));
        Run r = run("corpus", "check", "--corpus", bad.toString());
        assertEquals(1, r.exit());
        assertTrue(r.out().contains("questions/metrics/broken.md: invalid YAML"), r.out());
        assertTrue(r.out().contains("questions/transformers/kv-cache.md: related id 'ghost' does not exist"), r.out());
        assertTrue(r.out().contains("2 problem(s)"), r.out());
    }

    @Test
    void fileErrorsSayPermissionDeniedAndNameTheFile() throws Exception {
        var bare = new java.io.UncheckedIOException(new java.nio.file.AccessDeniedException("/srv/data/gen-2"));
        assertEquals("/srv/data/gen-2: permission denied", TutorCommand.describe(bare));
        assertEquals("/srv/gaps.jsonl: permission denied",
                TutorCommand.describe(new java.nio.file.AccessDeniedException("/srv/gaps.jsonl")));
        // An exception that already says what it was doing keeps its message.
        Run r = run("feedback", "kv-cache", "--corpus", corpus, "--data", data, "--answer-file",
                Fixtures.tempDir("answer-dir").toString());
        assertEquals(1, r.exit(), r.out());
        assertTrue(r.err().matches("error: cannot read the answer from .*answer-dir\\S*: Is a directory\\s*"), r.err());
    }

    @Test
    void corpusCheckPassesOnTheRealCorpus() {
        Run r = run("corpus", "check");
        assertEquals(0, r.exit(), r.out());
        assertTrue(r.out().startsWith("corpus OK: "), r.out());
    }

    @Tag("slow")
    @Test
    void evalPrintsScoresPerMode() throws Exception {
        Path tsv = Fixtures.tempDir("eval").resolve("q.tsv");
        Files.writeString(tsv, "query\texpected\talso_ok\nkv cache memory\tWhat is KV cache and why is it used?\t\n"
                + "sourdough bread\tNONE\t\n");
        Run r = run("eval", tsv.toString(), "--corpus", corpus, "--data", data);
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().matches("(?s).*hybrid weighted\\(w=0.6\\)\\s+1\\.000\\s+1\\.000\\s+1\\.000\\s+1\\.000\\s+1\\.000\\s+1\\.000.*"), r.out());
        assertTrue(r.out().contains("vector") && r.out().contains("bm25"));
    }

    @Test
    void badInputGivesOneReadableLineAndNoStackTrace() throws Exception {
        Run missingModel = run("search", "--corpus", corpus, "--data", data, "--model", "/nope/model.onnx", "x");
        assertEquals(1, missingModel.exit());
        assertTrue(missingModel.err().startsWith("error: ONNX model file not found or unreadable: /nope/model.onnx"), missingModel.err());
        assertEquals(1, missingModel.err().strip().lines().count());

        Run badConfig = run("search", "--corpus", corpus, "--fusion", "max", "x");
        assertEquals("error: TUTOR_FUSION: must be 'weighted' or 'rrf', got 'max'", badConfig.err().strip());

        Run badK = run("search", "--corpus", corpus, "--data", data, "-k", "0", "x");
        assertEquals("error: -k must be from 1 to 50", badK.err().strip());

        Path badEval = Fixtures.tempDir("eval").resolve("bad.tsv");
        Files.writeString(badEval, "not a header\n");
        Run evalErr = run("eval", badEval.toString(), "--corpus", corpus, "--data", data);
        assertTrue(evalErr.err().startsWith("error: " + badEval + ": the first line must be the header"), evalErr.err());

        Run brokenCorpus = run("search", "--corpus", "/nonexistent-corpus", "x");
        assertTrue(brokenCorpus.err().startsWith("error: the corpus has 1 problem(s), first: /nonexistent-corpus: corpus directory not found"),
                brokenCorpus.err());
        for (Run r : new Run[] {missingModel, badConfig, badK, evalErr, brokenCorpus}) {
            assertFalse(r.err().contains("\tat "), r.err());
        }
    }
}
