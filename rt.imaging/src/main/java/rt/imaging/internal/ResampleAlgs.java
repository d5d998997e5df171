package rt.imaging.internal;

/**
 * Resampling kernels. The 3×4 row-major affine {@code a} maps a target index (i, j, k) to a continuous source
 * index. Arrays: {@code src} not modified, {@code dst} modified (every element written). Dims are {nx, ny, nz}.
 */
public final class ResampleAlgs {

    /** Slack on the "inside the source extent" test, in voxels. */
    private static final double EPS = 1e-6;

    private ResampleAlgs() {
    }

    public static void resample(float[] src, int[] sd, double[] a, float[] dst, int[] td, boolean linear,
            float fill) {
        int sx = sd[0];
        int sy = sd[1];
        int sz = sd[2];
        int sxy = sx * sy;
        double loX = -0.5 - EPS;
        double hiX = sx - 0.5 + EPS;
        double hiY = sy - 0.5 + EPS;
        double hiZ = sz - 0.5 + EPS;
        int n = 0;
        for (int k = 0; k < td[2]; k++) {
            for (int j = 0; j < td[1]; j++) {
                double x = a[1] * j + a[2] * k + a[3];
                double y = a[5] * j + a[6] * k + a[7];
                double z = a[9] * j + a[10] * k + a[11];
                for (int i = 0; i < td[0]; i++, n++, x += a[0], y += a[4], z += a[8]) {
                    if (x < loX || y < loX || z < loX || x > hiX || y > hiY || z > hiZ) {
                        dst[n] = fill;
                        continue;
                    }
                    if (!linear) {
                        int ii = clamp((int) Math.floor(x + 0.5), sx);
                        int jj = clamp((int) Math.floor(y + 0.5), sy);
                        int kk = clamp((int) Math.floor(z + 0.5), sz);
                        dst[n] = src[ii + sx * jj + sxy * kk];
                        continue;
                    }
                    double cx = Math.min(Math.max(x, 0), sx - 1);
                    double cy = Math.min(Math.max(y, 0), sy - 1);
                    double cz = Math.min(Math.max(z, 0), sz - 1);
                    int i0 = Math.min((int) cx, sx - 2 < 0 ? 0 : sx - 2);
                    int j0 = Math.min((int) cy, sy - 2 < 0 ? 0 : sy - 2);
                    int k0 = Math.min((int) cz, sz - 2 < 0 ? 0 : sz - 2);
                    double fx = cx - i0;
                    double fy = cy - j0;
                    double fz = cz - k0;
                    int di = sx > 1 ? 1 : 0;
                    int dj = sy > 1 ? sx : 0;
                    int dk = sz > 1 ? sxy : 0;
                    int p = i0 + sx * j0 + sxy * k0;
                    double c00 = src[p] + fx * (src[p + di] - src[p]);
                    double c10 = src[p + dj] + fx * (src[p + dj + di] - src[p + dj]);
                    double c01 = src[p + dk] + fx * (src[p + dk + di] - src[p + dk]);
                    double c11 = src[p + dk + dj] + fx * (src[p + dk + dj + di] - src[p + dk + dj]);
                    double c0 = c00 + fy * (c10 - c00);
                    double c1 = c01 + fy * (c11 - c01);
                    dst[n] = (float) (c0 + fz * (c1 - c0));
                }
            }
        }
    }

    public static void nearestMask(boolean[] src, int[] sd, double[] a, boolean[] dst, int[] td) {
        int[] idx = new int[dst.length];
        nearestIndex(sd, a, td, idx);
        for (int n = 0; n < dst.length; n++) {
            dst[n] = idx[n] >= 0 && src[idx[n]];
        }
    }

    public static void nearestLabels(short[] src, int[] sd, double[] a, short[] dst, int[] td) {
        int[] idx = new int[dst.length];
        nearestIndex(sd, a, td, idx);
        for (int n = 0; n < dst.length; n++) {
            dst[n] = idx[n] >= 0 ? src[idx[n]] : 0;
        }
    }

    /** Flat source index of the nearest source voxel per target voxel, −1 outside. */
    static void nearestIndex(int[] sd, double[] a, int[] td, int[] out) {
        int sx = sd[0];
        int sy = sd[1];
        int sz = sd[2];
        int n = 0;
        for (int k = 0; k < td[2]; k++) {
            for (int j = 0; j < td[1]; j++) {
                double x = a[1] * j + a[2] * k + a[3];
                double y = a[5] * j + a[6] * k + a[7];
                double z = a[9] * j + a[10] * k + a[11];
                for (int i = 0; i < td[0]; i++, n++, x += a[0], y += a[4], z += a[8]) {
                    if (x < -0.5 - EPS || y < -0.5 - EPS || z < -0.5 - EPS || x > sx - 0.5 + EPS
                            || y > sy - 0.5 + EPS || z > sz - 0.5 + EPS) {
                        out[n] = -1;
                        continue;
                    }
                    int ii = clamp((int) Math.floor(x + 0.5), sx);
                    int jj = clamp((int) Math.floor(y + 0.5), sy);
                    int kk = clamp((int) Math.floor(z + 0.5), sz);
                    out[n] = ii + sx * (jj + sy * kk);
                }
            }
        }
    }

    private static int clamp(int v, int n) {
        return v < 0 ? 0 : v >= n ? n - 1 : v;
    }
}
