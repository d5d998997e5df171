package rt.radiomics.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Order statistics against a full sort: small and large sets (large enough to be split into buckets more than once),
 * values spread over many magnitudes or crowded into a narrow range, many ties, both zeros, infinities and NaN.
 */
@ExtendWith(rt.testsupport.SurefireStyleSummary.class)
class OrderStatisticsTest {

    @Test
    void the_values_at_the_ranks_are_those_of_a_sorted_copy() {
        Random rnd = new Random(20261203);
        for (int trial = 0; trial < 60; trial++) {
            int n = trial % 3 == 0 ? 1 + rnd.nextInt(50) : 5_000 + rnd.nextInt(200_000);
            double[] v = new double[n];
            int kind = trial % 5;
            for (int i = 0; i < n; i++) {
                v[i] = switch (kind) {
                    // HU-like integers crowded around the lung's -830
                    case 0 -> Math.round(-830 + 25 * rnd.nextGaussian());
                    // floats over many magnitudes of both signs
                    case 1 -> (float) (Math.pow(10, 6 * rnd.nextDouble() - 3) * (rnd.nextBoolean() ? 1 : -1));
                    // few distinct values
                    case 2 -> rnd.nextInt(4);
                    // values one ulp apart
                    case 3 -> Math.nextUp(1000.0 + rnd.nextInt(3)) + (rnd.nextBoolean() ? Math.ulp(1000.0) : 0);
                    default -> {
                        double[] odd = {0.0, -0.0, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
                        yield rnd.nextInt(10) == 0 ? odd[rnd.nextInt(odd.length)] : rnd.nextGaussian();
                    }
                };
            }
            double[] sorted = v.clone();
            Arrays.sort(sorted);
            int[] ranks = {0, n - 1, n / 2, (n - 1) / 10, Math.min(n - 1, (n - 1) / 10 + 1), 9 * (n - 1) / 10,
                n / 2, rnd.nextInt(n)};
            double[] at = OrderStatistics.at(v.clone(), ranks);
            for (int r = 0; r < ranks.length; r++) {
                // compared as bits: −0.0 and 0.0 differ, NaN equals NaN
                assertEquals(Double.doubleToLongBits(sorted[ranks[r]]), Double.doubleToLongBits(at[r]),
                        "trial " + trial + " (kind " + kind + ", n " + n + ") rank " + ranks[r]);
            }
        }
    }
}
