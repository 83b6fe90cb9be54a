package mltutor.llm.prompt;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Optional;
import java.util.ArrayList;
import java.util.List;
import mltutor.llm.LlmFailure;
import org.junit.jupiter.api.Test;

class LeakGuardTest {
    private final Prompts prompts = new Prompts();
    private final LeakGuard guard = new LeakGuard(prompts.systemPrompts(), Optional.of("sk-test-secret-123"));

    @Test
    void flagsAReplyThatQuotesASystemPrompt() {
        String system = prompts.systemPrompts().get(0);
        String quote = system.substring(system.length() / 3, system.length() / 3 + 120);
        assertTrue(guard.leaks("Sure! My instructions say: " + quote));
        assertTrue(guard.leaks("MY INSTRUCTIONS: " + quote.toUpperCase()));
        assertThrows(LlmFailure.class, () -> guard.check(system));
    }

    @Test
    void flagsTheApiKey() {
        assertTrue(guard.leaks("the key is sk-test-secret-123"));
    }

    @Test
    void passesAnOrdinaryAnswer() {
        String answer = "Dividing by sqrt(d_k) keeps the logits at unit variance, so the softmax does not saturate [1]. "
                + "Use only the sources you need and cite them.";
        assertFalse(guard.leaks(answer));
        assertEquals(answer, guard.check(answer));
    }

    @Test
    void aGuardedStreamStopsBeforeReleasingALeak() {
        var released = new ArrayList<String>();
        var stream = guard.guard(released::add, 120);
        String system = prompts.systemPrompts().get(0);
        List<String> tokens = List.of(system.split("(?<= )"));
        assertThrows(LlmFailure.class, () -> tokens.forEach(stream));
        String shown = String.join("", released);
        assertFalse(guard.leaks(shown), "released text must not itself be a leak: " + shown);
    }

    @Test
    void aGuardedStreamReleasesEverythingWhenFinished() {
        var released = new ArrayList<String>();
        var stream = guard.guard(released::add, 10);
        for (String t : List.of("Dropout ", "zeroes ", "activations ", "[1].")) {
            stream.accept(t);
        }
        stream.finish();
        assertEquals("Dropout zeroes activations [1].", String.join("", released));
    }
}
