package rt.radiomics.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * The derived images of pyradiomics' image types, on a whole working image (x fastest). Each method returns a new
 * array and leaves the input unmodified.
 */
public final class ImageFilters {

    private ImageFilters() {
    }

    // ---------------------------------------------------------------- LoG

    /**
     * Scale-normalised Laplacian of Gaussian (σ in mm), as SimpleITK's LaplacianRecursiveGaussianImageFilter with
     * NormalizeAcrossScale on: for each axis d, the recursive second-derivative Gaussian along d (× σ²) with recursive
     * smoothing along the other axes, divided by spacing[d]² and summed. Every axis needs at least 4 voxels.
     *
     * <p>ITK runs 3 passes per term (9 in all). The 1-D operators along different axes commute and are linear, so the
     * same sum is formed here in 7: L = Sz(w0·D2x(Sy f) + w1·D2y(Sx f)) + w2·D2z(Sy(Sx f)), with Sx f shared. The x
     * and y passes stay within a slice, so they run slice by slice on slice-sized scratch; the two z passes run on
     * the two full-size images (the in-plane sum and Sy Sx f), as many as ITK keeps. Every pass stores float, as
     * ITK's float intermediates; only the order of the float roundings differs from ITK's.
     */
    public static float[] laplacianOfGaussian(float[] in, int[] size, double[] spacing, double sigma) {
        for (int d = 0; d < 3; d++) {
            if (size[d] < 4) {
                throw new IllegalArgumentException("LoG needs at least 4 voxels along axis " + d + ", got " + size[d]);
            }
        }
        RecursiveGaussian[] smooth = new RecursiveGaussian[3];
        RecursiveGaussian[] second = new RecursiveGaussian[3];
        double[] w = new double[3];
        for (int d = 0; d < 3; d++) {
            smooth[d] = new RecursiveGaussian(sigma, spacing[d], 0, true);
            second[d] = new RecursiveGaussian(sigma, spacing[d], 2, true);
            w[d] = 1 / (spacing[d] * spacing[d]);
        }
        double[][] work = RecursiveGaussian.work(size);
        int plane = size[0] * size[1];
        int[] sliceSize = {size[0], size[1], 1};
        float[] sx = new float[plane];
        float[] dy = new float[plane];
        float[] dx = new float[plane];
        float[] inPlane = new float[in.length];
        float[] zTerm = new float[in.length];
        for (int z = 0; z < size[2]; z++) {
            int off = z * plane;
            System.arraycopy(in, off, sx, 0, plane);
            smooth[0].filterAxis(sx, sliceSize, 0, work);
            System.arraycopy(sx, 0, dy, 0, plane);
            second[1].filterAxis(dy, sliceSize, 1, work);
            smooth[1].filterAxis(sx, sliceSize, 1, work);
            System.arraycopy(sx, 0, zTerm, off, plane);
            System.arraycopy(in, off, dx, 0, plane);
            smooth[1].filterAxis(dx, sliceSize, 1, work);
            second[0].filterAxis(dx, sliceSize, 0, work);
            for (int k = 0; k < plane; k++) {
                inPlane[off + k] = (float) (dx[k] * w[0] + dy[k] * w[1]);
            }
        }
        smooth[2].filterAxis(inPlane, size, 2, work);
        second[2].filterAxis(zTerm, size, 2, work);
        for (int k = 0; k < in.length; k++) {
            inPlane[k] = (float) (inPlane[k] + zTerm[k] * w[2]);
        }
        return inPlane;
    }

    // ---------------------------------------------------------------- wavelet

