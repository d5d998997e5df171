package rt.imaging;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import rt.api.image.Grid;
import rt.api.image.Mask;
import rt.testsupport.SurefireStyleSummary;

@ExtendWith(SurefireStyleSummary.class)
class MaskContoursTest {

    static double area(SliceContour c, Grid g) {
        double[] p = c.points();
        int n = c.pointCount();
        double a = 0;
        for (int i = 0, j = n - 1; i < n; j = i++) {
            a += p[3 * j] * p[3 * i + 1] - p[3 * i] * p[3 * j + 1];
        }
        return a / 2;
    }

    static List<double[]> polygons(List<SliceContour> cs) {
        List<double[]> out = new ArrayList<>();
        for (SliceContour c : cs) {
            out.add(c.points());
        }
        return out;
    }

    @Test
    void rasterisedSquareGivesBackItsSidesWithCutCorners() {
        Grid g = RasterizerTest.GRID;
        Mask m = Rasterizer.mask(g, List.of(RasterizerTest.rect(4.5, 4.5, 14.5, 14.5, 3, false)));
        List<SliceContour> cs = MaskContours.extract(m);
        assertEquals(1, cs.size());
        SliceContour c = cs.get(0);
        assertFalse(c.hole());
        // 4 sides on the voxel faces + 4 corner diagonals of half a voxel: 8 points, area 100 - 4 * 1/8.
        assertEquals(8, c.pointCount());
        assertEquals(99.5, Math.abs(area(c, g)), 1e-9);
        double minX = Double.MAX_VALUE, maxX = -Double.MAX_VALUE;
        for (int n = 0; n < c.pointCount(); n++) {
            minX = Math.min(minX, c.points()[3 * n]);
            maxX = Math.max(maxX, c.points()[3 * n]);
            assertEquals(3, c.points()[3 * n + 2], 1e-12);
        }
        assertEquals(4.5, minX, 1e-12);
        assertEquals(14.5, maxX, 1e-12);
        // Re-rasterising gives back the same voxels.
        Mask back = Rasterizer.mask(g, polygons(cs));
        assertEquals(100, back.count());
        assertEquals(100, Masks.intersection(back, m).count());
    }

    @Test
    void holesAreSeparateClockwiseContours() {
        Grid g = RasterizerTest.GRID;
        Mask m = Rasterizer.mask(g, List.of(RasterizerTest.rect(4.5, 4.5, 24.5, 24.5, 5, false),
                RasterizerTest.rect(9.5, 9.5, 19.5, 19.5, 5, false)));
        List<SliceContour> cs = MaskContours.extract(m);
        assertEquals(2, cs.size());
        assertEquals(1, cs.stream().filter(SliceContour::hole).count());
        for (SliceContour c : cs) {
            assertEquals(c.hole(), area(c, g) < 0, "holes run clockwise");
        }
        assertEquals(300, Rasterizer.mask(g, polygons(cs)).count());
    }

    @Test
    void randomMasksRoundTripExactlyThroughContours() {
        Random r = new Random(42);
        for (int trial = 0; trial < 20; trial++) {
            int nx = 3 + r.nextInt(20);
            int ny = 3 + r.nextInt(20);
            int nz = 1 + r.nextInt(3);
            double[] sp = {0.5 + r.nextDouble(), 0.5 + r.nextDouble(), 1 + r.nextDouble()};
            Grid g = Grid.axisAligned(nx, ny, nz, new double[] {r.nextDouble() * 10, -5, 3}, sp);
            boolean[] in = new boolean[nx * ny * nz];
            double p = 0.3 + 0.4 * r.nextDouble();
            for (int n = 0; n < in.length; n++) {
                in[n] = r.nextDouble() < p;
            }
            Mask m = new Mask(g, in);
            List<SliceContour> cs = MaskContours.extract(m);
            for (SliceContour c : cs) {
                double[] q = c.points();
                for (int n = 0; n < c.pointCount(); n++) {
                    int prev = (n + c.pointCount() - 1) % c.pointCount();
                    assertFalse(q[3 * n] == q[3 * prev] && q[3 * n + 1] == q[3 * prev + 1], "duplicate point");
                }
            }
            Mask back = Masks.embed(Rasterizer.mask(g, polygons(cs), sp[2]), g);
            assertArrayEquals(in, back.inside(), "trial " + trial);
        }
    }

    @Test
    void isoContourOfAFieldIsInterpolated() {
        Grid g = Grid.axisAligned(3, 3, 1, new double[] {0, 0, 0}, new double[] {1, 1, 1});
        float[] f = new float[9];
        f[4] = 1; // centre voxel 1, others 0; level 0.25 → crossings a quarter of the way out
        List<SliceContour> cs = MaskContours.extract(g, f, 0.25f);
        assertEquals(1, cs.size());
        assertEquals(4, cs.get(0).pointCount()); // a diamond
        assertEquals(2 * 0.75 * 0.75, area(cs.get(0), g), 1e-6);
        assertTrue(MaskContours.extract(g, new float[9], 0.5f).isEmpty());
    }
}
