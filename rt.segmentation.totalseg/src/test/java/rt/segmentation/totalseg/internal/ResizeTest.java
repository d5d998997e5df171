package rt.segmentation.totalseg.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import rt.testsupport.SurefireStyleSummary;

@ExtendWith(SurefireStyleSummary.class)
class ResizeTest {

    @Test
    void sameSizeIsIdentityForEveryOrder() {
        float[] in = {3, -1, 4, 1, -5, 9, 2, 6};
        for (int order : new int[] {0, 1, 3}) {
            float[] out = Resize.axis(in, new int[] {1, 1, 8}, 2, 8, order);
            assertArrayEquals(in, out, 1e-5f, "order " + order);
        }
    }

    @Test
    void linearUpsamplingOfARampIsExactInsideAndClampedAtTheEdges() {
        // 4 → 8: output o samples (o + 0.5) / 2 - 0.5 = -0.25, 0.25, 0.75, ... 3.25; values 10 * c clamped to [0, 30]
        float[] ramp = {0, 10, 20, 30};
        float[] out = Resize.axis(ramp, new int[] {4, 1, 1}, 0, 8, 1);
        assertArrayEquals(new float[] {0, 2.5f, 7.5f, 12.5f, 17.5f, 22.5f, 27.5f, 30}, out, 1e-5f);
    }

    @Test
    void cubicSplineReproducesACubicPolynomialAwayFromTheEdges() {
        int n = 60;
        float[] in = new float[n];
        for (int i = 0; i < n; i++) {
            double x = i / 10.0;
            in[i] = (float) (x * x * x - 2 * x * x + x);
        }
        int m = 90;
        float[] out = Resize.axis(in, new int[] {1, n, 1}, 1, m, 3);
        for (int o = 20; o < 70; o++) {
            double c = (o + 0.5) * n / m - 0.5;
            double x = c / 10.0;
            assertEquals(x * x * x - 2 * x * x + x, out[o], 2e-4, "output " + o);
        }
    }

    @Test
    void nearestPicksTheClosestSourceVoxel() {
        // 3 → 6: sources (o + 0.5) / 2 - 0.5 = -0.25, 0.25, 0.75, 1.25, 1.75, 2.25 → floor(c + 0.5) = 0, 0, 1, 1, 2, 2
        float[] out = Resize.axis(new float[] {1, 2, 3}, new int[] {1, 1, 3}, 2, 6, 0);
        assertArrayEquals(new float[] {1, 1, 2, 2, 3, 3}, out);
    }
}