    /** Decomposition filters {dec_lo, dec_hi} of a PyWavelets wavelet name. */
    public static double[][] waveletFilters(String name) {
        try (InputStream in = ImageFilters.class.getResourceAsStream("/rt/radiomics/wavelets.txt");
                BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.startsWith("#")) {
                    continue;
                }
                String lo = r.readLine();
                String hi = r.readLine();
                if (line.trim().equals(name)) {
                    return new double[][] {parse(lo), parse(hi)};
                }
            }
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("wavelet table unreadable", e);
        }
        throw new IllegalArgumentException("unknown wavelet '" + name + "'");
    }

    private static double[] parse(String s) {
        String[] p = s.trim().split("\\s+");
        double[] v = new double[p.length];
        for (int i = 0; i < p.length; i++) {
            v[i] = Double.parseDouble(p[i]);
        }
        return v;
    }

    /**
     * pyradiomics' Wavelet image type: odd dimensions padded by one (wrap), then per level an undecimated (stationary)
     * one-level transform along x, y, z with periodic extension, the approximation feeding the next level.
     *
     * @param axes the axes (0 = x, 1 = y, 2 = z) transformed, in name order
     * @return name → image, e.g. {@code wavelet-LLH} … {@code wavelet-HHH} then {@code wavelet-LLL}
     */
    public static Map<String, float[]> wavelet(float[] in, int[] size, String waveletName, int level, int startLevel,
            int[] axes) {
        Map<String, float[]> out = new LinkedHashMap<>();
        wavelet(in, size, waveletName, level, startLevel, axes, out::put);
        return out;
    }

    /**
     * The same bands, each handed to {@code sink} as soon as it is made, in the order of the map above: a caller that
     * uses a band and drops it keeps one band alive instead of all (eight full-size images for a 3D level), which is
     * what lets a ROI with a large bounding box (bones span the body) run in a bounded heap.
     */
    public static void wavelet(float[] in, int[] size, String waveletName, int level, int startLevel, int[] axes,
            BiConsumer<String, float[]> sink) {
        double[][] f = waveletFilters(waveletName);
        int[] ps = new int[3];
        for (int d = 0; d < 3; d++) {
            ps[d] = size[d] % 2 != 0 ? size[d] + 1 : size[d];
        }
        double[] data = null;
        if (startLevel > 0) {
            data = padded(in, size, ps);
            for (int l = 0; l < startLevel; l++) {
                data = swtBand(data, ps, f, axes, 0);
            }
        }
        float[] approx = null;
        for (int l = startLevel; l < startLevel + level; l++) {
            int idx = l - startLevel + 1;
            String prefix = idx == 1 ? "wavelet-" : "wavelet" + idx + "-";
            boolean last = l == startLevel + level - 1;
            // The level's input feeds the first axis's low and high pass. The padded image is made again for the
            // high pass rather than kept (a copy costs far less than a pass), so one full-size double image fewer is
            // alive while the low half of the tree and its bands' features are computed.
            final double[] previous = data;
            Supplier<double[]> input = previous != null ? () -> previous : () -> padded(in, size, ps);
            data = null;
            // every band in one tree: bands that share their first filters share those passes (same arithmetic)
            Object[] kept = new Object[1];
            BandSink bands = (band, image) -> {
                if (band != 0) {
                    sink.accept(prefix + bandName(band, axes.length), crop(image, ps, size));
                } else {
                    // the approximation comes first but is named last: the last level's is kept as float
                    kept[0] = last ? crop(image, ps, size) : image;
                }
            };
            swtTree(swtAxis(input.get(), ps, axes[0], f[0]), ps, size, f, axes, 1, 0, bands);
            swtTree(swtAxis(input.get(), ps, axes[0], f[1]), ps, size, f, axes, 1, 1, bands);
            if (last) {
                approx = (float[]) kept[0];
            } else {
                data = (double[]) kept[0];
            }
        }
        sink.accept((level == 1 ? "wavelet-" : "wavelet" + level + "-") + "L".repeat(axes.length),
                approx != null ? approx : crop(data != null ? data : padded(in, size, ps), ps, size));
    }

    /** The image as double, odd dimensions padded by one with its first plane (periodic wrap), as pyradiomics does. */
    private static double[] padded(float[] in, int[] size, int[] ps) {
        double[] data = new double[ps[0] * ps[1] * ps[2]];
        for (int z = 0; z < ps[2]; z++) {
            for (int y = 0; y < ps[1]; y++) {
                for (int x = 0; x < ps[0]; x++) {
                    data[x + ps[0] * (y + ps[1] * z)] =
                            in[(x % size[0]) + size[0] * ((y % size[1]) + size[1] * (z % size[2]))];
                }
            }
        }
        return data;
    }

    /** A finished band of {@link #swtTree}: its number and its padded image. */
    private interface BandSink {
        void accept(int band, double[] image);
    }

    /**
     * Depth-first over the axes: low then high pass along axes[k], each leaf handed over at once, so that only the
     * arrays on the current path are alive (one per axis) besides what the sink keeps.
     */
    private static void swtTree(double[] cur, int[] ps, int[] size, double[][] f, int[] axes, int k, int band,
            BandSink out) {
        if (k == axes.length) {
            out.accept(band, cur);
            return;
        }
        swtTree(swtAxis(cur, ps, axes[k], f[0]), ps, size, f, axes, k + 1, band << 1, out);
        swtTree(swtAxis(cur, ps, axes[k], f[1]), ps, size, f, axes, k + 1, (band << 1) | 1, out);
    }

    /** Band b: bit (n-1-k) set = high-pass along axes[k] (so the first axis varies slowest, as pywt's keys). */
    static String bandName(int band, int n) {
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < n; k++) {
            sb.append(((band >> (n - 1 - k)) & 1) == 1 ? 'H' : 'L');
        }
        return sb.toString();
    }

    private static double[] swtBand(double[] data, int[] ps, double[][] f, int[] axes, int band) {
        double[] cur = data;
        for (int k = 0; k < axes.length; k++) {
            boolean high = ((band >> (axes.length - 1 - k)) & 1) == 1;
            cur = swtAxis(cur, ps, axes[k], high ? f[1] : f[0]);
        }
        return cur;
    }

    /**
     * out[i] = Σj f[j] · x[(i + F/2 − j) mod N] along one axis (PyWavelets' level-1 SWT alignment), the sum taken in
     * order of j. Rows along x are filtered from a periodically extended copy; lines along y and z a whole x-row at a
     * time, so that memory is read contiguously.
     */
    static double[] swtAxis(double[] in, int[] size, int axis, double[] filter) {
        double[] out = new double[in.length];
        int nx = size[0];
        int len = size[axis];
        int half = filter.length / 2;
        int taps = filter.length;
        if (axis == 0) {
            // ext[t] = x[(t − (F − 1 − half)) mod N], so x[(i + half − j) mod N] = ext[i + F − 1 − j]
            double[] ext = new double[len + taps - 1];
            int shift = taps - 1 - half;
            int rows = size[1] * size[2];
            for (int r = 0; r < rows; r++) {
                int base = r * nx;
                for (int t = 0; t < ext.length; t++) {
                    ext[t] = in[base + Math.floorMod(t - shift, len)];
                }
                for (int i = 0; i < len; i++) {
                    double v = 0;
                    for (int j = 0; j < taps; j++) {
                        v += filter[j] * ext[i + taps - 1 - j];
                    }
                    out[base + i] = v;
                }
            }
            return out;
        }
        int stride = axis == 1 ? nx : nx * size[1];
        int outer = axis == 1 ? size[2] : size[1];
        int outerStride = axis == 1 ? nx * size[1] : nx;
        int[] src = new int[taps];
        double[] acc = new double[nx];
        for (int o = 0; o < outer; o++) {
            int base = o * outerStride;
            for (int i = 0; i < len; i++) {
                for (int j = 0; j < taps; j++) {
                    src[j] = base + Math.floorMod(i + half - j, len) * stride;
                }
                java.util.Arrays.fill(acc, 0);
                for (int j = 0; j < taps; j++) {
                    double fj = filter[j];
                    int from = src[j];
                    for (int x = 0; x < nx; x++) {
                        acc[x] += fj * in[from + x];
                    }
                }
                System.arraycopy(acc, 0, out, base + i * stride, nx);
            }
        }
        return out;
    }

    private static float[] crop(double[] data, int[] ps, int[] size) {
        float[] out = new float[size[0] * size[1] * size[2]];
        for (int z = 0; z < size[2]; z++) {
            for (int y = 0; y < size[1]; y++) {
                for (int x = 0; x < size[0]; x++) {
                    out[x + size[0] * (y + size[1] * z)] = (float) data[x + ps[0] * (y + ps[1] * z)];
                }
            }
        }
        return out;
    }

    // ---------------------------------------------------------------- point filters

    private static double maxAbs(float[] in) {
        double m = 0;
        for (float v : in) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }

    public static float[] square(float[] in) {
        double coeff = 1 / Math.sqrt(maxAbs(in));
        float[] out = new float[in.length];
        for (int i = 0; i < in.length; i++) {
            double v = coeff * in[i];
            out[i] = (float) (v * v);
        }
        return out;
    }

    public static float[] squareRoot(float[] in) {
        double coeff = maxAbs(in);
        float[] out = new float[in.length];
        for (int i = 0; i < in.length; i++) {
            double v = in[i];
            out[i] = (float) (v > 0 ? Math.sqrt(v * coeff) : v < 0 ? -Math.sqrt(-v * coeff) : v);
        }
        return out;
    }

    public static float[] logarithm(float[] in) {
        double max = maxAbs(in);
        double[] t = new double[in.length];
        double tmax = 0;
        for (int i = 0; i < in.length; i++) {
            double v = in[i];
            t[i] = v > 0 ? Math.log(v + 1) : v < 0 ? -Math.log(-(v - 1)) : v;
            tmax = Math.max(tmax, Math.abs(t[i]));
        }
        float[] out = new float[in.length];
        for (int i = 0; i < in.length; i++) {
            out[i] = (float) (t[i] * (max / tmax));
        }
        return out;
    }

    public static float[] exponential(float[] in) {
        double max = maxAbs(in);
        double coeff = Math.log(max) / max;
        float[] out = new float[in.length];
        for (int i = 0; i < in.length; i++) {
            out[i] = (float) Math.exp(coeff * in[i]);
        }
        return out;
    }

    /**
     * Gradient magnitude as SimpleITK's GradientMagnitudeImageFilter: per axis the central difference (f(x+1) − f(x−1)) / 2
     * (ITK's first-order DerivativeOperator), divided by the spacing when useSpacing, zero-flux Neumann boundaries
     * (the edge voxel repeats), in double precision, cast to float.
     */
    public static float[] gradientMagnitude(float[] in, int[] size, double[] spacing, boolean useSpacing) {
        float[] out = new float[in.length];
        int nx = size[0];
        int ny = size[1];
        int nz = size[2];
        for (int z = 0; z < nz; z++) {
            for (int y = 0; y < ny; y++) {
                for (int x = 0; x < nx; x++) {
                    double s = 0;
                    int[] c = {x, y, z};
                    for (int d = 0; d < 3; d++) {
                        int[] lo = c.clone();
                        int[] hi = c.clone();
                        lo[d] = Math.max(0, c[d] - 1);
                        hi[d] = Math.min(size[d] - 1, c[d] + 1);
                        double g = ((double) in[hi[0] + nx * (hi[1] + ny * hi[2])]
                                - in[lo[0] + nx * (lo[1] + ny * lo[2])]) * 0.5;
                        if (useSpacing) {
                            g /= spacing[d];
                        }
                        s += g * g;
                    }
                    out[x + nx * (y + ny * z)] = (float) Math.sqrt(s);
                }
            }
        }
        return out;
    }
}
