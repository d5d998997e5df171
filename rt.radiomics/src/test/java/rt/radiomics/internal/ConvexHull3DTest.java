package rt.radiomics.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(rt.testsupport.SurefireStyleSummary.class)
class ConvexHull3DTest {

    @Test
    void integer_grid_box_with_many_coplanar_points() {
        double[] pts = new double[3 * 4 * 5 * 6];
        int n = 0;
        for (int z = 0; z <= 5; z++) {
            for (int y = 0; y <= 4; y++) {
                for (int x = 0; x <= 3; x++) {
                    pts[n++] = x;
                    pts[n++] = y;
                    pts[n++] = z;
                }
            }
        }
        double[] va = ConvexHull3D.volumeAndArea(pts);
        assertEquals(60, va[0], 1e-9);
        assertEquals(2 * (12 + 15 + 20), va[1], 1e-9);
    }

    @Test
    void interior_points_do_not_change_the_hull() {
        Random r = new Random(5);
        int k = 40;
        double[] base = new double[3 * k];
        for (int i = 0; i < base.length; i++) {
            base[i] = r.nextGaussian() * (1 + i % 3);
        }
        double[] withInner = java.util.Arrays.copyOf(base, base.length + 3 * 2000);
        for (int j = 0; j < 2000; j++) {
            double[] w = new double[k];
            double s = 0;
            for (int i = 0; i < k; i++) {
                w[i] = r.nextDouble();
                s += w[i];
            }
            for (int d = 0; d < 3; d++) {
                double v = 0;
                for (int i = 0; i < k; i++) {
                    v += w[i] / s * base[3 * i + d];
                }
                withInner[base.length + 3 * j + d] = v;
            }
        }
        double[] a = ConvexHull3D.volumeAndArea(base);
        double[] b = ConvexHull3D.volumeAndArea(withInner);
        assertTrue(a[0] > 0);
        assertEquals(a[0], b[0], 1e-9 * a[0]);
        assertEquals(a[1], b[1], 1e-9 * a[1]);
    }

    @Test
    void points_on_a_sphere_approach_its_volume_and_area() {
        int n = 4000;
        double[] pts = new double[3 * n];
        double golden = Math.PI * (3 - Math.sqrt(5));
        for (int i = 0; i < n; i++) {
            double z = 1 - 2 * (i + 0.5) / n;
            double rho = Math.sqrt(1 - z * z);
            pts[3 * i] = rho * Math.cos(golden * i);
            pts[3 * i + 1] = rho * Math.sin(golden * i);
            pts[3 * i + 2] = z;
        }
        double[] va = ConvexHull3D.volumeAndArea(pts);
        assertTrue(va[0] < 4 * Math.PI / 3 && va[0] > 0.998 * 4 * Math.PI / 3, "volume " + va[0]);
        assertTrue(va[1] < 4 * Math.PI && va[1] > 0.998 * 4 * Math.PI, "area " + va[1]);
    }

    @Test
    void flat_input_has_no_volume() {
        double[] pts = {0, 0, 0, 1, 0, 0, 0, 1, 0, 1, 1, 0, 0.5, 0.5, 0};
        double[] va = ConvexHull3D.volumeAndArea(pts);
        assertEquals(0, va[0]);
        assertTrue(Double.isNaN(va[1]));
    }
}
