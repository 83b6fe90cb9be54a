package mltutor.text;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.junit.jupiter.api.Test;

class SentenceSplitterTest {
    @Test
    void splitsSentencesAndKeepsAbbreviationsAndMath() {
        assertEquals(List.of("Dropout zeroes units at random, e.g. half of them during training.",
                        "At inference the weights are scaled by $1-p$ so the expected activation matches.",
                        "It acts like an ensemble."),
                SentenceSplitter.split("Dropout zeroes units at random, e.g. half of them during training. At inference"
                        + " the weights are scaled by $1-p$ so the expected activation matches. It acts like an ensemble."));
    }

    @Test
    void dropsHeadingsListMarkersAndEmphasis() {
        String md = """
                ## Short answer
                The cache stores **keys and values** of past tokens.

                - Each step computes one new query.
                1. Memory grows linearly with length.
                """;
        assertEquals(List.of("The cache stores keys and values of past tokens.", "Each step computes one new query.",
                "Memory grows linearly with length."), SentenceSplitter.split(md));
    }

    @Test
    void attachesTinyFragmentsToTheSentenceBefore() {
        assertEquals(List.of("The answer is quadratic in length. Yes.", "Memory is linear with FlashAttention."),
                SentenceSplitter.split("The answer is quadratic in length. Yes. Memory is linear with FlashAttention."));
    }

    @Test
    void keepsALongLineThatMerelyStartsWithAHash() {
        assertEquals(List.of("Short answer For length n attention costs O(n^2 d) time.", "Memory is O(n^2) per head."),
                SentenceSplitter.split("## Short answer For length n attention costs O(n^2 d) time. Memory is O(n^2) per head."));
    }

    @Test
    void returnsNothingForBlankText() {
        assertEquals(List.of(), SentenceSplitter.split("  \n\n "));
    }
}
