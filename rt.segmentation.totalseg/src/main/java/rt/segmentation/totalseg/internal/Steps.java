package rt.segmentation.totalseg.internal;

/** nnU-Net's sliding-window step positions and gaussian importance map (sliding_window_prediction.py L11-56). */
public final class Steps {

    /** nnU-Net multiplies the gaussian by this before casting (predict_from_raw_data.py L627). */
    public static final double VALUE_SCALING = 10.0;

    private Steps() {
    }

    /**
     * Start positions along one axis: {@code n = ceil((size - patch) / (patch * step)) + 1} tiles, spaced
     * {@code (size - patch) / (n - 1)} apart and rounded half-to-even like numpy. Requires {@code size >= patch}.
     */
    public static int[] compute(int size, int patch, double step) {
        if (size < patch) {
            throw new IllegalArgumentException("image size " + size + " is smaller than the patch " + patch);
        }
        double target = patch * step;
        int n = (int) Math.ceil((size - patch) / target) + 1;
        int[] steps = new int[n];
        if (n > 1) {
            double actual = (double) (size - patch) / (n - 1);
            for (int i = 0; i < n; i++) {
                steps[i] = (int) Math.rint(actual * i);
            }
        }
        return steps;
    }

    /**
     * The gaussian importance map over a patch (d0, d1, d2; d2 fastest): {@code 10 * exp(-sum (i - c)^2 / (2 s^2))}
     * with {@code c = patch / 2} (integer division) and {@code s = patch / 8}; the closed form of nnU-Net's
     * normalised {@code gaussian_filter} of a delta, which does not truncate within a patch.
     */
    public static float[] gaussian(int[] patch) {
        double[][] axis = new double[3][];
        for (int a = 0; a < 3; a++) {
            int p = patch[a];
            double c = p / 2;
            double sigma = p / 8.0;
            axis[a] = new double[p];
            for (int i = 0; i < p; i++) {
                double d = i - c;
                axis[a][i] = Math.exp(-d * d / (2 * sigma * sigma));
            }
        }
        float[] g = new float[patch[0] * patch[1] * patch[2]];
        int n = 0;
        for (int z = 0; z < patch[0]; z++) {
            for (int y = 0; y < patch[1]; y++) {
                double zy = axis[0][z] * axis[1][y];
                for (int x = 0; x < patch[2]; x++) {
                    g[n++] = (float) (VALUE_SCALING * zy * axis[2][x]);
                }
            }
        }
        return g;
    }
}
