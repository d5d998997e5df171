package rt.radiomics.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Grey level run length matrix features (pyradiomics {@code glrlm}, 16 features). */
public final class Glrlm {

    private Glrlm() {
    }

    static final String[] NAMES = {"GrayLevelNonUniformity", "GrayLevelNonUniformityNormalized",
        "GrayLevelVariance", "HighGrayLevelRunEmphasis", "LongRunEmphasis", "LongRunHighGrayLevelEmphasis",
        "LongRunLowGrayLevelEmphasis", "LowGrayLevelRunEmphasis", "RunEntropy", "RunLengthNonUniformity",
        "RunLengthNonUniformityNormalized", "RunPercentage", "RunVariance", "ShortRunEmphasis",
        "ShortRunHighGrayLevelEmphasis", "ShortRunLowGrayLevelEmphasis"};

    /** Run-length matrices per angle, [angle][level index * nr + (run length - 1)]. */
    static double[][] matrices(Gray gray, int[][] angles, int nr) {
        return matrices(gray, new Neighbours(gray, 1), angles, nr);
    }

    static double[][] matrices(Gray gray, Neighbours nb, int[][] angles, int nr) {
        return count(gray, nb, angles, nr).runs();
    }

    /** {@link #count} over this class's offsets: the 13 directions at distance 1 (or those of the 2D plane). */
    static RunsAndPairs count(Gray gray, Neighbours nb, int force2Ddim) {
        int[][] angles = Angles.generate(gray.sizeZyx(), new int[] {1}, false, force2Ddim);
        return count(gray, nb, angles, maxRun(gray));
    }

    /** The longest run a box can hold: its longest side. */
    private static int maxRun(Gray gray) {
        return Math.max(gray.nx(), Math.max(gray.ny(), gray.nz()));
    }

    /**
     * The run-length matrices of some offsets and the co-occurrence counts of the same offsets, from one pass: a
     * voxel's run continues exactly when its predecessor has its level, so the pass that compares the two levels
     * counts the pair too. {@code pairs[a]} is {@link Glcm#cooccurrences}'s layout transposed: row = the voxel's level
     * index + 1, column = its predecessor's (0 outside the region); the GLCM at distance 1 walks the same offsets
     * (Angles.generate with distance 1), and each pair of two region voxels is counted once, as there.
     */
    record RunsAndPairs(int[][] angles, double[][] runs, int[][] pairs) {
    }

