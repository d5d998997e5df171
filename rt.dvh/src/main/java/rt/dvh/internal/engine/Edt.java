package rt.dvh.internal.engine;

import java.util.Arrays;

/**
 * Exact squared Euclidean distance transform on a 2D cell grid (Felzenszwalb &amp; Huttenlocher), in cell units,
 * used for the in-plane signed distance of the DVH sampler.
 */
final class Edt {

    static final float NONE = 1e20f;

    private Edt() {
    }

    /** Work buffers of the transform, reusable for grids up to {@code len} cells on a side; not thread-safe. */
    static final class Scratch {
        private final double[] f;
        private final double[] dd;
        private final int[] v;
        private final double[] zz;
        private final double[] gv;

        Scratch(int len) {
            gv = new double[len];
            f = new double[len];
            dd = new double[len];
            v = new int[len];
            zz = new double[len + 1];
        }

        /**
         * Generalised transform {@code out[q] = min_p (|q − p|² + seed[p])} in cell units; {@link #NONE}
         * everywhere when there is no seed.
         *
         * @param seed squared distances at seed cells, {@link #NONE} elsewhere. Not modified.
         * @param out  length nx·ny; may not be {@code seed}
         */
        void transform(float[] seed, int nx, int ny, float[] out) {
            for (int j = 0; j < ny; j++) {
                int row = j * nx;
                boolean any = false;
                for (int i = 0; i < nx; i++) {
                    float s = seed[row + i];
                    f[i] = s;
                    any |= s < NONE;
                }
                if (!any) {
                    Arrays.fill(out, row, row + nx, NONE);
                    continue;
                }
                pass(f, nx, dd, v, zz, gv);
                for (int i = 0; i < nx; i++) {
                    out[row + i] = (float) dd[i];
                }
            }
            for (int i = 0; i < nx; i++) {
                for (int j = 0, n = i; j < ny; j++, n += nx) {
                    f[j] = out[n];
                }
                pass(f, ny, dd, v, zz, gv);
                for (int j = 0, n = i; j < ny; j++, n += nx) {
                    out[n] = (float) dd[j];
                }
            }
        }
    }

    /** Lower envelope of the parabolas (q − p)² + f[p] over the finite f[p]. */
    private static void pass(double[] f, int n, double[] d, int[] v, double[] z, double[] gv) {
        int k = -1;
        for (int q = 0; q < n; q++) {
            double fq = f[q];
            if (fq >= NONE) {
                continue;
            }
            double gq = fq + (double) q * q; // the parabola's value at index 0, kept per envelope vertex in gv
            double twoQ = 2.0 * q;
            double s = 0;
            while (k >= 0) {
                s = (gq - gv[k]) / (twoQ - 2.0 * v[k]);
                if (s <= z[k]) {
                    k--;
                } else {
                    break;
                }
            }
            if (k < 0) {
                k = 0;
                z[0] = Double.NEGATIVE_INFINITY;
            } else {
                k++;
                z[k] = s;
            }
            v[k] = q;
            gv[k] = gq;
            z[k + 1] = Double.POSITIVE_INFINITY;
        }
        if (k < 0) {
            for (int q = 0; q < n; q++) {
                d[q] = NONE;
            }
            return;
        }
        k = 0;
        int p = v[0];
        double fp = f[p];
        double next = z[1];
        for (int q = 0; q < n; q++) {
            if (next < q) {
                do {
                    k++;
                    next = z[k + 1];
                } while (next < q);
                p = v[k];
                fp = f[p];
            }
            double dq = q - p;
            d[q] = dq * dq + fp;
        }
    }
}
