package rt.radiomics.internal;

import java.util.Arrays;

/**
 * Resampling in index space, as SimpleITK's ResampleImageFilter does it for grids that share a direction: output voxel
 * n along an axis samples the input at continuous index {@code start + n * step}. Samples outside
 * [-0.5, size - 0.5) get 0. Interpolators: nearest neighbour (round half up), linear (edge-clamped) and cubic B-spline
 * (mirror-boundary prefilter with pole √3 − 2, as ITK's BSplineDecompositionImageFilter).
 */
public final class Resampler {

    public enum Interpolator {
        NEAREST,
        LINEAR,
        BSPLINE;

        /** Maps pyradiomics/SimpleITK names ({@code sitkBSpline}, {@code sitkLinear}, {@code sitkNearestNeighbor}). */
        public static Interpolator of(String name) {
            if (name == null) {
                return BSPLINE;
            }
            String n = name.toLowerCase(java.util.Locale.ROOT).replace("sitk", "");
            if (n.startsWith("nearest")) {
                return NEAREST;
            }
            if (n.equals("linear")) {
                return LINEAR;
            }
            if (n.startsWith("bspline")) {
                return BSPLINE;
            }
            throw new IllegalArgumentException("interpolator '" + name
                    + "' not supported (sitkNearestNeighbor, sitkLinear, sitkBSpline)");
        }
    }

    private static final double POLE = Math.sqrt(3) - 2;

    private Resampler() {
    }

    /**
     * @param in      input voxels, x fastest (Not modified)
     * @param size    input size (x, y, z)
     * @param start   continuous input index of output voxel 0 (x, y, z)
     * @param step    input index step per output voxel (x, y, z)
     * @param outSize output size (x, y, z)
     * @return output voxels (new array)
     */
    public static float[] resample(float[] in, int[] size, double[] start, double[] step, int[] outSize,
            Interpolator interp) {
        float[] out = new float[outSize[0] * outSize[1] * outSize[2]];
        if (interp == Interpolator.BSPLINE) {
            return bspline(in, size, start, step, outSize, out);
        }
        if (interp == Interpolator.NEAREST) {
            return nearest(in, size, start, step, outSize, out);
        }
        for (int k = 0; k < outSize[2]; k++) {
            double cz = start[2] + k * step[2];
            if (!inside(cz, size[2])) {
                continue;
            }
            for (int j = 0; j < outSize[1]; j++) {
                double cy = start[1] + j * step[1];
                if (!inside(cy, size[1])) {
                    continue;
                }
                for (int i = 0; i < outSize[0]; i++) {
                    double cx = start[0] + i * step[0];
                    if (!inside(cx, size[0])) {
                        continue;
                    }
                    out[i + outSize[0] * (j + outSize[1] * k)] = (float) linear(in, size, cx, cy, cz);
                }
            }
        }
        return out;
    }

    /**
     * Nearest neighbour (masks): the input index along each axis is worked out once per output index of that axis,
     * not once per voxel, as the same {@code floor(c + 0.5)} of the same {@code c}.
     */
    private static float[] nearest(float[] in, int[] size, double[] start, double[] step, int[] outSize,
            float[] out) {
        int[] xs = nearestIndices(start[0], step[0], outSize[0], size[0]);
        int[] ys = nearestIndices(start[1], step[1], outSize[1], size[1]);
        int[] zs = nearestIndices(start[2], step[2], outSize[2], size[2]);
        int nx = size[0];
        int ny = size[1];
        for (int k = 0; k < outSize[2]; k++) {
            if (zs[k] < 0) {
                continue;
            }
            for (int j = 0; j < outSize[1]; j++) {
                if (ys[j] < 0) {
                    continue;
                }
                int from = nx * (ys[j] + ny * zs[k]);
                int to = outSize[0] * (j + outSize[1] * k);
                for (int i = 0; i < outSize[0]; i++) {
                    int x = xs[i];
                    if (x >= 0) {
                        out[to + i] = in[from + x];
                    }
                }
            }
        }
        return out;
    }

    /** The nearest input index of each output index along one axis, −1 where it falls outside the input. */
    private static int[] nearestIndices(double start, double step, int outSize, int n) {
        int[] idx = new int[outSize];
        for (int i = 0; i < outSize; i++) {
            double c = start + i * step;
            idx[i] = inside(c, n) ? clamp((int) Math.floor(c + 0.5), n) : -1;
        }
        return idx;
    }

    static boolean inside(double c, int n) {
        return c >= -0.5 && c < n - 0.5;
    }

    private static int clamp(int v, int n) {
        return v < 0 ? 0 : v >= n ? n - 1 : v;
    }

