package rt.radiomics.internal;

import java.util.Map;

/** Grey level dependence matrix features (pyradiomics {@code gldm}, 14 features). */
public final class Gldm {

    private Gldm() {
    }

    /** Names in the order of {@link RunFeatures#runLike}; null where GLDM has no such feature. */
    static final String[] NAMES = {"GrayLevelNonUniformity", null, "GrayLevelVariance", "HighGrayLevelEmphasis",
        "LargeDependenceEmphasis", "LargeDependenceHighGrayLevelEmphasis", "LargeDependenceLowGrayLevelEmphasis",
        "LowGrayLevelEmphasis", "DependenceEntropy", "DependenceNonUniformity",
        "DependenceNonUniformityNormalized", null, "DependenceVariance", "SmallDependenceEmphasis",
        "SmallDependenceHighGrayLevelEmphasis", "SmallDependenceLowGrayLevelEmphasis"};

    public static Map<String, Double> compute(Gray gray, int[] distances, int force2Ddim, double alpha) {
        return computeBoth(gray, distances, force2Ddim, alpha, false)[0];
    }

    /**
     * GLDM and (when {@code withNgtdm}) NGTDM features from one pass over the same neighbourhood (both use the
     * bidirectional offsets of the configured distances).
     *
     * @return {gldm features, ngtdm features or null}
     */
    public static Map<String, Double>[] computeBoth(Gray gray, int[] distances, int force2Ddim, double alpha,
            boolean withNgtdm) {
        return computeBoth(gray, new Neighbours(gray, Neighbours.maxOffset(distances)), distances, force2Ddim, alpha,
                withNgtdm);
    }

    /**
     * As above on a padded copy shared with the other classes. The neighbourhood is visited over the region's spans of
     * a row one at a time (plain loops over contiguous memory, free of branches) rather than voxel by voxel, so that
     * the span's counters and its neighbourhood stay in the cache; the counts are exact integers.
     */
    static Map<String, Double>[] computeBoth(Gray gray, Neighbours nb, int[] distances, int force2Ddim,
            double alpha, boolean withNgtdm) {
        int[][] angles = Angles.generate(gray.sizeZyx(), distances, true, force2Ddim);
        int nd = angles.length + 1;
        int n = gray.levels().length;
        // counted as ints (exact, as the doubles were): an FP increment chains on the previous one of its cell
        int[] m = new int[n * nd];
        boolean[] used = new boolean[nd];
        int[] deltas = nb.deltas(angles);
        int[] g = nb.g;
        int[] lut = gray.lut();
        int[] count = new int[n];
        double[] s = new double[n];
        int a = (int) Math.floor(alpha);
        int width = 0;
        for (int r = 0; r < nb.spanStart.length; r++) {
            width = Math.max(width, nb.spanEnd[r] - nb.spanStart[r]);
        }
        int[] dep = new int[width + Long.BYTES];
        EqualCounts bytes = a == 0 ? EqualCounts.of(gray, nb, deltas) : null;
        RowGroups rows = a == 0 && bytes == null ? new RowGroups(angles, deltas, Neighbours.maxOffset(distances))
                : null;
        int[] cnt = new int[width];
        int[] sum = new int[width];
        // when the offsets fill a cube (or a square with force2D) the neighbourhood sums are separable box sums
        NeighbourhoodSums box = withNgtdm ? NeighbourhoodSums.of(nb, distances, force2Ddim, gray.maxLevel()) : null;
        boolean loopSums = withNgtdm && box == null;
        for (int r = 0; r < nb.spanStart.length; r++) {
            int start = nb.spanStart[r];
            int len = nb.spanEnd[r] - start;
            // the byte counts and the box sums set every entry of the span; the loops below add to them
            if (bytes == null) {
                java.util.Arrays.fill(dep, 0, len, 0);
            }
            if (loopSums) {
                java.util.Arrays.fill(cnt, 0, len, 0);
                java.util.Arrays.fill(sum, 0, len, 0);
            }
            // plain loops over one row (vectorised by the JIT); levels are ≥ 0 with 0 = outside, so the tests are
            // sign bits, and for region voxels (level ≥ 1) equal levels imply an inside neighbour
            if (bytes != null) {
                bytes.count(dep, start, len);
            } else if (a == 0) {
                rows.countEqual(g, dep, start, len);
            } else {
                for (int d : deltas) {
                    int from = start + d;
                    for (int k = 0; k < len; k++) {
                        int gj = g[from + k];
                        int diff = g[start + k] - gj;
                        int sign = diff >> 31;
                        int absDiff = (diff ^ sign) - sign;
                        dep[k] += ((-gj) >>> 31) & ((absDiff - a - 1) >>> 31);
                    }
                }
            }
            if (loopSums) {
                for (int d : deltas) {
                    int from = start + d;
                    for (int k = 0; k < len; k++) {
                        int gj = g[from + k];
                        cnt[k] += (-gj) >>> 31;
                        sum[k] += gj;
                    }
                }
            }
            if (box != null) {
                box.sums(start, len, sum);
                for (int k = 0; k < len; k++) {
                    int b = sum[k];
                    sum[k] = (b >> 8) - g[start + k];
                    cnt[k] = (b & 255) - 1;
                }
            }
            // region voxels in ascending order, as the sums below are floating point
            for (int k = 0; k < len; k++) {
                int gi = g[start + k];
                if (gi == 0) {
                    continue;
                }
                int li = lut[gi];
                m[li * nd + dep[k]]++;
                used[dep[k]] = true;
                count[li]++;
                if (withNgtdm) {
                    s[li] += cnt[k] == 0 ? 0 : Math.abs(gi - (double) sum[k] / cnt[k]);
                }
            }
        }
        double[] f = RunFeatures.runLike(java.util.Arrays.stream(m).asDoubleStream().toArray(), gray.levels(), nd, used, false);
        Map<String, Double> out = Features.sorted();
        for (int k = 0; k < NAMES.length; k++) {
            if (NAMES[k] != null) {
                out.put(NAMES[k], f[k]);
            }
        }
        @SuppressWarnings("unchecked")
        Map<String, Double>[] both = new Map[] {out,
            withNgtdm ? Ngtdm.features(java.util.Arrays.stream(count).asDoubleStream().toArray(), s, gray.levels()) : null};
        return both;
    }
}
