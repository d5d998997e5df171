package rt.dvh.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The bucket index answers as the scan of every corner does, ties (to the first corner) and misses included. */
class CornerIndexTest {

    private static int scan(double[] corners, int stride, double x, double y, double reach) {
        int found = -1;
        double best = reach * reach;
        for (int c = 0; c < corners.length; c += stride) {
            double dx = corners[c] - x;
            double dy = corners[c + 1] - y;
            double d2 = dx * dx + dy * dy;
            if (d2 < best) {
                best = d2;
                found = c;
            }
        }
        return found;
    }

    @Test
    void nearestIsTheScansAnswerEverywhere() {
        Random rnd = new Random(7);
        int stride = Plane.CORNER;
        for (int trial = 0; trial < 40; trial++) {
            int n = trial == 0 ? 0 : 1 + rnd.nextInt(300);
            double[] corners = new double[n * stride];
            for (int c = 0; c < n; c++) {
                // on a 0.5 mm lattice so that exact ties and corners on bucket edges occur; some repeated
                corners[c * stride] = c > 0 && rnd.nextInt(10) == 0 ? corners[(c - 1) * stride]
                        : 0.5 * rnd.nextInt(200) - 50;
                corners[c * stride + 1] = c > 0 && rnd.nextInt(10) == 0 ? corners[(c - 1) * stride + 1]
                        : 0.5 * rnd.nextInt(120) - 30;
            }
            CornerIndex index = new CornerIndex(corners, stride);
            for (int q = 0; q < 2000; q++) {
                double x = q % 3 == 0 ? 0.5 * rnd.nextInt(260) - 80 : rnd.nextDouble() * 160 - 80;
                double y = q % 3 == 0 ? 0.5 * rnd.nextInt(180) - 60 : rnd.nextDouble() * 120 - 60;
                double reach = q % 5 == 0 ? 0.5 * rnd.nextInt(30) : rnd.nextDouble() * 15;
                assertEquals(scan(corners, stride, x, y, reach), index.nearest(x, y, reach),
                        "corners " + n + " at (" + x + ", " + y + ") within " + reach);
            }
        }
    }
}
