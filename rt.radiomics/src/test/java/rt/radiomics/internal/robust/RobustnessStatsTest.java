package rt.radiomics.internal.robust;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(rt.testsupport.SurefireStyleSummary.class)
class RobustnessStatsTest {

    /**
     * 3 subjects × 2 raters {{1,2},{3,4},{5,7}}: grand mean 22/6 = 11/3; row means 1.5, 3.5, 6; column means 3, 13/3.
     * SST = Σ(x − 11/3)² = 70/3; SSR = 2·((1.5−11/3)² + (3.5−11/3)² + (6−11/3)²) = 61/3;
     * SSC = 3·((3−11/3)² + (13/3−11/3)²) = 8/3; SSE = 70/3 − 61/3 − 8/3 = 1/3.
     * MSR = 61/6, MSE = (1/3)/2 = 1/6 → ICC(3,1) = (61/6 − 1/6)/(61/6 + 1/6) = 60/62 = 0.967742…
     */
    @Test
    void icc31_by_hand() {
        RobustnessStats.Icc r = RobustnessStats.icc31(new double[][] {{1, 2}, {3, 4}, {5, 7}});
        assertEquals(60.0 / 62.0, r.icc(), 1e-12);
        assertTrue(r.ciLow() < r.icc() && r.icc() < r.ciHigh());
    }

    /** Perfect agreement up to a rater offset: consistency ICC = 1 (MSE = 0). */
    @Test
    void icc31_ignores_rater_offsets() {
        RobustnessStats.Icc r = RobustnessStats.icc31(new double[][] {{1, 11}, {2, 12}, {4, 14}, {8, 18}});
        assertEquals(1.0, r.icc(), 1e-12);
    }

    /** Published F table values: F(0.975; 2, 3) = 16.04, F(0.95; 5, 10) = 3.33, F(0.975; 10, 10) = 3.72. */
    @Test
    void f_quantiles_match_tables() {
        assertAll(
                () -> assertEquals(16.04, RobustnessStats.fQuantile(0.975, 2, 3), 0.01),
                () -> assertEquals(3.33, RobustnessStats.fQuantile(0.95, 5, 10), 0.01),
                () -> assertEquals(3.72, RobustnessStats.fQuantile(0.975, 10, 10), 0.01));
    }

    /**
     * CoV of {2, 4, 6}: mean 4, SD (n−1) = sqrt((4 + 0 + 4)/2) = 2 → 50 %. QCD of {1, 2, 3, 4, 5}: Q1 = 2, Q3 = 4
     * (linear) → 2/6.
     */
    @Test
    void cov_and_qcd_by_hand() {
        assertAll(
                () -> assertEquals(50.0, RobustnessStats.cov(new double[] {2, 4, 6}), 1e-12),
                () -> assertEquals(1.0 / 3, RobustnessStats.qcd(new double[] {1, 2, 3, 4, 5}), 1e-12),
                () -> assertTrue(Double.isNaN(RobustnessStats.cov(new double[] {-1, 1}))),
                () -> assertEquals("robust", RobustnessStats.classify(0.95, 5)),
                () -> assertEquals("acceptable", RobustnessStats.classify(0.8, 15)),
                () -> assertEquals("poor", RobustnessStats.classify(0.95, 25)),
                () -> assertEquals("not_evaluable", RobustnessStats.classify(0.95, Double.NaN)));
    }
}
