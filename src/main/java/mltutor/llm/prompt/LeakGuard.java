package mltutor.llm.prompt;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;
import mltutor.llm.LlmFailure;

/**
 * Stops a reply that repeats the tutor's instructions or contains the API key, whatever the model was talked
 * into. A reply leaks when it contains any run of {@link #SHINGLE} consecutive words of a system prompt, which
 * catches verbatim quotes and light edits, while ordinary answers share no such run with our instructions.
 */
public final class LeakGuard {
    static final int SHINGLE = 8;

    private final Set<String> shingles = new HashSet<>();
    private final Optional<String> secret;

    /** @param secret the API key, when one is configured */
    public LeakGuard(List<String> systemPrompts, Optional<String> secret) {
        for (String p : systemPrompts) {
            shingles.addAll(shingles(words(p)));
        }
        this.secret = secret.filter(s -> !s.isBlank());
    }

    public boolean leaks(String reply) {
        if (secret.isPresent() && reply.contains(secret.get())) {
            return true;
        }
        for (String s : shingles(words(reply))) {
            if (shingles.contains(s)) {
                return true;
            }
        }
        return false;
    }

    /** Throws a non-retryable failure for a leaking reply, so the caller answers offline instead. */
    public String check(String reply) {
        if (leaks(reply)) {
            throw new LlmFailure("the LLM reply repeated the tutor's instructions and was withheld", false);
        }
        return reply;
    }

    /**
     * Passes streamed tokens on, holding back the last {@code holdBack} characters until it is sure they do not
     * complete a leak; {@link GuardedStream#finish} releases the rest.
     */
    public GuardedStream guard(Consumer<String> downstream, int holdBack) {
        return new GuardedStream(downstream, holdBack);
    }

    /** A token consumer that checks the whole reply so far before releasing text. */
    public final class GuardedStream implements Consumer<String> {
        private final Consumer<String> downstream;
        private final int holdBack;
        private final StringBuilder text = new StringBuilder();
        private int released;

        GuardedStream(Consumer<String> downstream, int holdBack) {
            this.downstream = downstream;
            this.holdBack = holdBack;
        }

        @Override
        public void accept(String token) {
            text.append(token);
            check(text.toString());
            int upTo = text.length() - holdBack;
            if (upTo > released) {
                downstream.accept(text.substring(released, upTo));
                released = upTo;
            }
        }

        public void finish() {
            check(text.toString());
            if (text.length() > released) {
                downstream.accept(text.substring(released));
                released = text.length();
            }
        }
    }

    private static List<String> words(String text) {
        var out = new ArrayList<String>();
        for (String w : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
            if (!w.isEmpty()) {
                out.add(w);
            }
        }
        return out;
    }

    private static List<String> shingles(List<String> words) {
        var out = new ArrayList<String>();
        for (int i = 0; i + SHINGLE <= words.size(); i++) {
            out.add(String.join(" ", words.subList(i, i + SHINGLE)));
        }
        return out;
    }
}
