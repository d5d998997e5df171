package rt.radiomics.internal;

import java.util.function.BiConsumer;

/**
 * pyradiomics' Wavelet image type: odd dimensions padded by one (wrap), then per level an undecimated (stationary)
 * one-level transform along the chosen axes with periodic extension, the approximation feeding the next level.
 *
 * <p>Memory, not arithmetic, shapes this class. Every band is the chain of 1-D passes along the axes in order (the
 * first axis varies slowest in the band's name). All axes but the last lie in an x-y slice (the axes ascend), so a
 * band's prefix is made a slice at a time into one full-size double image, and the last pass writes the cropped float
 * band straight from it. While a band's features are computed only the prefix image and the band are alive (12 bytes
 * per voxel), not one double image per axis plus a double copy of the band (32); a body-wide box (bones) then fits a
 * heap a third smaller. Each output is the same sum, in the same order, as a whole-volume pass would take.
 */
final class StationaryWavelet {

    private final double[][] filters;
    private final int[] size;
    private final int[] ps;
    private final int[] axes;
    /** Scratch of the passes: a periodically extended row, an x-row of sums, the x-row a tap reads. */
    private final double[] ext;
    private final double[] acc;
    private final double[] line;
    private final double[] line2;
    /** Per row y the x range [xLo[y], xHi[y]) of the cropped bands' last pass (all x unless columns were given). */
    private final int[] xLo;
    private final int[] xHi;

    /** @param columns the (x, y) columns the bands are read at ({@code columns[x + nx · y]}), null: all */
    private StationaryWavelet(String waveletName, int[] size, int[] axes, boolean[] columns) {
        this.filters = ImageFilters.waveletFilters(waveletName);
        this.size = size.clone();
        this.axes = axes.clone();
        ps = new int[3];
        for (int d = 0; d < 3; d++) {
            ps[d] = size[d] % 2 != 0 ? size[d] + 1 : size[d];
        }
        ext = new double[Math.max(ps[0], Math.max(ps[1], ps[2])) + filters[0].length + filters[1].length];
        acc = new double[ps[0]];
        line = new double[ps[0]];
        line2 = new double[ps[0]];
        int[][] ranges = ImageFilters.columnRanges(columns, size[0], size[1]);
        xLo = ranges[0];
        xHi = ranges[1];
        for (int k = 1; k < axes.length; k++) {
            if (axes[k] <= axes[k - 1]) {
                throw new IllegalArgumentException("wavelet axes must ascend: " + java.util.Arrays.toString(axes));
            }
        }
    }

    /** A level's input: the padded voxel (x, y, z) for every padded slice z. */
    private interface Source {
        void slice(int z, double[] out);
    }

    /**
     * @param axes the axes (0 = x, 1 = y, 2 = z) transformed, ascending
     * @param sink receives each band as soon as it is made, two at a time: {@code wavelet-LLL}, {@code wavelet-LLH},
     *             {@code wavelet-LHL} … {@code wavelet-HHH} (prefix {@code wavelet2-} … for the second level on; the
     *             approximation of a level that feeds the next is not handed over). pyradiomics names the
     *             approximation last: {@link ImageFilters#isWaveletApproximation} tells it apart.
     */
    static void transform(float[] in, int[] size, String waveletName, int level, int startLevel, int[] axes,
            BiConsumer<String, float[]> sink) {
        transform(in, size, waveletName, level, startLevel, axes, null, sink);
    }

    /**
     * As above, the last pass (when along y or z) only over the (x, y) columns wanted ({@code columns[x + nx · y]},
     * null: all) and 0 elsewhere: each band is then read at its ROIs' voxels only.
     */
    static void transform(float[] in, int[] size, String waveletName, int level, int startLevel, int[] axes,
            boolean[] columns, BiConsumer<String, float[]> sink) {
        new StationaryWavelet(waveletName, size, axes, columns).run(in, level, startLevel, sink);
    }

