package rt.imaging;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import rt.api.image.Grid;
import rt.api.image.LabelMap;
import rt.api.image.Mask;
import rt.api.image.Quantity;
import rt.api.image.Volume;
import rt.testsupport.SurefireStyleSummary;

@ExtendWith(SurefireStyleSummary.class)
class ResampleTest {

    /** f(x, y, z) = 2x − 3y + 0.5z + 7 in LPS mm. */
    static double linear(double[] p) {
        return 2 * p[0] - 3 * p[1] + 0.5 * p[2] + 7;
    }

    static Volume sample(Grid g) {
        float[] v = new float[(int) g.voxelCount()];
        for (int k = 0; k < g.nz(); k++) {
            for (int j = 0; j < g.ny(); j++) {
                for (int i = 0; i < g.nx(); i++) {
                    v[g.index(i, j, k)] = (float) linear(g.indexToWorld(i, j, k));
                }
            }
        }
        return new Volume(g, v, Quantity.OTHER);
    }

    @Test
    void trilinearOfALinearFunctionIsExactOnAnObliqueTarget() {
        Grid src = Grid.axisAligned(30, 25, 20, new double[] {-10, -5, 0}, new double[] {1.0, 1.5, 2.5});
        double c = Math.cos(0.4);
        double s = Math.sin(0.4);
        Grid target = new Grid(12, 10, 8, new double[] {0, 2, 10}, new double[] {0.7, 0.9, 1.3},
                new double[] {c, s, 0, -s, c, 0, 0, 0, 1});
        Volume r = Resample.volume(sample(src), target, Interpolation.LINEAR, Float.NaN);
        Volume id = Resample.volume(sample(src), src, Interpolation.NEAREST, Float.NaN);
        assertArrayEquals(sample(src).voxels(), id.voxels(), 0f);
        int inside = 0;
        for (int k = 0; k < target.nz(); k++) {
            for (int j = 0; j < target.ny(); j++) {
                for (int i = 0; i < target.nx(); i++) {
                    double[] p = target.indexToWorld(i, j, k);
                    double[] q = src.worldToIndex(p[0], p[1], p[2]);
                    boolean in = q[0] >= 0 && q[1] >= 0 && q[2] >= 0 && q[0] <= 29 && q[1] <= 24 && q[2] <= 19;
                    float got = r.get(i, j, k);
                    if (in) {
                        inside++;
                        assertEquals(linear(p), got, 1e-3, "at " + i + "," + j + "," + k);
                    }
                }
            }
        }
        assertTrue(inside > 500, "inside " + inside);
    }

    @Test
    void outsideGetsTheFillValueAndTheOuterHalfVoxelIsClamped() {
        Grid src = Grid.axisAligned(4, 1, 1, new double[] {0, 0, 0}, new double[] {1, 1, 1});
        Volume v = new Volume(src, new float[] {10, 20, 30, 40}, Quantity.OTHER);
        // Target centres at x = -0.8 (outside), -0.4 (outer half voxel: clamped), 0, 0.4, 0.8
        Grid t = Grid.axisAligned(5, 1, 1, new double[] {-0.8, 0, 0}, new double[] {0.4, 1, 1});
        float[] r = Resample.volume(v, t, Interpolation.LINEAR, -1).voxels();
        assertArrayEquals(new float[] {-1, 10, 10, 14, 18}, r, 1e-5f);
        // x = 2.5 (35), 3.3 (clamped 40), 3.6 (outside)
        Grid u = Grid.axisAligned(3, 1, 1, new double[] {2.5, 0, 0}, new double[] {0.8, 1, 1});
        assertArrayEquals(new float[] {35, 40, -1}, Resample.volume(v, u, Interpolation.LINEAR, -1).voxels(), 1e-5f);
        float[] n = Resample.volume(v, Grid.axisAligned(3, 1, 1, new double[] {1.4, 0, 0},
                new double[] {1.1, 1, 1}), Interpolation.NEAREST, -1).voxels();
        // x = 1.4 → 20, 2.5 → 40 (ties round up), 3.6 → outside
        assertArrayEquals(new float[] {20, 40, -1}, n, 0f);
    }

