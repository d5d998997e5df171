package rt.radiomics.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The texture matrices (co-occurrence, run length, size zone, dependence and neighbourhood sums) against plain
 * definitions written voxel by voxel with bounds checks, on random regions: boxes from one voxel thick to 9 wide,
 * sparse and dense masks, 1 to 7 grey levels (now and then spaced up to 420), distances 1, 1–2, 2 and 1 + 3, 3D and
 * forced 2D. Counts must be equal exactly.
 */
@ExtendWith(rt.testsupport.SurefireStyleSummary.class)
class TextureKernelsTest {

    private static Gray randomGray(Random rnd) {
        int nx = 1 + rnd.nextInt(9);
        int ny = 1 + rnd.nextInt(9);
        int nz = 1 + rnd.nextInt(6);
        int levels = 1 + rnd.nextInt(7);
        // sparse levels now and then: level values beyond a byte or in its upper half (the kernels use the levels'
        // indices, not their values)
        int scale = rnd.nextInt(5) == 0 ? 60 : rnd.nextInt(4) == 0 ? 36 : 1;
        double density = rnd.nextDouble() < 0.3 ? 0.15 : 0.4 + 0.6 * rnd.nextDouble();
        int[] g = new int[nx * ny * nz];
        for (int i = 0; i < g.length; i++) {
            if (rnd.nextDouble() < density) {
                // runs and zones need neighbours of equal level: draw from few levels, often repeat the last
                g[i] = i > 0 && g[i - 1] > 0 && rnd.nextDouble() < 0.5 ? g[i - 1]
                        : scale * (1 + rnd.nextInt(levels));
            }
        }
        if (Arrays.stream(g).allMatch(v -> v == 0)) {
            g[rnd.nextInt(g.length)] = 1;
        }
        return Gray.of(nx, ny, nz, g);
    }

    private static int at(Gray gr, int x, int y, int z) {
        if (x < 0 || y < 0 || z < 0 || x >= gr.nx() || y >= gr.ny() || z >= gr.nz()) {
            return 0;
        }
        return gr.g()[x + gr.nx() * (y + gr.ny() * z)];
    }

    @Test
    void every_kernel_counts_what_the_definition_counts() {
        Random rnd = new Random(20261203);
        for (int trial = 0; trial < 400; trial++) {
            Gray gr = randomGray(rnd);
            int[][] choices = {{1}, {1, 2}, {2}, {1, 3}};
            int[] distances = choices[rnd.nextInt(choices.length)];
            // force2D along each of the (z, y, x) dimensions now and then: the box sums skip that dimension's pass
            int force2D = rnd.nextInt(8) - 5;
            force2D = force2D < -1 ? -1 : force2D;
            String where = "trial " + trial + " " + gr.nx() + "x" + gr.ny() + "x" + gr.nz();
            Neighbours nb = new Neighbours(gr, Neighbours.maxOffset(distances));
            checkCooccurrences(gr, nb, distances, force2D, where);
            checkRuns(gr, nb, force2D, where);
            checkPairsFromRuns(gr, nb, distances, force2D, where);
            checkZones(gr, nb, force2D, where);
            checkDependence(gr, nb, distances, force2D, where);
        }
    }

    /**
     * Many levels present: more than a byte holds (the int fallbacks of the zones and the dependence counts), and
     * between 128 and 254 (their byte forms with the high bit in use).
     */
    @Test
    void kernels_with_more_levels_than_a_byte() {
        for (int modulus : new int[] {400, 200}) {
            Random rnd = new Random(300);
            int nx = 24;
            int ny = 20;
            int nz = 10;
            int[] g = new int[nx * ny * nz];
            for (int i = 0; i < g.length; i++) {
                int x = i % nx;
                int y = i / nx % ny;
                int z = i / (nx * ny);
                // 2×2×2 patches of one level among many (zones of up to 8 voxels that touch diagonally), some out
                g[i] = rnd.nextInt(10) == 0 ? 0 : 1 + ((x / 2) + 12 * (y / 2) + 120 * (z / 2)) * 7 % modulus;
            }
            Gray gr = Gray.of(nx, ny, nz, g);
            int present = gr.levels().length;
            assertTrue(modulus > 255 ? present > 255 : present >= 128 && present <= 254, "levels present: " + present);
            String where = modulus + " levels";
            for (int[] distances : new int[][] {{1}, {1, 2}}) {
                Neighbours nb = new Neighbours(gr, Neighbours.maxOffset(distances));
                checkCooccurrences(gr, nb, distances, -1, where);
                checkPairsFromRuns(gr, nb, distances, -1, where);
                checkZones(gr, nb, -1, where);
                checkDependence(gr, nb, distances, -1, where);
            }
        }
    }

