package rt.dvh.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The separable distance transform against the brute-force minimum over all seeds. */
@ExtendWith(rt.testsupport.SurefireStyleSummary.class)
class EdtTest {

    @Test
    void matches_brute_force_and_scratch_is_reusable() {
        Random rnd = new Random(7);
        Edt.Scratch scratch = new Edt.Scratch(37);
        for (int trial = 0; trial < 20; trial++) {
            int nx = 5 + rnd.nextInt(33);
            int ny = 5 + rnd.nextInt(33);
            float[] seed = new float[nx * ny];
            Arrays.fill(seed, Edt.NONE);
            int seeds = trial == 0 ? 0 : 1 + rnd.nextInt(20);
            for (int s = 0; s < seeds; s++) {
                seed[rnd.nextInt(seed.length)] = (float) (2.25 * rnd.nextDouble());
            }
            float[] out = new float[nx * ny];
            scratch.transform(seed, nx, ny, out);
            for (int q = 0; q < out.length; q++) {
                double best = Edt.NONE;
                for (int p = 0; p < seed.length; p++) {
                    if (seed[p] < Edt.NONE) {
                        double di = q % nx - p % nx;
                        double dj = q / nx - p / nx;
                        best = Math.min(best, di * di + dj * dj + seed[p]);
                    }
                }
                assertEquals(best, out[q], 1e-4 * Math.max(1, best), "trial " + trial + " cell " + q);
            }
        }
    }

    @Test
    void copied_contours_give_the_same_dvh_as_rebuilt_planes() {
        DoseField d = DvhSamplerTest.dose(x -> 10 + 0.3 * x, z -> 0.1 * z);
        RoiPlanes copied = DvhSamplerTest.cube(8, -6, 6, 1.5);
        // the same planes, each with a vertex moved by 1e-9 mm: no plane equals its neighbour any more
        java.util.List<double[]> cs = new java.util.ArrayList<>();
        for (int k = 0; k < copied.planeCount(); k++) {
            double[][] p = copied.polygons().get(k).get(0);
            double[] c = new double[3 * p[0].length];
            for (int n = 0; n < p[0].length; n++) {
                c[3 * n] = p[0][n] + (n == 0 ? 1e-9 * k : 0);
                c[3 * n + 1] = p[1][n];
                c[3 * n + 2] = copied.z()[k];
            }
            cs.add(c);
        }
        Dvh a = DvhSampler.compute(copied, d, DvhSampler.Options.defaults());
        Dvh b = DvhSampler.compute(RoiPlanes.of(cs), d, DvhSampler.Options.defaults());
        assertEquals(b.volumeCc(), a.volumeCc(), 1e-6);
        assertEquals(b.meanGy(), a.meanGy(), 1e-6);
        assertEquals(b.doseAtVolumePct(95), a.doseAtVolumePct(95), 1e-6);
        assertEquals(b.minGy(), a.minGy(), 1e-6);
        assertEquals(b.maxGy(), a.maxGy(), 1e-6);
    }
}
