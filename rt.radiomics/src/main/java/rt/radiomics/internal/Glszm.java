package rt.radiomics.internal;

import java.util.Map;

/** Grey level size zone matrix features (pyradiomics {@code glszm}, 16 features). */
public final class Glszm {

    private Glszm() {
    }

    /** Names in the order of {@link RunFeatures#runLike}. */
    static final String[] NAMES = {"GrayLevelNonUniformity", "GrayLevelNonUniformityNormalized",
        "GrayLevelVariance", "HighGrayLevelZoneEmphasis", "LargeAreaEmphasis", "LargeAreaHighGrayLevelEmphasis",
        "LargeAreaLowGrayLevelEmphasis", "LowGrayLevelZoneEmphasis", "ZoneEntropy", "SizeZoneNonUniformity",
        "SizeZoneNonUniformityNormalized", "ZonePercentage", "ZoneVariance", "SmallAreaEmphasis",
        "SmallAreaHighGrayLevelEmphasis", "SmallAreaLowGrayLevelEmphasis"};

    /**
     * Zones: connected voxels of equal grey level (26-connected in 3D, 8-connected with force2D).
     *
     * @return {level index, size} per zone, flattened
     */
    static int[] zones(Gray gray, int force2Ddim) {
        return zones(gray, new Neighbours(gray, 1), force2Ddim);
    }

    /**
     * Flood fill on a scratch copy of the padded levels: a voxel is cleared to 0 when it joins a zone, so one load
     * tells both "same level" and "not yet visited" (0 never equals a level ≥ 1, like the border).
     */
    static int[] zones(Gray gray, Neighbours nb, int force2Ddim) {
        int[][] angles = Angles.generate(gray.sizeZyx(), new int[] {1}, true, force2Ddim);
        int[] deltas = nb.deltas(angles);
        int[] g = nb.g.clone();
        int[] stack = new int[nb.voxels.length];
        int[] lut = gray.lut();
        int[] out = new int[16];
        int count = 0;
        for (int i : nb.voxels) {
            int gl = g[i];
            if (gl == 0) {
                continue;
            }
            int top = 0;
            stack[top++] = i;
            g[i] = 0;
            int size = 0;
            while (top > 0) {
                int k = stack[--top];
                size++;
                for (int d : deltas) {
                    int j = k + d;
                    if (g[j] == gl) {
                        g[j] = 0;
                        stack[top++] = j;
                    }
                }
            }
            if (count + 2 > out.length) {
                out = java.util.Arrays.copyOf(out, out.length * 2);
            }
            out[count++] = lut[gl];
            out[count++] = size;
        }
        return java.util.Arrays.copyOf(out, count);
    }

    public static Map<String, Double> compute(Gray gray, int force2Ddim) {
        return compute(gray, new Neighbours(gray, 1), force2Ddim);
    }

    /** As above on a padded copy shared with the other classes. */
    static Map<String, Double> compute(Gray gray, Neighbours nb, int force2Ddim) {
        int[] z = zones(gray, nb, force2Ddim);
        int maxSize = 0;
        for (int k = 1; k < z.length; k += 2) {
            maxSize = Math.max(maxSize, z[k]);
        }
        int n = gray.levels().length;
        double[] m = new double[n * Math.max(maxSize, 1)];
        boolean[] used = new boolean[Math.max(maxSize, 1)];
        for (int k = 0; k < z.length; k += 2) {
            m[z[k] * maxSize + z[k + 1] - 1]++;
            used[z[k + 1] - 1] = true;
        }
        double[] f = RunFeatures.runLike(m, gray.levels(), Math.max(maxSize, 1), used, true);
        Map<String, Double> out = Features.sorted();
        for (int k = 0; k < NAMES.length; k++) {
            out.put(NAMES[k], f[k]);
        }
        return out;
    }
}
