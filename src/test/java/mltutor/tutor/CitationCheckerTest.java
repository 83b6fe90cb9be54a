package mltutor.tutor;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CitationCheckerTest {
    private final CitationChecker checker = new CitationChecker();

    @Test
    void keepsCitationsToSourcesThatWereGiven() {
        var c = checker.check("Scaling keeps logits near unit variance [1]. The cache grows linearly [2, 3].", Set.of(1, 2, 3));
        assertEquals("Scaling keeps logits near unit variance [1]. The cache grows linearly [2, 3].", c.text());
        assertEquals(List.of(1, 2, 3), c.cited());
        assertEquals(0, c.removed());
        assertTrue(c.grounded());
    }

    @Test
    void removesCitationsToSourcesThatWereNotGiven() {
        var c = checker.check("Dropout zeroes activations [1]. It was invented in 1850 [7]. Also [2; 9].", Set.of(1, 2));
        assertEquals("Dropout zeroes activations [1]. It was invented in 1850. Also [2].", c.text());
        assertEquals(List.of(1, 2), c.cited());
        assertEquals(2, c.removed());
    }

    @Test
    void anAnswerWithoutValidCitationsIsNotGrounded() {
        var none = checker.check("Dropout zeroes activations.", Set.of(1, 2));
        assertFalse(none.grounded());
        assertEquals(0, none.removed());
        var onlyInvalid = checker.check("Dropout zeroes activations [4].", Set.of(1, 2));
        assertFalse(onlyInvalid.grounded());
        assertEquals("Dropout zeroes activations.", onlyInvalid.text());
        assertEquals(1, onlyInvalid.removed());
    }

    @Test
    void leavesLinksFootnotesAndNonNumericBracketsAlone() {
        String text = "See [the paper](https://arxiv.org/abs/1) and note[^1], a matrix [a, b] and [1](x).";
        var c = checker.check(text, Set.of(1));
        assertEquals(text, c.text());
        assertFalse(c.grounded());
    }

    @Test
    void countsAdjacentCitationsSeparately() {
        var c = checker.check("Claim [1][3][2].", Set.of(1, 2));
        assertEquals("Claim [1][2].", c.text());
        assertEquals(List.of(1, 2), c.cited());
        assertEquals(1, c.removed());
    }
}
