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
        int[][] angles = Angles.generate(gray.sizeZyx(), distances, true, force2Ddim);
        int nd = angles.length + 1;
        int n = gray.levels().length;
        double[] m = new double[n * nd];
        boolean[] used = new boolean[nd];
        int nx = gray.nx();
        int ny = gray.ny();
        int[] g = gray.g();
        for (int z = 0; z < gray.nz(); z++) {
            for (int y = 0; y < ny; y++) {
                for (int x = 0; x < nx; x++) {
                    int i = x + nx * (y + ny * z);
                    if (g[i] == 0) {
                        continue;
                    }
                    int dep = 0;
                    for (int[] a : angles) {
                        int j = gray.neighbour(x, y, z, a);
                        if (j >= 0 && g[j] > 0 && Math.abs(g[i] - g[j]) <= alpha) {
                            dep++;
                        }
                    }
                    m[gray.lut()[g[i]] * nd + dep]++;
                    used[dep] = true;
                }
            }
        }
        double[] f = RunFeatures.runLike(m, gray.levels(), nd, used, false);
        Map<String, Double> out = Features.sorted();
        for (int k = 0; k < NAMES.length; k++) {
            if (NAMES[k] != null) {
                out.put(NAMES[k], f[k]);
            }
        }
        return out;
    }
}
