package rt.radiomics.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The pruned largest distance equals every pair's, bit for bit, also where many points share a radius. */
class DiametersTest {

    private static double bruteForce(double[] pts, int dim) {
        int n = pts.length / dim;
        double best2 = 0;
        for (int a = 0; a < n; a++) {
            for (int b = 0; b < a; b++) {
                double s = 0;
                for (int d = 0; d < dim; d++) {
                    double t = pts[a * dim + d] - pts[b * dim + d];
                    s += t * t;
                }
                best2 = Math.max(best2, s);
            }
        }
        return Math.sqrt(best2);
    }

    @Test
    void random_and_grid_points_give_the_largest_pairwise_distance() {
        Random rnd = new Random(4);
        for (int trial = 0; trial < 300; trial++) {
            int dim = 2 + trial % 2;
            int n = 2 + rnd.nextInt(trial % 3 == 0 ? 2000 : 60);
            double[] pts = new double[n * dim];
            boolean grid = trial % 2 == 0;
            for (int k = 0; k < pts.length; k++) {
                // half-voxel grid points (mesh vertices: many equal radii and equal distances) or a random cloud
                pts[k] = grid ? rnd.nextInt(21) * 0.5 * (k % dim == 0 ? 2.5 : 0.98) : rnd.nextGaussian() * 30;
            }
            assertEquals(Double.doubleToLongBits(bruteForce(pts, dim)),
                    Double.doubleToLongBits(Diameters.max(pts, dim)), "trial " + trial + ", " + n + " points");
        }
    }

    @Test
    void points_on_a_sphere_all_at_one_radius() {
        int n = 500;
        double[] pts = new double[3 * n];
        for (int i = 0; i < n; i++) {
            // a spiral on the unit sphere: every radius from the centroid is (nearly) the same
            double z = 1 - 2 * (i + 0.5) / n;
            double r = Math.sqrt(1 - z * z);
            double phi = i * Math.PI * (3 - Math.sqrt(5));
            pts[3 * i] = 40 * r * Math.cos(phi);
            pts[3 * i + 1] = 40 * r * Math.sin(phi);
            pts[3 * i + 2] = 40 * z;
        }
        assertEquals(Double.doubleToLongBits(bruteForce(pts, 3)), Double.doubleToLongBits(Diameters.max(pts, 3)));
    }

    /**
     * Long and sparse point sets (a helix, rib-like rings along a spine, clusters far apart, a thin rod), where the
     * bounding-box filter keeps few points: the same largest distance as every pair's, and most points dropped.
     */
    @Test
    void long_and_sparse_shapes_keep_few_candidates_and_the_same_diameter() {
        Random rnd = new Random(9);
        for (int trial = 0; trial < 40; trial++) {
            int dim = 2 + trial % 2;
            int n = 200 + rnd.nextInt(1500);
            double[] pts = new double[n * dim];
            for (int i = 0; i < n; i++) {
                double t = i / (double) n;
                double[] p = switch (trial % 4) {
                    case 0 -> new double[] {20 * Math.cos(40 * t), 20 * Math.sin(40 * t), 300 * t};
                    case 1 -> new double[] {(90 + 10 * t) * Math.cos(6 * i), 70 * Math.sin(6 * i), 25 * (i % 12)};
                    case 2 -> new double[] {(i % 3) * 150 + rnd.nextGaussian() * 5, (i % 2) * 90 + rnd.nextGaussian() * 5,
                        rnd.nextGaussian() * 5};
                    default -> new double[] {rnd.nextInt(5) * 0.98, rnd.nextInt(5) * 0.98, rnd.nextInt(400) * 0.5};
                };
                System.arraycopy(p, 0, pts, i * dim, dim);
            }
            String what = "trial " + trial + ", " + n + " points in " + dim + "D";
            assertEquals(Double.doubleToLongBits(bruteForce(pts, dim)),
                    Double.doubleToLongBits(Diameters.max(pts, dim)), what);
            if (dim == 3 && trial % 4 != 2) {
                int kept = Diameters.candidates(pts, dim).length / dim;
                org.junit.jupiter.api.Assertions.assertTrue(kept < n / 2, what + ": " + kept + " candidates kept");
            }
        }
    }
}
