package rt.segmentation.totalseg.internal;

/**
 * Resizing of a 3-D float array (d0, d1, d2; d2 fastest) one axis at a time, as {@code skimage.transform.resize}
 * (mode edge, no anti-aliasing) does it through {@code scipy.ndimage.zoom(grid_mode=True)}: output voxel {@code o}
 * samples input coordinate {@code (o + 0.5) * in / out - 0.5}. Order 0 = nearest, 1 = linear, 3 = cubic B-spline
 * with scipy's prefilter (input padded by 12 edge samples). Tensor-product interpolation is separable, so resizing
 * the axes one after the other equals the 3-D resize.
 */
public final class Resize {

    private static final double POLE = Math.sqrt(3) - 2;
    private static final int SPLINE_PAD = 12;

    private Resize() {
    }

    /** Returns a new array with {@code dims[axis]} replaced by {@code newLength}. Not modified: {@code in}, {@code dims}. */
    public static float[] axis(float[] in, int[] dims, int axis, int newLength, int order) {
        if (order != 0 && order != 1 && order != 3) {
            throw new IllegalArgumentException("order must be 0, 1 or 3");
        }
        int n = dims[axis];
        int[] out = dims.clone();
        out[axis] = newLength;
        // Each line along `axis` is resampled independently: `outer` blocks of `n * inner` values.
        int inner = 1;
        for (int a = axis + 1; a < 3; a++) {
            inner *= dims[a];
        }
        int outer = 1;
        for (int a = 0; a < axis; a++) {
            outer *= dims[a];
        }
        float[] result = new float[outer * newLength * inner];
        Kernel k = new Kernel(n, newLength, order);
        double[] line = new double[n + 2 * SPLINE_PAD];
        double[] coef = new double[n + 2 * SPLINE_PAD];
        for (int o = 0; o < outer; o++) {
            int inBase = o * n * inner;
            int outBase = o * newLength * inner;
            for (int i = 0; i < inner; i++) {
                for (int t = 0; t < n; t++) {
                    line[t] = in[inBase + t * inner + i];
                }
                k.apply(line, coef, result, outBase + i, inner);
            }
        }
        return result;
    }

    /** Clamps every value to [lo, hi] (skimage's clip of the resized output to the input range). Modified: a. */
    public static void clip(float[] a, float lo, float hi) {
        for (int i = 0; i < a.length; i++) {
            a[i] = Math.min(hi, Math.max(lo, a[i]));
        }
    }

    /** Precomputed source positions for one (n → m) resize. */
    private static final class Kernel {
        final int n;
        final int m;
        final int order;
        final int[] index;
        final double[] frac;

        Kernel(int n, int m, int order) {
            this.n = n;
            this.m = m;
            this.order = order;
            index = new int[m];
            frac = new double[m];
            double scale = (double) n / m;
            for (int o = 0; o < m; o++) {
                double c = (o + 0.5) * scale - 0.5;
                if (order == 0) {
                    index[o] = clamp((int) Math.floor(c + 0.5), n);
                } else if (order == 1) {
                    double cc = Math.min(Math.max(c, 0), n - 1);
                    int f = (int) Math.floor(cc);
                    index[o] = f;
                    frac[o] = cc - f;
                } else {
                    int f = (int) Math.floor(c);
                    index[o] = f;
                    frac[o] = c - f;
                }
            }
        }

        /** Resamples line[0..n) into out[base + o * stride]. Uses coef as scratch for order 3. */
        void apply(double[] line, double[] coef, float[] out, int base, int stride) {
            if (order == 0) {
                for (int o = 0; o < m; o++) {
                    out[base + o * stride] = (float) line[index[o]];
                }
            } else if (order == 1) {
                for (int o = 0; o < m; o++) {
                    int f = index[o];
                    double t = frac[o];
                    double v = f + 1 < n ? line[f] + t * (line[f + 1] - line[f]) : line[f];
                    out[base + o * stride] = (float) v;
                }
            } else {
                int len = n + 2 * SPLINE_PAD;
                for (int t = 0; t < n; t++) {
                    coef[SPLINE_PAD + t] = line[t];
                }
                for (int t = 0; t < SPLINE_PAD; t++) {
                    coef[t] = line[0];
                    coef[SPLINE_PAD + n + t] = line[n - 1];
                }
                prefilter(coef, len);
                for (int o = 0; o < m; o++) {
                    int f = index[o] + SPLINE_PAD;
                    double t = frac[o];
                    double t2 = t * t;
                    double t3 = t2 * t;
                    double w0 = (1 - t) * (1 - t) * (1 - t) / 6;
                    double w1 = (3 * t3 - 6 * t2 + 4) / 6;
                    double w2 = (-3 * t3 + 3 * t2 + 3 * t + 1) / 6;
                    double w3 = t3 / 6;
                    double v = w0 * coef[mirror(f - 1, len)] + w1 * coef[mirror(f, len)]
                            + w2 * coef[mirror(f + 1, len)] + w3 * coef[mirror(f + 2, len)];
                    out[base + o * stride] = (float) v;
                }
            }
        }
    }

    /** In-place cubic B-spline prefilter (Unser) with mirror boundaries. */
    static void prefilter(double[] c, int len) {
        if (len == 1) {
            return;
        }
        double z = POLE;
        double gain = (1 - z) * (1 - 1 / z);
        for (int i = 0; i < len; i++) {
            c[i] *= gain;
        }
        // causal init: sum over a horizon where z^k is negligible (mirror boundary)
        int horizon = Math.min(len, 30);
        double zk = z;
        double sum = c[0];
        for (int k = 1; k < horizon; k++) {
            sum += zk * c[k];
            zk *= z;
        }
        c[0] = sum;
        for (int i = 1; i < len; i++) {
            c[i] += z * c[i - 1];
        }
        c[len - 1] = (z / (z * z - 1)) * (c[len - 1] + z * c[len - 2]);
        for (int i = len - 2; i >= 0; i--) {
            c[i] = z * (c[i + 1] - c[i]);
        }
    }

    private static int mirror(int i, int len) {
        if (len == 1) {
            return 0;
        }
        int period = 2 * len - 2;
        i = Math.floorMod(i, period);
        return i < len ? i : period - i;
    }

    private static int clamp(int i, int n) {
        return i < 0 ? 0 : Math.min(i, n - 1);
    }
}