    /** Zones far larger than the dense part of the size-zone matrix: the features are those of the full matrix. */
    @Test
    void size_zone_features_with_large_zones_equal_the_full_matrix() {
        Random rnd = new Random(11);
        int nx = 40;
        int ny = 30;
        int nz = 12;
        int[] g = new int[nx * ny * nz];
        for (int i = 0; i < g.length; i++) {
            int x = i % nx;
            // two large slabs of one level each (≈ 5,000 voxels), the rest random levels 1..5
            g[i] = x < 14 ? 1 : x > 26 ? 2 : 1 + rnd.nextInt(5);
        }
        Gray gr = Gray.of(nx, ny, nz, g);
        int[] z = Glszm.zones(gr, -1);
        int maxSize = 0;
        for (int k = 1; k < z.length; k += 2) {
            maxSize = Math.max(maxSize, z[k]);
        }
        assertTrue(maxSize > 2048, "a zone larger than the dense part: " + maxSize);
        int n = gr.levels().length;
        double[] m = new double[n * maxSize];
        boolean[] used = new boolean[maxSize];
        for (int k = 0; k < z.length; k += 2) {
            m[z[k] * maxSize + z[k + 1] - 1]++;
            used[z[k + 1] - 1] = true;
        }
        double[] f = RunFeatures.runLike(m, gr.levels(), maxSize, used, true);
        Map<String, Double> fast = Glszm.compute(gr, -1);
        for (int k = 0; k < Glszm.NAMES.length; k++) {
            assertEquals(f[k], fast.get(Glszm.NAMES[k]), 0, Glszm.NAMES[k]);
        }
    }

    private static void checkCooccurrences(Gray gr, Neighbours nb, int[] distances, int force2D, String where) {
        int[][] angles = Angles.generate(gr.sizeZyx(), distances, false, force2D);
        int n = gr.levels().length;
        int[][] fast = Glcm.cooccurrences(nb, nb.deltas(angles), gr.lut(), n);
        for (int a = 0; a < angles.length; a++) {
            int[] slow = new int[(n + 1) * (n + 1)];
            for (int z = 0; z < gr.nz(); z++) {
                for (int y = 0; y < gr.ny(); y++) {
                    for (int x = 0; x < gr.nx(); x++) {
                        int gi = at(gr, x, y, z);
                        if (gi > 0) {
                            int gj = at(gr, x + angles[a][2], y + angles[a][1], z + angles[a][0]);
                            slow[(gr.lut()[gi] + 1) * (n + 1) + (gj > 0 ? gr.lut()[gj] + 1 : 0)]++;
                        }
                    }
                }
            }
            // row 0 (voxels outside the region) is scratch: rows 1 … n are the counts
            assertArrayEquals(Arrays.copyOfRange(slow, n + 1, slow.length),
                    Arrays.copyOfRange(fast[a], n + 1, slow.length), where + " GLCM angle " + Arrays.toString(angles[a]));
        }
    }

    /**
     * The runs' pass counts the co-occurrences of its offsets too (transposed), and the GLCM that takes them from there
     * has the features of the one that counts all its offsets itself, bit for bit, symmetrical or not.
     */
    private static void checkPairsFromRuns(Gray gr, Neighbours nb, int[] distances, int force2D, String where) {
        Glrlm.RunsAndPairs counted = Glrlm.count(gr, nb, force2D);
        int n = gr.levels().length;
        int[][] pairs = Glcm.cooccurrences(nb, nb.deltas(counted.angles()), gr.lut(), n);
        for (int a = 0; a < pairs.length; a++) {
            for (int r = 1; r <= n; r++) {
                for (int c = 1; c <= n; c++) {
                    assertEquals(pairs[a][r * (n + 1) + c], counted.pairs()[a][c * (n + 1) + r],
                            where + " pairs of angle " + Arrays.toString(counted.angles()[a]));
                }
            }
        }
        double[] spacing = {2.5, 0.8, 0.8};
        for (boolean symmetrical : new boolean[] {true, false}) {
            assertEquals(Glcm.compute(gr, nb, distances, symmetrical, force2D, null, spacing),
                    Glcm.compute(gr, nb, distances, symmetrical, force2D, null, spacing, counted),
                    where + " GLCM features, symmetrical " + symmetrical);
        }
    }