    private static double linear(float[] in, int[] size, double cx, double cy, double cz) {
        int x0 = (int) Math.floor(cx);
        int y0 = (int) Math.floor(cy);
        int z0 = (int) Math.floor(cz);
        double fx = cx - x0;
        double fy = cy - y0;
        double fz = cz - z0;
        double sum = 0;
        for (int dz = 0; dz < 2; dz++) {
            double wz = dz == 0 ? 1 - fz : fz;
            if (wz == 0) {
                continue;
            }
            int z = clamp(z0 + dz, size[2]);
            for (int dy = 0; dy < 2; dy++) {
                double wy = dy == 0 ? 1 - fy : fy;
                if (wy == 0) {
                    continue;
                }
                int y = clamp(y0 + dy, size[1]);
                for (int dx = 0; dx < 2; dx++) {
                    double wx = dx == 0 ? 1 - fx : fx;
                    if (wx == 0) {
                        continue;
                    }
                    int x = clamp(x0 + dx, size[0]);
                    sum += wx * wy * wz * in[x + size[0] * (y + size[1] * z)];
                }
            }
        }
        return sum;
    }

    private static float[] bspline(float[] in, int[] size, double[] start, double[] step, int[] outSize,
            float[] out) {
        // coefficients over a sub-block with a margin; the prefilter's influence decays as |pole|^n (< 1e-13 at 24)
        int margin = 24;
        int[] lo = new int[3];
        int[] hi = new int[3];
        for (int d = 0; d < 3; d++) {
            double a = start[d];
            double b = start[d] + (outSize[d] - 1) * step[d];
            lo[d] = Math.max(0, (int) Math.floor(Math.min(a, b)) - 2 - margin);
            hi[d] = Math.min(size[d] - 1, (int) Math.ceil(Math.max(a, b)) + 2 + margin);
            if (hi[d] < lo[d]) {
                return out;
            }
        }
        int bx = hi[0] - lo[0] + 1;
        int by = hi[1] - lo[1] + 1;
        int bz = hi[2] - lo[2] + 1;
        double[] c = new double[bx * by * bz];
        for (int z = 0; z < bz; z++) {
            for (int y = 0; y < by; y++) {
                int src = lo[0] + size[0] * ((y + lo[1]) + size[1] * (z + lo[2]));
                int dst = bx * (y + by * z);
                for (int x = 0; x < bx; x++) {
                    c[dst + x] = in[src + x];
                }
            }
        }
        // the block's faces are true image faces only where the block reaches the image border;
        // elsewhere the margin absorbs the boundary effect
        if (bx > 1) {
            double[] line = new double[bx];
            for (int row = 0; row < by * bz; row++) {
                System.arraycopy(c, row * bx, line, 0, bx);
                prefilter(line, bx);
                System.arraycopy(line, 0, c, row * bx, bx);
            }
        }
        // along y and z the lines lie side by side in the block (sample k of the line at x: k * stride + x), so they
        // are filtered together in place, a slice (y) or a chunk of a plane's columns (z) at a time
        double[] sums = new double[Math.max(bx, WIDE)];
        if (by > 1) {
            for (int z = 0; z < bz; z++) {
                prefilterWide(c, z * bx * by, by, bx, bx, sums);
            }
        }
        if (bz > 1) {
            int plane = bx * by;
            for (int j = 0; j < plane; j += WIDE) {
                prefilterWide(c, j, bz, plane, Math.min(WIDE, plane - j), sums);
            }
        }
        // supports along each axis depend on that axis' index only: computed once, not once per voxel
        double[][] wx = new double[outSize[0]][];
        double[][] wy = new double[outSize[1]][];
        double[][] wz = new double[outSize[2]][];
        int[][] ix = new int[outSize[0]][];
        int[][] iy = new int[outSize[1]][];
        int[][] iz = new int[outSize[2]][];
        supports(start[0], step[0], size[0], lo[0], bx, ix, wx);
        supports(start[1], step[1], size[1], lo[1], by, iy, wy);
        supports(start[2], step[2], size[2], lo[2], bz, iz, wz);
        separableSum(c, bx, by, wx, ix, wy, iy, wz, iz, outSize, out);
        return out;
    }