    private void run(float[] in, int level, int startLevel, BiConsumer<String, float[]> sink) {
        int plane = ps[0] * ps[1];
        Source source = (z, out) -> {
            int zz = z % size[2];
            for (int y = 0; y < ps[1]; y++) {
                int from = size[0] * ((y % size[1]) + size[1] * zz);
                int to = ps[0] * y;
                for (int x = 0; x < size[0]; x++) {
                    out[to + x] = in[from + x];
                }
                // an odd width is padded by one voxel, wrapped: the row's first (no division per voxel)
                if (ps[0] > size[0]) {
                    out[to + size[0]] = in[from];
                }
            }
        };
        for (int l = 0; l < startLevel; l++) {
            source = padded(approximation(source), plane);
        }
        int n = axes.length;
        int lowBands = 1 << (n - 1);
        for (int l = startLevel; l < startLevel + level; l++) {
            int idx = l - startLevel + 1;
            String prefix = idx == 1 ? "wavelet-" : "wavelet" + idx + "-";
            boolean last = l == startLevel + level - 1;
            double[] approxNext = null;
            for (int head = 0; head < lowBands; head++) {
                double[] pre = prefixImage(source, head);
                // both bands of this prefix are made before either is handed over, and the prefix let go: while a
                // band's features are computed two float bands are alive, not a double prefix beside a band
                int low = head << 1;
                float[] lowBand = null;
                if (low != 0 || last) {
                    lowBand = lastPassCropped(pre, filters[0]);
                } else {
                    approxNext = lastPassPadded(pre, filters[0]);
                }
                float[] highBand = lastPassCropped(pre, filters[1]);
                pre = null;
                if (lowBand != null) {
                    // the last level's approximation (band 0) comes first, named as pyradiomics names it (all L)
                    sink.accept(prefix + ImageFilters.bandName(low, n), lowBand);
                    lowBand = null;
                }
                sink.accept(prefix + ImageFilters.bandName(low | 1, n), highBand);
                highBand = null;
            }
            if (!last) {
                source = padded(approxNext, plane);
            }
        }
        if (level == 0) {
            // no level asked: the (approximated) input itself, as the whole-volume transform hands back
            double[] s = new double[plane];
            float[] out = new float[size[0] * size[1] * size[2]];
            for (int z = 0; z < size[2]; z++) {
                source.slice(z, s);
                for (int y = 0; y < size[1]; y++) {
                    for (int x = 0; x < size[0]; x++) {
                        out[x + size[0] * (y + size[1] * z)] = (float) s[x + ps[0] * y];
                    }
                }
            }
            sink.accept("wavelet0-" + "L".repeat(n), out);
        }
    }

    private static Source padded(double[] image, int plane) {
        return (z, out) -> System.arraycopy(image, z * plane, out, 0, plane);
    }

    /** The all-low band of a level on the padded grid, as the next level's input. */
    private double[] approximation(Source source) {
        return lastPassPadded(prefixImage(source, 0), filters[0]);
    }

    /**
     * The passes along every axis but the last (band bits {@code head}, first axis highest), slice by slice: those axes
     * lie in the slice, so one slice of scratch serves them.
     */
    private double[] prefixImage(Source source, int head) {
        int plane = ps[0] * ps[1];
        double[] out = new double[plane * ps[2]];
        double[] a = new double[plane];
        double[] b = new double[plane];
        int m = axes.length - 1;
        for (int z = 0; z < ps[2]; z++) {
            source.slice(z, a);
            for (int k = 0; k < m; k++) {
                double[] f = filters[(head >> (m - 1 - k)) & 1];
                passInSlice(a, b, axes[k], f);
                double[] t = a;
                a = b;
                b = t;
            }
            System.arraycopy(a, 0, out, z * plane, plane);
        }
        return out;
    }

    /** out[i] = Σj f[j] · x[(i + F/2 − j) mod N] along x or y of one padded slice, the sum taken in order of j. */
    private void passInSlice(double[] in, double[] out, int axis, double[] f) {
        int nx = ps[0];
        if (axis == 0) {
            for (int y = 0; y < ps[1]; y++) {
                row(in, y * nx, out, y * nx, nx, f);
            }
            return;
        }
        lines(in, out, 0, nx, ps[1], nx, f);
    }

    /** The last axis's pass, cropped to the unpadded size and stored as float (the band pyradiomics uses). */
    private float[] lastPassCropped(double[] pre, double[] f) {
        int axis = axes[axes.length - 1];
        float[] out = new float[size[0] * size[1] * size[2]];
        int nx = ps[0];
        int plane = nx * ps[1];
        if (axis == 0) {
            double[] r = new double[nx];
            for (int z = 0; z < size[2]; z++) {
                for (int y = 0; y < size[1]; y++) {
                    row(pre, nx * y + plane * z, r, 0, nx, f);
                    store(r, out, size[0] * (y + size[1] * z), size[0]);
                }
            }
            return out;
        }
        int stride = axis == 1 ? nx : plane;
        int len = ps[axis];
        for (int z = 0; z < size[2]; z++) {
            for (int y = 0; y < size[1]; y++) {
                int i = axis == 1 ? y : z;
                int x0 = xLo[y];
                int w = xHi[y] - x0;
                if (w <= 0) {
                    continue;
                }
                int base = (axis == 1 ? plane * z : nx * y) + x0;
                taps(pre, base, stride, i, len, w, f);
                store(acc, out, size[0] * (y + size[1] * z) + x0, w);
            }
        }
        return out;
    }

