package rt.radiomics.internal.robust;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import rt.api.image.Grid;
import rt.api.image.Mask;
import rt.imaging.DistanceMaps;

/** The volume adaptation's selection against a stable sort of boxed indices, and its exact voxel count. */
class PerturbationsTest {

    /** The first count indices of a stable sort by value: the definition {@link Perturbations#smallest} follows. */
    private static boolean[] bySort(float[] values, int count) {
        Integer[] order = new Integer[values.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Float.compare(values[a], values[b]));
        boolean[] out = new boolean[values.length];
        for (int i = 0; i < Math.min(count, values.length); i++) {
            out[order[i]] = true;
        }
        return out;
    }

    @Test
    void selectsWhatAStableSortWouldIncludingTiesSignedZerosAndNaN() {
        SplittableRandom r = new SplittableRandom(3);
        for (int trial = 0; trial < 40; trial++) {
            int n = 1 + r.nextInt(2000);
            float[] v = new float[n];
            for (int i = 0; i < n; i++) {
                // distances on a voxel lattice repeat: many ties
                v[i] = switch (r.nextInt(10)) {
                    case 0 -> 0.0f;
                    case 1 -> -0.0f;
                    case 2 -> Float.NaN;
                    default -> (r.nextInt(21) - 10) * 0.5f;
                };
            }
            for (int count : new int[] {0, 1, n / 3, n / 2, n - 1, n, n + 5}) {
                assertArrayEquals(bySort(v, count), Perturbations.smallest(v, count), "n " + n + ", count " + count);
            }
        }
    }

    /** Blobs of random spheres, one of them cut by the grid's edge; a thin plate. */
    private static Mask shape(Grid g, int kind, SplittableRandom r) {
        boolean[] inside = new boolean[(int) g.voxelCount()];
        int spheres = kind == 2 ? 0 : 1 + r.nextInt(4);
        double[][] c = new double[spheres][];
        for (int s = 0; s < spheres; s++) {
            c[s] = new double[] {r.nextDouble(5, 30), r.nextDouble(5, 30), r.nextDouble(2, 14), r.nextDouble(2, 7)};
        }
        if (kind == 1) {
            c[0] = new double[] {0, 17, 7, 6}; // cut by the x = 0 face
        }
        for (int z = 0; z < g.nz(); z++) {
            for (int y = 0; y < g.ny(); y++) {
                for (int x = 0; x < g.nx(); x++) {
                    boolean in = kind == 2 && z == 8 && x > 5 && x < 30 && y > 10 && y < 20;
                    for (double[] s : c) {
                        double dx = x - s[0];
                        double dy = y - s[1];
                        double dz = 2 * (z - s[2]);
                        in |= dx * dx + dy * dy + dz * dz <= s[3] * s[3];
                    }
                    inside[x + g.nx() * (y + g.ny() * z)] = in;
                }
            }
        }
        return new Mask(g, inside);
    }

    @Test
    void adaptedVolumeIsTheWholeGridsSelection() {
        Grid g = new Grid(36, 34, 16, new double[] {0, 0, 0}, new double[] {1, 1, 2},
                new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1});
        SplittableRandom r = new SplittableRandom(5);
        for (int trial = 0; trial < 12; trial++) {
            Mask m = shape(g, trial % 3, r);
            for (double change : new double[] {-0.9, -0.2, -0.05, 0.05, 0.2, 0.6, 3}) {
                int target = (int) Math.round(m.count() * (1 + change));
                assertArrayEquals(bySort(DistanceMaps.signed(m), target),
                        Perturbations.adaptVolume(m, change).inside(), "trial " + trial + ", change " + change);
            }
        }
    }

    @Test
    void randomContourIsTheWholeGridsSelection() {
        Grid g = new Grid(36, 34, 16, new double[] {0, 0, 0}, new double[] {1, 1, 2},
                new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1});
        SplittableRandom r = new SplittableRandom(9);
        for (int trial = 0; trial < 12; trial++) {
            Mask m = shape(g, trial % 3, r);
            for (long seed = 1; seed <= 4; seed++) {
                double radius = 2 + trial % 4;
                java.util.Random draw = new java.util.Random(seed);
                double d = (0.5 + 0.5 * draw.nextDouble()) * radius * (draw.nextBoolean() ? 1 : -1);
                float[] sd = DistanceMaps.signed(m);
                boolean[] expected = new boolean[sd.length];
                for (int i = 0; i < sd.length; i++) {
                    expected[i] = sd[i] <= d;
                }
                assertArrayEquals(expected, Perturbations.randomContour(m, radius, seed).inside(),
                        "trial " + trial + ", seed " + seed);
            }
        }
    }

    @Test
    void adaptedVolumeHasExactlyTheTargetCount() {
        Grid g = new Grid(40, 40, 20, new double[] {0, 0, 0}, new double[] {1, 1, 2}, new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1});
        boolean[] inside = new boolean[40 * 40 * 20];
        int n = 0;
        for (int z = 0; z < 20; z++) {
            for (int y = 0; y < 40; y++) {
                for (int x = 0; x < 40; x++) {
                    double dx = x - 19.5;
                    double dy = y - 19.5;
                    double dz = 2 * (z - 9.5);
                    if (dx * dx + dy * dy + dz * dz <= 100) {
                        inside[x + 40 * (y + 40 * z)] = true;
                        n++;
                    }
                }
            }
        }
        Mask sphere = new Mask(g, inside);
        for (double change : new double[] {-0.2, -0.05, 0.05, 0.2}) {
            assertEquals(Math.round(n * (1 + change)), Perturbations.adaptVolume(sphere, change).count());
        }
    }
}
