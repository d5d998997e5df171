package rt.radiomics.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The derived images of pyradiomics' image types, on a whole working image (x fastest). Each method returns a new
 * array and leaves the input unmodified.
 */
public final class ImageFilters {

    private ImageFilters() {
    }

    // ---------------------------------------------------------------- LoG

    /**
     * Scale-normalised Laplacian of Gaussian (σ in mm, result × σ²), as SimpleITK's LaplacianRecursiveGaussian with
     * NormalizeAcrossScale: the sum over axes of the second derivative along that axis of the Gaussian-smoothed
     * image. Separable sampled kernels, zero-flux boundaries.
     */
    public static float[] laplacianOfGaussian(float[] in, int[] size, double[] spacing, double sigma) {
        int n = in.length;
        double[] acc = new double[n];
        double[][] smooth = new double[3][];
        double[][] second = new double[3][];
        for (int d = 0; d < 3; d++) {
            smooth[d] = gaussianKernel(sigma / spacing[d], false);
            second[d] = gaussianKernel(sigma / spacing[d], true);
            for (int k = 0; k < second[d].length; k++) {
                second[d][k] /= spacing[d] * spacing[d];
            }
        }
        double[] buf = new double[n];
        double[] tmp = new double[n];
        for (int axis = 0; axis < 3; axis++) {
            if (size[axis] == 1) {
                continue;
            }
            for (int k = 0; k < n; k++) {
                buf[k] = in[k];
            }
            for (int d = 0; d < 3; d++) {
                if (size[d] == 1) {
                    continue;
                }
                convolve(buf, tmp, size, d, d == axis ? second[d] : smooth[d]);
                double[] t = buf;
                buf = tmp;
                tmp = t;
            }
            for (int k = 0; k < n; k++) {
                acc[k] += buf[k];
            }
        }
        float[] out = new float[n];
        double norm = sigma * sigma;
        for (int k = 0; k < n; k++) {
            out[k] = (float) (acc[k] * norm);
        }
        return out;
    }

    /** Sampled Gaussian (sum 1) or its second derivative (sum 0, second moment 2), σ in voxels, radius ⌈4σ⌉. */
    static double[] gaussianKernel(double s, boolean secondDerivative) {
        int r = Math.max(1, (int) Math.ceil(4 * s));
        double[] k = new double[2 * r + 1];
        double sum = 0;
        for (int i = -r; i <= r; i++) {
            double g = Math.exp(-0.5 * i * i / (s * s));
            k[i + r] = g;
            sum += g;
        }
        for (int i = 0; i < k.length; i++) {
            k[i] /= sum;
        }
        if (!secondDerivative) {
            return k;
        }
        double[] d2 = new double[k.length];
        double mean = 0;
        for (int i = -r; i <= r; i++) {
            d2[i + r] = (i * (double) i / (s * s * s * s) - 1 / (s * s)) * k[i + r];
            mean += d2[i + r];
        }
        mean /= d2.length;
        double m2 = 0;
        for (int i = -r; i <= r; i++) {
            d2[i + r] -= mean;
            m2 += d2[i + r] * i * i;
        }
        for (int i = 0; i < d2.length; i++) {
            d2[i] *= 2 / m2;
        }
        return d2;
    }

    private static void convolve(double[] in, double[] out, int[] size, int axis, double[] kernel) {
        int r = kernel.length / 2;
        int stride = axis == 0 ? 1 : axis == 1 ? size[0] : size[0] * size[1];
        int len = size[axis];
        int o1 = axis == 0 ? 1 : 0;
        int o2 = axis == 2 ? 1 : 2;
        int s1 = o1 == 0 ? 1 : size[0];
        int s2 = o2 == 1 ? size[0] : size[0] * size[1];
        double[] line = new double[len + 2 * r];
        for (int a = 0; a < size[o1]; a++) {
            for (int b = 0; b < size[o2]; b++) {
                int base = a * s1 + b * s2;
                for (int i = 0; i < len + 2 * r; i++) {
                    int src = Math.min(len - 1, Math.max(0, i - r));
                    line[i] = in[base + src * stride];
                }
                for (int i = 0; i < len; i++) {
                    double v = 0;
                    for (int k = 0; k < kernel.length; k++) {
                        v += kernel[k] * line[i + 2 * r - k];
                    }
                    out[base + i * stride] = v;
                }
            }
        }
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
        double[][] f = waveletFilters(waveletName);
        int[] ps = new int[3];
        for (int d = 0; d < 3; d++) {
            ps[d] = size[d] % 2 != 0 ? size[d] + 1 : size[d];
        }
        double[] data = new double[ps[0] * ps[1] * ps[2]];
        for (int z = 0; z < ps[2]; z++) {
            for (int y = 0; y < ps[1]; y++) {
                for (int x = 0; x < ps[0]; x++) {
                    data[x + ps[0] * (y + ps[1] * z)] =
                            in[(x % size[0]) + size[0] * ((y % size[1]) + size[1] * (z % size[2]))];
                }
            }
        }
        for (int l = 0; l < startLevel; l++) {
            data = swtBand(data, ps, f, axes, 0);
        }
        Map<String, float[]> out = new LinkedHashMap<>();
        int bands = 1 << axes.length;
        for (int l = startLevel; l < startLevel + level; l++) {
            int idx = l - startLevel + 1;
            String prefix = idx == 1 ? "wavelet-" : "wavelet" + idx + "-";
            for (int band = 1; band < bands; band++) {
                out.put(prefix + bandName(band, axes.length), crop(swtBand(data, ps, f, axes, band), ps, size));
            }
            data = swtBand(data, ps, f, axes, 0);
        }
        String approx = (level == 1 ? "wavelet-" : "wavelet" + level + "-") + "L".repeat(axes.length);
        out.put(approx, crop(data, ps, size));
        return out;
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

    /** out[i] = Σj f[j] · x[(i + F/2 − j) mod N] along one axis (PyWavelets' level-1 SWT alignment). */
    static double[] swtAxis(double[] in, int[] size, int axis, double[] filter) {
        double[] out = new double[in.length];
        int stride = axis == 0 ? 1 : axis == 1 ? size[0] : size[0] * size[1];
        int len = size[axis];
        int o1 = axis == 0 ? 1 : 0;
        int o2 = axis == 2 ? 1 : 2;
        int s1 = o1 == 0 ? 1 : size[0];
        int s2 = o2 == 1 ? size[0] : size[0] * size[1];
        int half = filter.length / 2;
        double[] line = new double[len];
        for (int a = 0; a < size[o1]; a++) {
            for (int b = 0; b < size[o2]; b++) {
                int base = a * s1 + b * s2;
                for (int i = 0; i < len; i++) {
                    line[i] = in[base + i * stride];
                }
                for (int i = 0; i < len; i++) {
                    double v = 0;
                    for (int j = 0; j < filter.length; j++) {
                        int idx = Math.floorMod(i + half - j, len);
                        v += filter[j] * line[idx];
                    }
                    out[base + i * stride] = v;
                }
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

    /** Gradient magnitude with central differences in mm (zero-flux boundaries), as SimpleITK's filter. */
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
                        double g = (in[hi[0] + nx * (hi[1] + ny * hi[2])] - in[lo[0] + nx * (lo[1] + ny * lo[2])])
                                / 2.0;
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
