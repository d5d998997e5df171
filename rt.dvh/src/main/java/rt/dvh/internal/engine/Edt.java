package rt.dvh.internal.engine;

/**
 * Exact squared Euclidean distance transform on a 2D cell grid (Felzenszwalb &amp; Huttenlocher), in cell units,
 * used for the in-plane signed distance of the DVH sampler.
 */
final class Edt {

    static final float NONE = 1e20f;

    private Edt() {
    }

    /**
     * Generalised transform: {@code out[q] = min_p (|q − p|² + seed[p])} in cell units.
     *
     * @param seed squared distances at seed cells, {@link #NONE} elsewhere. Not modified.
     * @return the transform; {@link #NONE} everywhere when there is no seed
     */
    static float[] fromSeeds(float[] seed, int nx, int ny) {
        float[] out = new float[nx * ny];
        int len = Math.max(nx, ny);
        double[] f = new double[len];
        double[] dd = new double[len];
        int[] v = new int[len];
        double[] zz = new double[len + 1];
        for (int j = 0; j < ny; j++) {
            for (int i = 0; i < nx; i++) {
                f[i] = seed[j * nx + i];
            }
            pass(f, nx, dd, v, zz);
            for (int i = 0; i < nx; i++) {
                out[j * nx + i] = (float) dd[i];
            }
        }
        for (int i = 0; i < nx; i++) {
            for (int j = 0; j < ny; j++) {
                f[j] = out[j * nx + i];
            }
            pass(f, ny, dd, v, zz);
            for (int j = 0; j < ny; j++) {
                out[j * nx + i] = (float) dd[j];
            }
        }
        return out;
    }

    /** Lower envelope of the parabolas (q − p)² + f[p] over the finite f[p]. */
    private static void pass(double[] f, int n, double[] d, int[] v, double[] z) {
        int k = -1;
        for (int q = 0; q < n; q++) {
            if (f[q] >= NONE) {
                continue;
            }
            double s = 0;
            while (k >= 0) {
                int p = v[k];
                s = ((f[q] + (double) q * q) - (f[p] + (double) p * p)) / (2.0 * q - 2.0 * p);
                if (s <= z[k]) {
                    k--;
                } else {
                    break;
                }
            }
            if (k < 0) {
                k = 0;
                v[0] = q;
                z[0] = Double.NEGATIVE_INFINITY;
            } else {
                k++;
                v[k] = q;
                z[k] = s;
            }
            z[k + 1] = Double.POSITIVE_INFINITY;
        }
        if (k < 0) {
            for (int q = 0; q < n; q++) {
                d[q] = NONE;
            }
            return;
        }
        k = 0;
        for (int q = 0; q < n; q++) {
            while (z[k + 1] < q) {
                k++;
            }
            double dq = q - v[k];
            d[q] = dq * dq + f[v[k]];
        }
    }
}