    /**
     * Runs a span of a row at a time ({@link Neighbours#spanStart}): along offset d (ahead in memory) a voxel is the
     * r-th of its run when its predecessor i − d has its level and is the (r − 1)-th, else the first; the voxels of a
     * run of length L are its 1st … L-th, so the number of runs of length L equals the number of voxels that are L-th
     * minus those that are (L + 1)-th. That turns run ends into a plain count per (level, position) with no look
     * ahead, and the positions of a span into a loop over contiguous memory; the counts are the same exact integers.
     */
    static RunsAndPairs count(Gray gray, Neighbours nb, int[][] angles, int nr) {
        int[] deltas = nb.deltas(angles);
        for (int d : deltas) {
            if (d <= 0) {
                throw new IllegalArgumentException("run offsets must be the forward half of the pairs");
            }
        }
        int n = gray.levels().length;
        int[] lut = gray.lut();
        int stride = nr + 1;
        // per voxel its level index + 1 (0 outside the region; shared with the GLCM): the start of its histogram row
        // is (index) · stride, row n for voxels of the spans outside the region, a row that is never read
        // (runs compare these too: equal indices are equal levels, and outside the region both are 0)
        int[] levelIndex = nb.levelIndex(lut);
        // four offsets per pass share the loads of the span's levels and histogram rows (large regions are bound by
        // memory traffic); the x offset (d = 1, whose predecessor is the voxel just done) goes alone
        int[][] h = new int[angles.length][(n + 1) * stride];
        int[][] pairs = new int[angles.length][(n + 1) * (n + 1)];
        // a voxel's place in its run is at most a line of the box long: 2 bytes a voxel, not 4 (the box can span the
        // body: bones); kept for two slices only, the voxel's and its predecessor's (Ring)
        Ring ring = new Ring(nb.strideZ());
        char[][] position = new char[Math.min(4, angles.length)][ring.length()];
        int a = 0;
        while (a < angles.length) {
            if (a + 4 <= angles.length && deltas[a] > 1 && deltas[a + 1] > 1 && deltas[a + 2] > 1
                    && deltas[a + 3] > 1) {
                countFour(nb, ring, levelIndex, n, nr, deltas, a, position, h, pairs);
                a += 4;
            } else {
                countOne(nb, ring, levelIndex, n, nr, deltas[a], position[0], h[a], pairs[a]);
                a++;
            }
        }
        double[][] m = new double[angles.length][];
        for (a = 0; a < angles.length; a++) {
            double[] ma = new double[n * nr];
            boolean longRun = false;
            for (int li = 0; li < n; li++) {
                int row = li * stride;
                longRun |= nr > 1 && h[a][row + 2] > 0;
                for (int len = 1; len <= nr; len++) {
                    ma[li * nr + len - 1] = h[a][row + len] - (len < nr ? h[a][row + len + 1] : 0);
                }
            }
            // pyradiomics drops an angle in which no line holds more than one voxel of the region
            if (!longRun && !multiElement(gray, nb, angles[a])) {
                java.util.Arrays.fill(ma, 0);
            }
            m[a] = ma;
        }
        return new RunsAndPairs(angles, m, pairs);
    }

    /**
     * Where a voxel's position in its run is kept: two slices of the padded box, slice z at (z mod 2) · sxy, so that
     * the positions of a large ROI's 13 offsets stay in the cache instead of filling a box-sized array each (a
     * predecessor is at most one slice back: offsets have |dz| ≤ 1). Positions are never cleared: a stale entry is
     * read only through a predecessor outside the region (it lies in no span), whose level 0 starts a new run anyway.
     */
    private static final class Ring {
        final int sxy;

        Ring(int sxy) {
            this.sxy = sxy;
        }

        int length() {
            return 2 * sxy;
        }

        /** Ring index minus padded index for the voxels of slice z. */
        int base(int z) {
            return (z & 1) * sxy - z * sxy;
        }

        /** Ring index of the predecessor at padded offset d, relative to the voxel's own, in slice z. */
        int back(int d, int z) {
            int dz = (d + sxy / 2) / sxy;
            // one slice back is the other half of the ring: from the upper half (odd z) the padded step itself,
            // from the lower half the step wrapped around the ring
            return dz == 0 || (z & 1) == 1 ? d : d - 2 * sxy;
        }
    }

    /**
     * One offset over all spans: a voxel's position in its run from its predecessor's, then the count per (level,
     * position). Spans ascending: a predecessor's position is known before it is read.
     */
    private static void countOne(Neighbours nb, Ring ring, int[] li, int n, int nr, int d, char[] position,
            int[] h, int[] pairs) {
        int stride = nr + 1;
        int pairStride = n + 1;
        for (int r = 0; r < nb.spanStart.length; r++) {
            int s = nb.spanStart[r];
            int len = nb.spanEnd[r] - s;
            int z = s / ring.sxy;
            int at = s + ring.base(z);
            if (d == 1) {
                int run = 0;
                for (int k = 0; k < len; k++) {
                    int continues = ((li[s + k - 1] ^ li[s + k]) - 1) >>> 31;
                    run = (run & -continues) + 1;
                    position[at + k] = (char) run;
                }
            } else {
                int back = ring.back(d, z);
                for (int k = 0; k < len; k++) {
                    // levels are ≥ 0, so ((a ^ b) − 1) >>> 31 is 1 exactly when a == b
                    int continues = ((li[s + k - d] ^ li[s + k]) - 1) >>> 31;
                    position[at + k] = (char) ((position[at + k - back] & -continues) + 1);
                }
            }
            for (int k = 0; k < len; k++) {
                // outside voxels of a span can chain past nr; their row is never read
                h[row(li[s + k], n) * stride + Math.min(position[at + k], nr)]++;
                pairs[li[s + k] * pairStride + li[s + k - d]]++;
            }
        }
    }

