package rt.imaging;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import rt.api.image.Grid;
import rt.api.image.Mask;
import rt.testsupport.SurefireStyleSummary;

@ExtendWith(SurefireStyleSummary.class)
class MarginsTest {

    /** A box of inside voxels [i0..i1] x [j0..j1] x [k0..k1] on g. */
    static Mask box(Grid g, int i0, int j0, int k0, int i1, int j1, int k1) {
        boolean[] in = new boolean[(int) g.voxelCount()];
        for (int k = k0; k <= k1; k++) {
            for (int j = j0; j <= j1; j++) {
                for (int i = i0; i <= i1; i++) {
                    in[g.index(i, j, k)] = true;
                }
            }
        }
        return new Mask(g, in);
    }

    /** World extent {minX, maxX, minY, maxY, minZ, maxZ} of the inside voxel centres. */
    static double[] extent(Mask m) {
        double[] e = {Double.MAX_VALUE, -Double.MAX_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE, Double.MAX_VALUE,
            -Double.MAX_VALUE};
        Grid g = m.grid();
        for (int k = 0; k < g.nz(); k++) {
            for (int j = 0; j < g.ny(); j++) {
                for (int i = 0; i < g.nx(); i++) {
                    if (m.get(i, j, k)) {
                        double[] p = g.indexToWorld(i, j, k);
                        for (int a = 0; a < 3; a++) {
                            e[2 * a] = Math.min(e[2 * a], p[a]);
                            e[2 * a + 1] = Math.max(e[2 * a + 1], p[a]);
                        }
                    }
                }
            }
        }
        return e;
    }

    @Test
    void asymmetricMarginsMoveEachFaceOfACubeByItsOwnAmount() {
        // Spacing (1, 2, 3) mm; margins are multiples of the spacing so the expected extents are exact.
        Grid g = Grid.axisAligned(8, 8, 8, new double[] {10, 20, 30}, new double[] {1, 2, 3});
        Mask cube = box(g, 2, 2, 2, 5, 5, 5);
        double[] e0 = extent(cube); // x 12..15, y 24..30, z 36..45
        Margin m = new Margin(1, 3, 2, 6, 3, 9); // right, left, anterior, posterior, inferior, superior
        double[] e = extent(Margins.expand(cube, m));
        // right = -x, left = +x, anterior = -y, posterior = +y, inferior = -z, superior = +z
        assertArrayEquals(new double[] {e0[0] - 1, e0[1] + 3, e0[2] - 2, e0[3] + 6, e0[4] - 3, e0[5] + 9}, e, 1e-9);
        // Shrinking a bigger box moves the faces inwards by the same amounts.
        Grid big = Grid.axisAligned(20, 20, 20, new double[] {0, 0, 0}, new double[] {1, 2, 3});
        Mask b = box(big, 2, 2, 2, 17, 17, 17);
        double[] s0 = extent(b);
        double[] s = extent(Margins.shrink(b, m));
        assertArrayEquals(new double[] {s0[0] + 1, s0[1] - 3, s0[2] + 2, s0[3] - 6, s0[4] + 3, s0[5] - 9}, s, 1e-9);
    }

    @Test
    void flippedAxesAreMappedToPatientDirections() {
        // j runs towards anterior (-y), k towards inferior (-z).
        Grid g = new Grid(10, 10, 10, new double[] {0, 0, 0}, new double[] {1, 1, 1},
                new double[] {1, 0, 0, 0, -1, 0, 0, 0, -1});
        Mask cube = box(g, 4, 4, 4, 5, 5, 5);
        double[] e0 = extent(cube);
        double[] e = extent(Margins.expand(cube, new Margin(0, 1, 2, 0, 0, 3)));
        assertArrayEquals(new double[] {e0[0], e0[1] + 1, e0[2] - 2, e0[3], e0[4], e0[5] + 3}, e, 1e-9);
    }

    @Test
    void isotropicExpansionOfOnePointIsTheLatticeBall() {
        Grid g = Grid.axisAligned(1, 1, 1, new double[] {0, 0, 0}, new double[] {1, 1, 1});
        Mask p = new Mask(g, new boolean[] {true});
        // integer points with a² + b² + c² <= 4: 1 + 6 + 12 + 8 + 6
        assertEquals(33, Margins.expand(p, 2.0).count());
        assertEquals(7, Margins.expand(p, 1.0).count());
        assertEquals(1, Margins.expand(p, 0.5).count());
    }

