package rt.radiomics.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The guessed-then-settled level of {@link Discretizer#level} against {@code numpy.digitize}'s binary search
 * ({@link Discretizer#digitize}) on the edges of bin widths and bin counts: values on edges, one ulp either side,
 * −0.0 beside 0.0, below the first and beyond the last edge, NaN, and single-edge and degenerate ranges.
 */
@ExtendWith(rt.testsupport.SurefireStyleSummary.class)
class DiscretizerTest {

    @Test
    void level_equals_the_binary_search_of_digitize() {
        Random rnd = new Random(7);
        for (int trial = 0; trial < 2_000; trial++) {
            double min = rnd.nextInt(3) == 0 ? 0 : (rnd.nextDouble() - 0.5) * Math.pow(10, rnd.nextInt(5));
            double max = rnd.nextInt(5) == 0 ? min : min + rnd.nextDouble() * Math.pow(10, rnd.nextInt(5));
            double[] edges = rnd.nextBoolean()
                    ? Discretizer.edges(min, max, 0.1 + rnd.nextDouble() * 30, 0)
                    : Discretizer.edges(min, max, 0, 1 + rnd.nextInt(64));
            double first = edges[0];
            double perStep = Discretizer.perStep(edges);
            for (int k = 0; k < 200; k++) {
                double x = value(rnd, edges, min, max);
                assertEquals(Discretizer.digitize(x, edges), Discretizer.level(x, edges, first, perStep),
                        "x = " + x + " (" + Double.doubleToRawLongBits(x) + ") on " + edges.length + " edges from "
                                + first);
            }
        }
    }

    private static double value(Random rnd, double[] edges, double min, double max) {
        switch (rnd.nextInt(8)) {
            case 0:
                return edges[rnd.nextInt(edges.length)];
            case 1:
                return Math.nextDown(edges[rnd.nextInt(edges.length)]);
            case 2:
                return Math.nextUp(edges[rnd.nextInt(edges.length)]);
            case 3:
                return rnd.nextBoolean() ? -0.0 : 0.0;
            case 4:
                return edges[0] - rnd.nextDouble() * 100;
            case 5:
                return edges[edges.length - 1] + rnd.nextDouble() * 100;
            case 6:
                return rnd.nextInt(20) == 0 ? Double.NaN : min;
            default:
                return min + rnd.nextDouble() * (max - min);
        }
    }
}
