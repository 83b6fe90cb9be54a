package mltutor.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/**
 * The jars as {@code mvn package} leaves them (run by failsafe after package): the production jar carries no
 * benchmark or evaluation code, the eval jar carries only that, and {@code ./tutor} still offers its commands.
 */
class PackagedJarsIT {
    private static final Path MAIN_JAR = Path.of("target/ml-interview-tutor.jar");
    private static final Path EVAL_JAR = Path.of("target/ml-interview-tutor-eval.jar");
    private static final String SERVICE_FILE = "META-INF/services/mltutor.cli.CommandPlugin";
    private static final List<String> EVAL_COMMANDS = List.of("eval", "bench", "bench-ask", "fit-answerability");
    private static final Pattern EVAL_COMMAND_CLASS =
            Pattern.compile("mltutor/.*/(EvalCommands?|BenchCommand|BenchAskCommand|FitAnswerabilityCommand)(\\$.*)?\\.class");

    @Test
    void theProductionJarHasNoEvalCode() throws IOException {
        List<String> names = entries(MAIN_JAR);
        assertTrue(names.contains("mltutor/cli/TutorCommand.class"), "not the production jar: " + MAIN_JAR);
        List<String> leaked = names.stream()
                .filter(n -> n.startsWith("mltutor/eval/") || n.equals(SERVICE_FILE) || EVAL_COMMAND_CLASS.matcher(n).matches())
                .toList();
        assertEquals(List.of(), leaked, "eval code in the production jar");
    }

    @Test
    void theEvalJarHoldsTheEvalCodeAndItsServiceRegistrationOnly() throws IOException {
        List<String> names = entries(EVAL_JAR);
        assertTrue(names.contains("mltutor/eval/EvalCommand.class") && names.contains("mltutor/eval/Benchmark.class"), names.toString());
        assertTrue(names.contains(SERVICE_FILE), names.toString());
        List<String> foreign = names.stream()
                .filter(n -> n.endsWith(".class") && !n.startsWith("mltutor/eval/"))
                .toList();
        assertEquals(List.of(), foreign, "the eval jar must not repeat the main classes");
    }

    @Test
    void theLauncherOffersTheEvalCommandsAndTheProductionJarAloneDoesNot() throws Exception {
        String launcher = run("sh", "tutor", "--help");
        String production = run(java(), "-cp", MAIN_JAR.toString(), "mltutor.cli.TutorCommand", "--help");
        for (String command : EVAL_COMMANDS) {
            Pattern listed = Pattern.compile("(?m)^\\s+" + Pattern.quote(command) + "\\s");
            assertTrue(listed.matcher(launcher).find(), command + " missing from ./tutor --help:\n" + launcher);
            assertFalse(listed.matcher(production).find(), command + " in the production jar's --help:\n" + production);
        }
        assertTrue(production.contains("serve") && production.contains("search"), production);
        assertTrue(run("sh", "tutor", "bench-ask", "--help").contains("Usage: tutor bench-ask"));
    }

    @Test
    void theProductionJarWritesAnAnkiPackageWithSqlitesNativeLibraryInside() throws Exception {
        assertTrue(entries(MAIN_JAR).stream().anyMatch(n -> n.matches("org/sqlite/native/Linux/[^/]+/libsqlitejdbc\\.so")),
                "the shade plugin kept sqlite-jdbc's native libraries");
        Path out = java.nio.file.Files.createTempDirectory("packaged-anki").resolve("deck.apkg");
        String printed = run(java(), "-cp", MAIN_JAR.toString(), "mltutor.cli.TutorCommand", "export", "anki",
                "--corpus", "src/test/resources/fixture-corpus", "--out", out.toString());
        assertTrue(printed.contains("wrote 6 notes (the whole corpus) to " + out), printed);
        assertEquals(6, mltutor.export.AnkiPackageFile.read(java.nio.file.Files.readAllBytes(out)).notes().size());
    }

    private static List<String> entries(Path jar) throws IOException {
        assertTrue(jar.toFile().isFile(), jar + " not built");
        try (var zip = new ZipFile(jar.toFile())) {
            return Collections.list(zip.entries()).stream().map(ZipEntry::getName).toList();
        }
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** Runs a command in the project directory and returns its output; it must exit 0. */
    private static String run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), String.join(" ", command) + " did not finish");
        assertEquals(0, p.exitValue(), String.join(" ", command) + ":\n" + out);
        return out;
    }
}
