package mltutor.practice;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

class GradingScaleTest {
    private final GradingScale scale = new GradingScale(0.80, 0.05, 0.5, 0.65);

    @Test
    void givesFullCreditAtTheBarPartialCreditInTheBandAndNoneBelow() {
        assertEquals(1.0, scale.credit(0.80, 0.65));
        assertEquals(0.5, scale.credit(0.775, 0.65), 1e-9);
        assertEquals(0.0, scale.credit(0.75, 0.65));
    }

    @Test
    void raisesTheBarForKeyPointsThatResembleUnrelatedText() {
        assertEquals(0.85, scale.required(0.75), 1e-9);
        assertEquals(0.75, scale.required(0.55), 1e-9);
        assertEquals(0.0, scale.credit(0.80, 0.85), "a generic point needs a closer match");
        assertEquals(1.0, scale.credit(0.76, 0.55), "a distinctive point is found at a lower similarity");
    }

    @Test
    void scoresTheMeanCreditFrom0To100() {
        double[] bg = {0.65, 0.65, 0.65, 0.65};
        assertEquals(100, scale.score(new double[] {0.9, 0.85, 0.81, 0.8}, bg));
        assertEquals(63, scale.score(new double[] {0.9, 0.85, 0.775, 0.1}, bg));
        assertEquals(0, scale.score(new double[] {0.1, 0.2, 0.3, 0.7}, bg));
        assertEquals(0, scale.score(new double[0], new double[0]));
    }

    @Test
    void rejectsAnImpossibleScale() {
        assertThrows(IllegalArgumentException.class, () -> new GradingScale(1.2, 0.05, 0.7, 0.65));
        assertThrows(IllegalArgumentException.class, () -> new GradingScale(0.5, 0.6, 0.7, 0.65));
        assertThrows(IllegalArgumentException.class, () -> new GradingScale(0.5, 0.05, -1, 0.65));
    }
}
