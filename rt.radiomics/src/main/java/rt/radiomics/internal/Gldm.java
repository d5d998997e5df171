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
        int[][] angles = Angles.generate(gray.sizeZyx(), distances, true, force2Ddim);
        int nd = angles.length + 1;
        int n = gray.levels().length;
        double[] m = new double[n * nd];
        boolean[] used = new boolean[nd];
        Neighbours nb = new Neighbours(gray, Neighbours.maxOffset(distances));
        int[] deltas = nb.deltas(angles);
        int[] g = nb.g;
        int[] lut = gray.lut();
        double[] count = new double[n];
        double[] s = new double[n];
        int a = (int) Math.floor(alpha);
        for (int i : nb.voxels) {
            int gi = g[i];
            int dep = 0;
            int cnt = 0;
            int sum = 0;
            // branch-free: grey levels are ≥ 0, 0 = outside; the comparisons are unpredictable on real images
            for (int d : deltas) {
                int gj = g[i + d];
                int inside = (-gj) >>> 31;
                cnt += inside;
                sum += gj;
                int diff = gi - gj;
                int sign = diff >> 31;
                int absDiff = (diff ^ sign) - sign;
                dep += inside & ((absDiff - a - 1) >>> 31);
            }
            int li = lut[gi];
            m[li * nd + dep]++;
            used[dep] = true;
            count[li]++;
            s[li] += cnt == 0 ? 0 : Math.abs(gi - (double) sum / cnt);
        }
        double[] f = RunFeatures.runLike(m, gray.levels(), nd, used, false);
        Map<String, Double> out = Features.sorted();
        for (int k = 0; k < NAMES.length; k++) {
            if (NAMES[k] != null) {
                out.put(NAMES[k], f[k]);
            }
        }
        @SuppressWarnings("unchecked")
        Map<String, Double>[] both = new Map[] {out, withNgtdm ? Ngtdm.features(count, s, gray.levels()) : null};
        return both;
    }
}