    /** Brute force: p inside when some inside q has p − q (mm) inside the octant ellipsoid. */
    static boolean[] bruteDilate(Mask m, Grid out, Margin mg) {
        Grid g = m.grid();
        boolean[] r = new boolean[(int) out.voxelCount()];
        for (int n = 0; n < r.length; n++) {
            int i = n % out.nx();
            int j = (n / out.nx()) % out.ny();
            int k = n / (out.nx() * out.ny());
            double[] p = out.indexToWorld(i, j, k);
            for (int q = 0; q < m.inside().length && !r[n]; q++) {
                if (!m.inside()[q]) {
                    continue;
                }
                double[] c = g.indexToWorld(q % g.nx(), (q / g.nx()) % g.ny(), q / (g.nx() * g.ny()));
                r[n] = inElement(p[0] - c[0], p[1] - c[1], p[2] - c[2], mg);
            }
        }
        return r;
    }

    static boolean inElement(double dx, double dy, double dz, Margin m) {
        double s = term(dx, dx > 0 ? m.left() : m.right()) + term(dy, dy > 0 ? m.posterior() : m.anterior())
                + term(dz, dz > 0 ? m.superior() : m.inferior());
        return s <= 1 + 1e-5;
    }

    static double term(double d, double a) {
        if (Math.abs(d) < 1e-12) {
            return 0;
        }
        return a == 0 ? Double.POSITIVE_INFINITY : (d / a) * (d / a);
    }

    @Test
    void expandAndShrinkMatchBruteForceOnRandomMasks() {
        Random r = new Random(3);
        for (int trial = 0; trial < 25; trial++) {
            int nx = 2 + r.nextInt(7);
            int ny = 2 + r.nextInt(7);
            int nz = 2 + r.nextInt(5);
            double[] sp = {0.6 + r.nextDouble(), 0.6 + r.nextDouble(), 1 + 2 * r.nextDouble()};
            Grid g = Grid.axisAligned(nx, ny, nz, new double[] {1, 2, 3}, sp);
            boolean[] in = new boolean[nx * ny * nz];
            for (int n = 0; n < in.length; n++) {
                in[n] = r.nextDouble() < 0.2;
            }
            Mask m = new Mask(g, in);
            double[] v = new double[6];
            for (int a = 0; a < 6; a++) {
                v[a] = r.nextDouble() < 0.2 ? 0 : 3.5 * r.nextDouble();
            }
            Margin mg = trial % 3 == 0 ? Margin.uniform(v[0] + 0.5) : new Margin(v[0], v[1], v[2], v[3], v[4], v[5]);
            Mask e = Margins.expand(m, mg);
            assertArrayEquals(bruteDilate(m, e.grid(), mg), e.inside(), "expand trial " + trial + " " + mg);
            // Erosion: p stays when no outside point (incl. beyond the grid) q has q − p in the element, i.e.
            // p − q in the reflected element. Outside the grid: brute force over a padded grid.
            Mask s = Margins.shrink(m, mg);
            Grid pad = Grids.crop(g, -8, -8, -8, nx + 7, ny + 7, nz + 7);
            Mask bg = Masks.not(Masks.embed(m, pad));
            boolean[] grownBg = bruteDilate(bg, g, mg.reflected());
            for (int n = 0; n < in.length; n++) {
                assertEquals(in[n] && !grownBg[n], s.inside()[n], "shrink trial " + trial + " voxel " + n + " " + mg);
            }
        }
    }

    @Test
    void distanceMapOfOnePointIsEuclideanWithAnisotropicSpacing() {
        double[] sp = {0.7, 1.3, 2.9};
        Grid g = Grid.axisAligned(9, 7, 6, new double[] {0, 0, 0}, sp);
        boolean[] in = new boolean[(int) g.voxelCount()];
        in[g.index(3, 2, 4)] = true;
        float[] d = DistanceMaps.toInside(new Mask(g, in));
        float[] sd = DistanceMaps.signed(new Mask(g, in));
        for (int k = 0; k < 6; k++) {
            for (int j = 0; j < 7; j++) {
                for (int i = 0; i < 9; i++) {
                    double want = Math.sqrt(Math.pow((i - 3) * sp[0], 2) + Math.pow((j - 2) * sp[1], 2)
                            + Math.pow((k - 4) * sp[2], 2));
                    assertEquals(want, d[g.index(i, j, k)], 1e-4);
                    if (i != 3 || j != 2 || k != 4) {
                        assertEquals(want, sd[g.index(i, j, k)], 1e-4);
                    }
                }
            }
        }
        assertEquals(-0.7, sd[g.index(3, 2, 4)], 1e-6); // nearest outside voxel: one step in x
    }

    @Test
    void tooObliqueGridsAreRejectedForDirectionalMargins() {
        double c = Math.sqrt(0.5);
        Grid g = new Grid(3, 3, 3, new double[] {0, 0, 0}, new double[] {1, 1, 1},
                new double[] {c, c, 0, -c, c, 0, 0, 0, 1}); // 45° about z: both in-plane axes tie
        Mask m = box(g, 1, 1, 1, 1, 1, 1);
        assertThrows(IllegalArgumentException.class, () -> Margins.expand(m, new Margin(1, 2, 3, 4, 5, 6)));
    }
}
