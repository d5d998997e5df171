package rt.imaging.internal;

/**
 * Separable exact distance transforms (Felzenszwalb &amp; Huttenlocher, "Distance transforms of sampled
 * functions", 2012) generalised to an asymmetric quadratic cost per axis: moving by d voxels along an axis costs
 * {@code wMinus * d²} for d &lt; 0 and {@code wPlus * d²} for d &gt; 0. The cost of a 3D displacement is the sum over
 * axes, so the transform stays separable and exact; with {@code wMinus = wPlus = spacing²} it is the squared
 * Euclidean distance in mm². Pairs of such "parabolas" cross at most once (the cost is convex), which is what
 * the lower-envelope algorithm needs. Arrays: inputs not modified.
 */
public final class EdtAlgs {

    /** Weight standing for a zero margin: any non-zero displacement costs more than the threshold 1. */
    static final double BIG = 1e12;
    /** Threshold slack for margins (float storage). */
    static final float TOLERANCE = 1e-5f;

    private EdtAlgs() {
    }

    /**
     * Squared Euclidean distance (mm²) from every voxel centre to the nearest voxel where
     * {@code mask[n] == target}; +∞ everywhere when there is none.
     */
    public static float[] squaredDistance(boolean[] mask, boolean target, int[] dims, double[] spacing) {
        float[] f = new float[mask.length];
        for (int n = 0; n < f.length; n++) {
            f[n] = mask[n] == target ? 0f : Float.POSITIVE_INFINITY;
        }
        for (int a = 0; a < 3; a++) {
            double w = spacing[a] * spacing[a];
            pass(f, dims, a, w, w, Float.POSITIVE_INFINITY);
        }
        return f;
    }

    /**
     * Dilation of {@code mask} by the octant ellipsoid with semi-axes {@code axisMargins[a] = {towards −a,
     * towards +a}} in mm: a voxel is set when some set voxel lies at a displacement p − q whose normalised cost
     * is ≤ 1.
     */
    public static boolean[] dilate(boolean[] mask, int[] dims, double[] spacing, double[][] axisMargins) {
        float[] f = new float[mask.length];
        for (int n = 0; n < f.length; n++) {
            f[n] = mask[n] ? 0f : Float.POSITIVE_INFINITY;
        }
        for (int a = 0; a < 3; a++) {
            double s2 = spacing[a] * spacing[a];
            double mMinus = axisMargins[a][0];
            double mPlus = axisMargins[a][1];
            if (mMinus == 0 && mPlus == 0) {
                continue;
            }
            // p − q < 0 means p lies towards −a from the source q: the minus-side margin applies.
            double wMinus = mMinus > 0 ? s2 / (mMinus * mMinus) : BIG;
            double wPlus = mPlus > 0 ? s2 / (mPlus * mPlus) : BIG;
            pass(f, dims, a, wMinus, wPlus, 1f + TOLERANCE);
        }
        boolean[] out = new boolean[mask.length];
        for (int n = 0; n < f.length; n++) {
            out[n] = f[n] <= 1f + TOLERANCE;
        }
        return out;
    }

    /**
     * One separable pass along axis {@code a}, in place; values above {@code cap} become +∞. For the y and z axes
     * whole rows are gathered into a small buffer first, so memory is read in contiguous runs.
     */
    static void pass(float[] f, int[] dims, int a, double wMinus, double wPlus, float cap) {
        int nx = dims[0];
        int ny = dims[1];
        int nz = dims[2];
        int n = dims[a];
        float[] line = new float[n];
        float[] out = new float[n];
        int[] v = new int[n];
        double[] z = new double[n + 1];
        if (a == 0) {
            for (int base = 0; base < f.length; base += nx) {
                boolean any = false;
                for (int m = 0; m < n; m++) {
                    line[m] = f[base + m];
                    any |= line[m] != Float.POSITIVE_INFINITY;
                }
                if (any) {
                    transform1d(line, n, wMinus, wPlus, out, v, z);
                    for (int m = 0; m < n; m++) {
                        f[base + m] = out[m] > cap ? Float.POSITIVE_INFINITY : out[m];
                    }
                }
            }
            return;
        }
        int stride = a == 1 ? nx : nx * ny;
        int outer = a == 1 ? nz : ny;
        float[] buf = new float[nx * n];
        for (int o = 0; o < outer; o++) {
            int base = a == 1 ? nx * ny * o : nx * o;
            for (int m = 0; m < n; m++) {
                System.arraycopy(f, base + m * stride, buf, m * nx, nx);
            }
            boolean changed = false;
            for (int i = 0; i < nx; i++) {
                boolean any = false;
                for (int m = 0; m < n; m++) {
                    line[m] = buf[m * nx + i];
                    any |= line[m] != Float.POSITIVE_INFINITY;
                }
                if (!any) {
                    continue;
                }
                changed = true;
                transform1d(line, n, wMinus, wPlus, out, v, z);
                for (int m = 0; m < n; m++) {
                    buf[m * nx + i] = out[m] > cap ? Float.POSITIVE_INFINITY : out[m];
                }
            }
            if (changed) {
                for (int m = 0; m < n; m++) {
                    System.arraycopy(buf, m * nx, f, base + m * stride, nx);
                }
            }
        }
    }

    /** out[p] = min_q f[q] + cost(p − q); scratch arrays v (n) and z (n + 1). */
    static void transform1d(float[] f, int n, double wm, double wp, float[] out, int[] v, double[] z) {
        int k = -1;
        for (int q = 0; q < n; q++) {
            if (f[q] == Float.POSITIVE_INFINITY) {
                continue;
            }
            if (k < 0) {
                k = 0;
                v[0] = q;
                z[0] = Double.NEGATIVE_INFINITY;
                z[1] = Double.POSITIVE_INFINITY;
                continue;
            }
            double s = intersect(v[k], f[v[k]], q, f[q], wm, wp);
            while (s <= z[k]) {
                k--;
                s = intersect(v[k], f[v[k]], q, f[q], wm, wp);
            }
            k++;
            v[k] = q;
            z[k] = s;
            z[k + 1] = Double.POSITIVE_INFINITY;
        }
        if (k < 0) {
            java.util.Arrays.fill(out, 0, n, Float.POSITIVE_INFINITY);
            return;
        }
        int j = 0;
        for (int p = 0; p < n; p++) {
            while (z[j + 1] < p) {
                j++;
            }
            int d = p - v[j];
            double w = d > 0 ? wp : wm;
            out[p] = (float) (f[v[j]] + w * d * (double) d);
        }
    }

    /**
     * Smallest position p where the source at r (&gt; q) is at least as good as the one at q. Left of q both costs
     * use wm, right of r both use wp, in between q's cost uses wp and r's uses wm.
     */
    static double intersect(int q, double fq, int r, double fr, double wm, double wp) {
        double len = r - q;
        double delta = fr - fq;
        if (delta + wm * len * len <= 0) {
            return (delta + wm * ((double) r * r - (double) q * q)) / (2 * wm * len);
        }
        if (delta - wp * len * len >= 0) {
            return (delta + wp * ((double) r * r - (double) q * q)) / (2 * wp * len);
        }
        double c = wm * len * len + delta;
        double disc = Math.max(0, wm * wp * len * len - (wm - wp) * delta);
        return q + c / (wm * len + Math.sqrt(disc));
    }
}