    /**
     * The tensor-product sum Σ wz·wy·wx·c, one axis at a time: per output slice the 4 coefficient z-planes are
     * combined with wz into one plane, that plane is filtered along x with wx and then along y with wy, so a voxel
     * costs about 12 multiply-adds instead of 64. Only the rows and columns of the block that some sample's support
     * reaches are computed; the scratch is per slice, never a second volume. Null supports (samples outside the
     * image) leave 0, as do zero wz weights (they are skipped, as the per-voxel sum skipped them).
     */
    private static void separableSum(double[] c, int bx, int by, double[][] wx, int[][] ix, double[][] wy,
            int[][] iy, double[][] wz, int[][] iz, int[] outSize, float[] out) {
        int nx = outSize[0];
        int ny = outSize[1];
        // the block columns and rows that the x and y supports reach
        int colLo = bx;
        int colHi = -1;
        for (int i = 0; i < nx; i++) {
            if (ix[i] != null) {
                for (int p = 0; p < 4; p++) {
                    colLo = Math.min(colLo, ix[i][p]);
                    colHi = Math.max(colHi, ix[i][p]);
                }
            }
        }
        boolean[] rowUsed = new boolean[by];
        boolean anyRow = false;
        for (int j = 0; j < ny; j++) {
            if (iy[j] != null) {
                for (int q = 0; q < 4; q++) {
                    rowUsed[iy[j][q]] = true;
                }
                anyRow = true;
            }
        }
        if (colHi < 0 || !anyRow) {
            return;
        }
        // x supports flattened (4 per output column), so the x pass reads them contiguously
        double[] wx4 = new double[4 * nx];
        int[] ix4 = new int[4 * nx];
        for (int i = 0; i < nx; i++) {
            if (wx[i] != null) {
                System.arraycopy(wx[i], 0, wx4, 4 * i, 4);
                System.arraycopy(ix[i], 0, ix4, 4 * i, 4);
            }
        }
        double[] plane = new double[bx * by];
        double[] rows = new double[nx * by];
        double[] acc = new double[nx];
        int planeSize = bx * by;
        for (int k = 0; k < outSize[2]; k++) {
            if (wz[k] == null) {
                continue;
            }
            // z: plane = Σ_r wz[r] · c[plane iz[r]]
            boolean first = true;
            for (int r = 0; r < 4; r++) {
                double w = wz[k][r];
                if (w == 0) {
                    continue;
                }
                int src = planeSize * iz[k][r];
                for (int y = 0; y < by; y++) {
                    if (!rowUsed[y]) {
                        continue;
                    }
                    int a = bx * y;
                    int b = src + a;
                    if (first) {
                        for (int x = colLo; x <= colHi; x++) {
                            plane[a + x] = w * c[b + x];
                        }
                    } else {
                        for (int x = colLo; x <= colHi; x++) {
                            plane[a + x] += w * c[b + x];
                        }
                    }
                }
                first = false;
            }
            // x: rows[y][i] = Σ_p wx[i][p] · plane[y][ix[i][p]]
            for (int y = 0; y < by; y++) {
                if (!rowUsed[y]) {
                    continue;
                }
                int a = bx * y;
                int o = nx * y;
                for (int i = 0; i < nx; i++) {
                    int x = 4 * i;
                    rows[o + i] = wx4[x] * plane[a + ix4[x]] + wx4[x + 1] * plane[a + ix4[x + 1]]
                            + wx4[x + 2] * plane[a + ix4[x + 2]] + wx4[x + 3] * plane[a + ix4[x + 3]];
                }
            }
            // y: out[j][i] = Σ_q wy[j][q] · rows[iy[j][q]][i]; columns with a null x support stay 0
            for (int j = 0; j < ny; j++) {
                if (wy[j] == null) {
                    continue;
                }
                Arrays.fill(acc, 0);
                for (int q = 0; q < 4; q++) {
                    double w = wy[j][q];
                    if (w == 0) {
                        continue;
                    }
                    int o = nx * iy[j][q];
                    for (int i = 0; i < nx; i++) {
                        acc[i] += w * rows[o + i];
                    }
                }
                int o = nx * (j + ny * k);
                for (int i = 0; i < nx; i++) {
                    if (wx[i] != null) {
                        out[o + i] = (float) acc[i];
                    }
                }
            }
        }
    }

    /** {@link #support} for every output index along one axis; null where the sample lies outside the image. */
    private static void supports(double start, double step, int n, int blockStart, int blockSize, int[][] idx,
            double[][] w) {
        for (int i = 0; i < idx.length; i++) {
            double x = start + i * step;
            if (inside(x, n)) {
                idx[i] = new int[4];
                w[i] = new double[4];
                support(x, n, blockStart, blockSize, idx[i], w[i]);
            }
        }
    }