    /** {@link #countOne} for offsets a … a + 3 (none of them 1) in one pass. */
    private static void countFour(Neighbours nb, Ring ring, int[] li, int n, int nr, int[] deltas, int a,
            char[][] position, int[][] h, int[][] pairs) {
        int stride = nr + 1;
        int pairStride = n + 1;
        int d0 = deltas[a];
        int d1 = deltas[a + 1];
        int d2 = deltas[a + 2];
        int d3 = deltas[a + 3];
        char[] p0 = position[0];
        char[] p1 = position[1];
        char[] p2 = position[2];
        char[] p3 = position[3];
        int[] h0 = h[a];
        int[] h1 = h[a + 1];
        int[] h2 = h[a + 2];
        int[] h3 = h[a + 3];
        int[] c0 = pairs[a];
        int[] c1 = pairs[a + 1];
        int[] c2 = pairs[a + 2];
        int[] c3 = pairs[a + 3];
        for (int r = 0; r < nb.spanStart.length; r++) {
            int start = nb.spanStart[r];
            int end = nb.spanEnd[r];
            int z = start / ring.sxy;
            int base = ring.base(z);
            int b0 = base - ring.back(d0, z);
            int b1 = base - ring.back(d1, z);
            int b2 = base - ring.back(d2, z);
            int b3 = base - ring.back(d3, z);
            for (int i = start; i < end; i++) {
                int v = li[i];
                int b = row(v, n) * stride;
                int pairRow = v * pairStride;
                int e0 = li[i - d0];
                int e1 = li[i - d1];
                int e2 = li[i - d2];
                int e3 = li[i - d3];
                c0[pairRow + e0]++;
                c1[pairRow + e1]++;
                c2[pairRow + e2]++;
                c3[pairRow + e3]++;
                int q0 = (p0[i + b0] & -(((e0 ^ v) - 1) >>> 31)) + 1;
                int q1 = (p1[i + b1] & -(((e1 ^ v) - 1) >>> 31)) + 1;
                int q2 = (p2[i + b2] & -(((e2 ^ v) - 1) >>> 31)) + 1;
                int q3 = (p3[i + b3] & -(((e3 ^ v) - 1) >>> 31)) + 1;
                p0[i + base] = (char) q0;
                p1[i + base] = (char) q1;
                p2[i + base] = (char) q2;
                p3[i + base] = (char) q3;
                h0[b + Math.min(q0, nr)]++;
                h1[b + Math.min(q1, nr)]++;
                h2[b + Math.min(q2, nr)]++;
                h3[b + Math.min(q3, nr)]++;
            }
        }
    }

    /** The histogram row of a voxel from its level index + 1: row n (never read) for voxels outside the region. */
    private static int row(int levelIndexPlusOne, int n) {
        // without a branch: −1 for an outside voxel becomes n
        int r = levelIndexPlusOne - 1;
        return r + ((r >> 31) & (n + 1));
    }