    @Test
    void masksAndLabelsUseNearestNeighbour() {
        Grid src = Grid.axisAligned(4, 4, 1, new double[] {0, 0, 0}, new double[] {1, 1, 1});
        boolean[] in = new boolean[16];
        in[src.index(1, 1, 0)] = true;
        in[src.index(2, 1, 0)] = true;
        Mask m = new Mask(src, in);
        Grid fine = Grid.axisAligned(8, 8, 1, new double[] {-0.25, -0.25, 0}, new double[] {0.5, 0.5, 1});
        Mask r = Resample.mask(m, fine);
        assertEquals(8, r.count()); // each voxel → 2 x 2 fine voxels
        Occupancy f = Resample.fraction(m, fine);
        assertEquals(2 * 1 * 1 / 1000.0, f.volumeCc() * 1, 0.002 * 0.5);
        short[] l = new short[16];
        l[src.index(3, 3, 0)] = 7;
        LabelMap lm = Resample.labels(new LabelMap(src, l, Map.of(7, "x")), fine);
        int sevens = 0;
        for (short s : lm.labels()) {
            sevens += s == 7 ? 1 : 0;
        }
        assertEquals(4, sevens);
        assertEquals("x", lm.names().get(7));
    }

    @Test
    void sameLatticeMaskResamplingIsAnExactCopy() {
        Grid parent = Grid.axisAligned(10, 10, 10, new double[] {0, 0, 0}, new double[] {1, 1, 1});
        Grid crop = parent.crop(2, 3, 4, 3, 3, 3);
        boolean[] in = new boolean[27];
        java.util.Arrays.fill(in, true);
        Mask full = Resample.mask(new Mask(crop, in), parent);
        assertEquals(27, full.count());
        assertTrue(full.get(2, 3, 4) && full.get(4, 5, 6) && !full.get(5, 5, 6));
    }

    @Test
    void gridsWithAnotherSpacingOrSize() {
        Grid g = Grid.axisAligned(10, 10, 5, new double[] {0, 0, 0}, new double[] {1, 1, 2});
        Grid s = Grids.withSpacing(g, new double[] {3, 0.5, 2});
        assertEquals(4, s.nx()); // ceil(10 / 3)
        assertEquals(20, s.ny());
        assertEquals(5, s.nz());
        // centred: centre of g is (4.5, 4.5, 4)
        assertArrayEquals(new double[] {4.5, 4.5, 4}, s.indexToWorld(1.5, 9.5, 2), 1e-9);
        Grid z = Grids.withSize(g, 5, 20, 5);
        // same outer faces: -0.5 .. 9.5 in x
        assertArrayEquals(new double[] {-0.5, -0.5, -1}, z.indexToWorld(-0.5, -0.5, -0.5), 1e-9);
        assertArrayEquals(new double[] {9.5, 9.5, 9}, z.indexToWorld(4.5, 19.5, 4.5), 1e-9);
        Volume r = Resample.toSpacing(sample(g), new double[] {2, 2, 2}, Interpolation.LINEAR);
        for (float f : r.voxels()) {
            assertTrue(Float.isFinite(f));
        }
    }

    @Test
    void latticeOffsets() {
        Grid parent = Grid.axisAligned(10, 10, 10, new double[] {0, 0, 0}, new double[] {1, 1, 2});
        assertArrayEquals(new int[] {-2, 3, 4}, Grids.offset(parent, parent.crop(-2, 3, 4, 1, 1, 1)));
        assertEquals(null, Grids.offset(parent, Grid.axisAligned(1, 1, 1, new double[] {0.5, 0, 0},
                new double[] {1, 1, 2})));
        assertEquals(null, Grids.offset(parent, Grid.axisAligned(1, 1, 1, new double[] {0, 0, 0},
                new double[] {1, 1, 1})));
    }
}