    /** Indices (into the block) and cubic B-spline weights of the 4 coefficients around continuous index x. */
    private static void support(double x, int n, int blockStart, int blockSize, int[] idx, double[] w) {
        int first = (int) Math.floor(x) - 1;
        double t = x - Math.floor(x);
        w[3] = t * t * t / 6.0;
        w[0] = 1.0 / 6.0 + 0.5 * t * (t - 1) - w[3];
        w[2] = t + w[0] - 2 * w[3];
        w[1] = 1 - w[0] - w[2] - w[3];
        for (int k = 0; k < 4; k++) {
            int g = mirror(first + k, n);
            int b = g - blockStart;
            idx[k] = b < 0 ? 0 : b >= blockSize ? blockSize - 1 : b;
        }
    }

    static int mirror(int k, int n) {
        if (n == 1) {
            return 0;
        }
        int period = 2 * n - 2;
        if (k < 0) {
            k = -k;
        }
        k %= period;
        if (k >= n) {
            k = period - k;
        }
        return k;
    }

    /** Lines filtered side by side along z: a chunk of a plane's columns whose lines stay in the caches. */
    private static final int WIDE = 256;

    /**
     * {@link #prefilter} on {@code w} lines of {@code n} samples at once, sample k of line x at
     * {@code base + k * stride + x}: statement for statement the same arithmetic, so the same coefficients.
     *
     * @param sums scratch of at least {@code w}
     */
    static void prefilterWide(double[] c, int base, int n, int stride, int w, double[] sums) {
        double z = POLE;
        double gain = (1 - z) * (1 - 1 / z);
        for (int k = 0; k < n; k++) {
            int row = base + k * stride;
            for (int x = 0; x < w; x++) {
                c[row + x] *= gain;
            }
        }
        int horizon = (int) Math.ceil(Math.log(1e-10) / Math.log(Math.abs(z)));
        int last = base + (n - 1) * stride;
        if (horizon < n) {
            double zn = z;
            System.arraycopy(c, base, sums, 0, w);
            for (int k = 1; k < horizon; k++) {
                int row = base + k * stride;
                for (int x = 0; x < w; x++) {
                    sums[x] += zn * c[row + x];
                }
                zn *= z;
            }
            System.arraycopy(sums, 0, c, base, w);
        } else {
            double zn = z;
            double iz = 1 / z;
            double z2n = Math.pow(z, n - 1);
            for (int x = 0; x < w; x++) {
                sums[x] = c[base + x] + z2n * c[last + x];
            }
            z2n *= z2n * iz;
            for (int k = 1; k <= n - 2; k++) {
                int row = base + k * stride;
                for (int x = 0; x < w; x++) {
                    sums[x] += (zn + z2n) * c[row + x];
                }
                zn *= z;
                z2n *= iz;
            }
            for (int x = 0; x < w; x++) {
                c[base + x] = sums[x] / (1 - zn * zn);
            }
        }
        for (int k = 1; k < n; k++) {
            int row = base + k * stride;
            for (int x = 0; x < w; x++) {
                c[row + x] += z * c[row - stride + x];
            }
        }
        double tail = z / (z * z - 1);
        for (int x = 0; x < w; x++) {
            c[last + x] = tail * (z * c[last - stride + x] + c[last + x]);
        }
        for (int k = n - 2; k >= 0; k--) {
            int row = base + k * stride;
            for (int x = 0; x < w; x++) {
                c[row + x] = z * (c[row + stride + x] - c[row + x]);
            }
        }
    }

    /** In-place cubic B-spline interpolation prefilter of one line (mirror boundaries, ITK tolerance 1e-10). */
    static void prefilter(double[] c, int n) {
        double z = POLE;
        double gain = (1 - z) * (1 - 1 / z);
        for (int k = 0; k < n; k++) {
            c[k] *= gain;
        }
        int horizon = (int) Math.ceil(Math.log(1e-10) / Math.log(Math.abs(z)));
        if (horizon < n) {
            double zn = z;
            double sum = c[0];
            for (int k = 1; k < horizon; k++) {
                sum += zn * c[k];
                zn *= z;
            }
            c[0] = sum;
        } else {
            double zn = z;
            double iz = 1 / z;
            double z2n = Math.pow(z, n - 1);
            double sum = c[0] + z2n * c[n - 1];
            z2n *= z2n * iz;
            for (int k = 1; k <= n - 2; k++) {
                sum += (zn + z2n) * c[k];
                zn *= z;
                z2n *= iz;
            }
            c[0] = sum / (1 - zn * zn);
        }
        for (int k = 1; k < n; k++) {
            c[k] += z * c[k - 1];
        }
        c[n - 1] = (z / (z * z - 1)) * (z * c[n - 2] + c[n - 1]);
        for (int k = n - 2; k >= 0; k--) {
            c[k] = z * (c[k + 1] - c[k]);
        }
    }
}