    private static void checkRuns(Gray gr, Neighbours nb, int force2D, String where) {
        int[][] angles = Angles.generate(gr.sizeZyx(), new int[] {1}, false, force2D);
        int nr = Math.max(gr.nx(), Math.max(gr.ny(), gr.nz()));
        int n = gr.levels().length;
        double[][] fast = Glrlm.matrices(gr, nb, angles, nr);
        for (int a = 0; a < angles.length; a++) {
            int[] ang = angles[a];
            double[] slow = new double[n * nr];
            boolean multi = false;
            for (int z = 0; z < gr.nz(); z++) {
                for (int y = 0; y < gr.ny(); y++) {
                    for (int x = 0; x < gr.nx(); x++) {
                        int gi = at(gr, x, y, z);
                        if (gi == 0 || at(gr, x - ang[2], y - ang[1], z - ang[0]) == gi) {
                            continue;
                        }
                        int len = 1;
                        while (at(gr, x + len * ang[2], y + len * ang[1], z + len * ang[0]) == gi) {
                            len++;
                        }
                        slow[gr.lut()[gi] * nr + len - 1]++;
                    }
                }
            }
            // the angle counts only when some line through the box holds two region voxels
            for (int z = 0; z < gr.nz() && !multi; z++) {
                for (int y = 0; y < gr.ny() && !multi; y++) {
                    for (int x = 0; x < gr.nx() && !multi; x++) {
                        if (at(gr, x, y, z) == 0) {
                            continue;
                        }
                        for (int s = 1; s < nr && !multi; s++) {
                            multi = at(gr, x + s * ang[2], y + s * ang[1], z + s * ang[0]) > 0;
                        }
                    }
                }
            }
            if (!multi) {
                Arrays.fill(slow, 0);
            }
            assertArrayEquals(slow, fast[a], where + " GLRLM angle " + Arrays.toString(ang));
        }
    }

    private static void checkZones(Gray gr, Neighbours nb, int force2D, String where) {
        int[][] angles = Angles.generate(gr.sizeZyx(), new int[] {1}, true, force2D);
        boolean[] seen = new boolean[gr.g().length];
        List<String> slow = new ArrayList<>();
        for (int z = 0; z < gr.nz(); z++) {
            for (int y = 0; y < gr.ny(); y++) {
                for (int x = 0; x < gr.nx(); x++) {
                    int i = x + gr.nx() * (y + gr.ny() * z);
                    int gl = gr.g()[i];
                    if (gl == 0 || seen[i]) {
                        continue;
                    }
                    List<int[]> todo = new ArrayList<>(List.of(new int[] {x, y, z}));
                    seen[i] = true;
                    int size = 0;
                    while (!todo.isEmpty()) {
                        int[] c = todo.remove(todo.size() - 1);
                        size++;
                        for (int[] a : angles) {
                            int xx = c[0] + a[2];
                            int yy = c[1] + a[1];
                            int zz = c[2] + a[0];
                            if (at(gr, xx, yy, zz) == gl && !seen[xx + gr.nx() * (yy + gr.ny() * zz)]) {
                                seen[xx + gr.nx() * (yy + gr.ny() * zz)] = true;
                                todo.add(new int[] {xx, yy, zz});
                            }
                        }
                    }
                    slow.add(gr.lut()[gl] + ":" + size);
                }
            }
        }
        int[] z = Glszm.zones(gr, nb, force2D);
        List<String> fast = new ArrayList<>();
        for (int k = 0; k < z.length; k += 2) {
            fast.add(z[k] + ":" + z[k + 1]);
        }
        slow.sort(null);
        fast.sort(null);
        assertEquals(slow, fast, where + " GLSZM zones");
    }

    private static void checkDependence(Gray gr, Neighbours nb, int[] distances, int force2D, String where) {
        int[][] angles = Angles.generate(gr.sizeZyx(), distances, true, force2D);
        int n = gr.levels().length;
        int nd = angles.length + 1;
        double[] dep = new double[n * nd];
        double[] count = new double[n];
        double[] s = new double[n];
        for (int z = 0; z < gr.nz(); z++) {
            for (int y = 0; y < gr.ny(); y++) {
                for (int x = 0; x < gr.nx(); x++) {
                    int gi = at(gr, x, y, z);
                    if (gi == 0) {
                        continue;
                    }
                    int same = 0;
                    int cnt = 0;
                    int sum = 0;
                    for (int[] a : angles) {
                        int gj = at(gr, x + a[2], y + a[1], z + a[0]);
                        if (gj > 0) {
                            cnt++;
                            sum += gj;
                            same += gj == gi ? 1 : 0;
                        }
                    }
                    int li = gr.lut()[gi];
                    dep[li * nd + same]++;
                    count[li]++;
                    s[li] += cnt == 0 ? 0 : Math.abs(gi - (double) sum / cnt);
                }
            }
        }
        Map<String, Double>[] both = Gldm.computeBoth(gr, nb, distances, force2D, 0, true);
        boolean[] used = new boolean[nd];
        for (int k = 0; k < dep.length; k++) {
            used[k % nd] |= dep[k] > 0;
        }
        double[] f = RunFeatures.runLike(dep, gr.levels(), nd, used, false);
        for (int k = 0; k < Gldm.NAMES.length; k++) {
            if (Gldm.NAMES[k] != null) {
                assertEquals(f[k], both[0].get(Gldm.NAMES[k]), 0, where + " GLDM " + Gldm.NAMES[k]);
            }
        }
        assertEquals(Ngtdm.features(count, s, gr.levels()), both[1], where + " NGTDM");
    }
}