    /** Whether some line along the angle through the box holds two or more region voxels (not only adjacent ones). */
    private static boolean multiElement(Gray gray, Neighbours nb, int[] ang) {
        int nx = gray.nx();
        int ny = gray.ny();
        int nz = gray.nz();
        int[] g = nb.g;
        int pad = nb.pad;
        for (int z = 0; z < nz; z++) {
            for (int y = 0; y < ny; y++) {
                for (int x = 0; x < nx; x++) {
                    // a line starts where stepping back leaves the box
                    int pz = z - ang[0];
                    int py = y - ang[1];
                    int px = x - ang[2];
                    if (pz >= 0 && pz < nz && py >= 0 && py < ny && px >= 0 && px < nx) {
                        continue;
                    }
                    int len = Math.min(steps(z, ang[0], nz), Math.min(steps(y, ang[1], ny), steps(x, ang[2], nx)));
                    int delta = ang[0] * nb.strideZ() + ang[1] * nb.strideY() + ang[2];
                    int elements = 0;
                    int first = x + pad + nb.strideY() * (y + pad) + nb.strideZ() * (z + pad);
                    for (int s = 0, idx = first; s < len; s++, idx += delta) {
                        if (g[idx] > 0 && ++elements > 1) {
                            return true;
                        }
                    }
                }
            }
        }
        return false;
    }

    /** Number of voxels from coordinate c stepping by step (−1, 0, 1) before leaving [0, n). */
    private static int steps(int c, int step, int n) {
        return step > 0 ? n - c : step < 0 ? c + 1 : Integer.MAX_VALUE;
    }

    public static Map<String, Double> compute(Gray gray, int force2Ddim, String weightingNorm, double[] spacingZyx) {
        return compute(gray, new Neighbours(gray, 1), force2Ddim, weightingNorm, spacingZyx);
    }

    /** As above on a padded copy shared with the other classes. */
    static Map<String, Double> compute(Gray gray, Neighbours nb, int force2Ddim, String weightingNorm,
            double[] spacingZyx) {
        return features(gray, count(gray, nb, force2Ddim), weightingNorm, spacingZyx);
    }

    /** The features from {@link #count}'s run-length matrices. */
    static Map<String, Double> features(Gray gray, RunsAndPairs counted, String weightingNorm,
            double[] spacingZyx) {
        int[][] angles = counted.angles();
        int nr = maxRun(gray);
        int n = gray.levels().length;
        double[][] m = counted.runs();
        if (weightingNorm != null) {
            double[] sum = new double[n * nr];
            for (int a = 0; a < angles.length; a++) {
                double w = distanceWeight(weightingNorm, angles[a], spacingZyx);
                for (int k = 0; k < sum.length; k++) {
                    sum[k] += w * m[a][k];
                }
            }
            m = new double[][] {sum};
        }
        List<double[]> kept = new ArrayList<>();
        for (double[] mat : m) {
            double s = 0;
            for (double v : mat) {
                s += v;
            }
            if (s == 0 && m.length > 1) {
                continue;
            }
            kept.add(mat);
        }
        // run lengths that occur in no kept angle are dropped
        boolean[] usedRl = new boolean[nr];
        for (double[] mat : kept) {
            for (int i = 0; i < n; i++) {
                for (int r = 0; r < nr; r++) {
                    if (mat[i * nr + r] != 0) {
                        usedRl[r] = true;
                    }
                }
            }
        }
        double[][] per = new double[NAMES.length][kept.size()];
        for (int a = 0; a < kept.size(); a++) {
            double[] f = RunFeatures.runLike(kept.get(a), gray.levels(), nr, usedRl, true);
            for (int k = 0; k < NAMES.length; k++) {
                per[k][a] = f[k];
            }
        }
        Map<String, Double> out = Features.sorted();
        for (int k = 0; k < NAMES.length; k++) {
            out.put(NAMES[k], Features.nanMean(per[k]));
        }
        return out;
    }

    static double distanceWeight(String norm, int[] a, double[] spacingZyx) {
        double[] d = new double[3];
        for (int k = 0; k < 3; k++) {
            d[k] = Math.abs(a[k]) * spacingZyx[k];
        }
        switch (norm) {
            case "infinity":
                return Math.max(d[0], Math.max(d[1], d[2]));
            case "euclidean":
                return Math.sqrt(d[0] * d[0] + d[1] * d[1] + d[2] * d[2]);
            case "manhattan":
                return d[0] + d[1] + d[2];
            default:
                return 1;
        }
    }
}