    private static void store(double[] acc, float[] out, int at, int w) {
        for (int x = 0; x < w; x++) {
            out[at + x] = (float) acc[x];
        }
    }

    /** The last axis's pass on the whole padded grid, in double (an approximation that feeds the next level). */
    private double[] lastPassPadded(double[] pre, double[] f) {
        int axis = axes[axes.length - 1];
        double[] out = new double[pre.length];
        int nx = ps[0];
        int plane = nx * ps[1];
        if (axis == 0) {
            for (int r = 0; r < ps[1] * ps[2]; r++) {
                row(pre, r * nx, out, r * nx, nx, f);
            }
            return out;
        }
        if (axis == 1) {
            for (int z = 0; z < ps[2]; z++) {
                lines(pre, out, z * plane, nx, ps[1], nx, f);
            }
            return out;
        }
        for (int y = 0; y < ps[1]; y++) {
            lines(pre, out, y * nx, plane, ps[2], nx, f);
        }
        return out;
    }

    /**
     * One row along x: ext[t] = x[(t − (F − 1 − F/2)) mod N], so x[(i + F/2 − j) mod N] = ext[i + F − 1 − j]; the sum
     * of each output over the taps j in ascending order, as the other passes.
     */
    private void row(double[] in, int from, double[] out, int to, int len, double[] f) {
        int taps = f.length;
        int shift = taps - 1 - taps / 2;
        for (int t = 0; t < len + taps - 1; t++) {
            ext[t] = in[from + Math.floorMod(t - shift, len)];
        }
        double[] acc = this.acc;
        java.util.Arrays.fill(acc, 0, len, 0);
        int j = 0;
        for (; j + 1 < taps; j += 2) {
            System.arraycopy(ext, taps - 1 - j, line, 0, len);
            System.arraycopy(ext, taps - 2 - j, line2, 0, len);
            madd2(acc, f[j], line, f[j + 1], line2, len);
        }
        if (j < taps) {
            System.arraycopy(ext, taps - 1 - j, line, 0, len);
            madd(acc, f[j], line, len);
        }
        System.arraycopy(acc, 0, out, to, len);
    }

    /** Lines along a strided axis, a whole x-row of width w at a time (memory read contiguously). */
    private void lines(double[] in, double[] out, int base, int stride, int len, int w, double[] f) {
        for (int i = 0; i < len; i++) {
            taps(in, base, stride, i, len, w, f);
            System.arraycopy(acc, 0, out, base + i * stride, w);
        }
    }

    /**
     * {@link #acc}[x] = Σj f[j] · in[base + ((i + F/2 − j) mod len) · stride + x] for x &lt; w: output i of the lines
     * along a strided axis, a whole x-row at a time, the sum taken in order of j.
     */
    private void taps(double[] in, int base, int stride, int i, int len, int w, double[] f) {
        int half = f.length / 2;
        java.util.Arrays.fill(acc, 0, w, 0);
        int j = 0;
        for (; j + 1 < f.length; j += 2) {
            System.arraycopy(in, base + Math.floorMod(i + half - j, len) * stride, line, 0, w);
            System.arraycopy(in, base + Math.floorMod(i + half - j - 1, len) * stride, line2, 0, w);
            madd2(acc, f[j], line, f[j + 1], line2, w);
        }
        if (j < f.length) {
            System.arraycopy(in, base + Math.floorMod(i + half - j, len) * stride, line, 0, w);
            madd(acc, f[j], line, w);
        }
    }

    /**
     * acc += k · x element by element. The passes copy the row a tap reads into {@link #line} first and add it here:
     * a loop over arrays at index 0 is one the JIT vectorises (a row read in place, at an offset, was not), and each
     * sum is still taken tap by tap in the same order (a quarter to a third less time for the eight coif1 bands).
     */
    private static void madd(double[] acc, double k, double[] x, int n) {
        for (int i = 0; i < n; i++) {
            acc[i] += k * x[i];
        }
    }

    /** acc = (acc + k · x) + l · y element by element: two taps per pass over acc, added in the same order. */
    private static void madd2(double[] acc, double k, double[] x, double l, double[] y, int n) {
        for (int i = 0; i < n; i++) {
            acc[i] = (acc[i] + k * x[i]) + l * y[i];
        }
    }
}
