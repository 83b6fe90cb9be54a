package mltutor.embedding;

/**
 * The tokenizer library (DJL) phones a cloud metadata address once per JVM when a tokenizer loads,
 * unless told not to. Nothing may leave this machine, so every entry point calls {@link #disable()}
 * before a model or tokenizer is created.
 */
public final class DjlTracking {
    private DjlTracking() {
    }

    public static void disable() {
        System.setProperty("OPT_OUT_TRACKING", "true");
        System.setProperty("ai.djl.offline", "true");
    }
}
