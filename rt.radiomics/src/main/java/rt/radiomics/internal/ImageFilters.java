package rt.radiomics.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiConsumer;

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
        return laplacianOfGaussian(in, size, spacing, sigma, null);
    }

    /**
     * As above where only some (x, y) columns of the result are read: {@code columns[x + nx · y]} (null: all). The
     * voxels of those columns get exactly the values of the whole LoG; the others are left undefined. Each 1-D pass
     * filters only the lines that a later pass, or the result, reads: the z passes the wanted columns, the in-plane
     * passes before them the rows or columns that span those (a ROI fills only part of its box, which has a margin
     * of {@code padDistance} around it and, for a round ROI, empty corners).
     */
    public static float[] laplacianOfGaussian(float[] in, int[] size, double[] spacing, double sigma,
            boolean[] columns) {
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
        int nx = size[0];
        int ny = size[1];
        int[][] ranges = columnRanges(columns, nx, ny);
        int[] xLo = ranges[0];
        int[] xHi = ranges[1];
        int[] hull = ranges[2];
        double[][] work = RecursiveGaussian.work(size);
        int plane = nx * ny;
        int[] sliceSize = {nx, ny, 1};
        int[] xFrom = {hull[0]};
        int[] xTo = {hull[1]};
        int[] yFrom = {hull[2]};
        int[] yTo = {hull[3]};
        float[] sx = new float[plane];
        float[] dy = new float[plane];
        float[] dx = new float[plane];
        float[] inPlane = new float[in.length];
        float[] zTerm = new float[in.length];
        int rows = Math.max(0, hull[3] - hull[2]) * nx;
        for (int z = 0; z < size[2]; z++) {
            int off = z * plane;
            // Sx and Sy feed passes across them: every line; the passes after them only the hull's
            System.arraycopy(in, off, sx, 0, plane);
            smooth[0].filterAxis(sx, sliceSize, 0, work);
            System.arraycopy(sx, 0, dy, 0, plane);
            second[1].filterAxis(dy, sliceSize, 1, work, xFrom, xTo);
            smooth[1].filterAxis(sx, sliceSize, 1, work, xFrom, xTo);
            System.arraycopy(sx, 0, zTerm, off, plane);
            System.arraycopy(in, off, dx, 0, plane);
            smooth[1].filterAxis(dx, sliceSize, 1, work);
            second[0].filterAxis(dx, sliceSize, 0, work, yFrom, yTo);
            weightedSum(dx, hull[2] * nx, w[0], dy, hull[2] * nx, w[1], inPlane, off + hull[2] * nx, rows, work);
        }
        smooth[2].filterAxis(inPlane, size, 2, work, xLo, xHi);
        second[2].filterAxis(zTerm, size, 2, work, xLo, xHi);
        // inPlane · 1 is inPlane exactly: the same sum as inPlane + zTerm · w
        if (columns == null) {
            weightedSum(inPlane, 0, 1, zTerm, 0, w[2], inPlane, 0, in.length, work);
            return inPlane;
        }
        for (int z = 0; z < size[2]; z++) {
            for (int y = hull[2]; y < hull[3]; y++) {
                int at = z * plane + y * nx + xLo[y];
                weightedSum(inPlane, at, 1, zTerm, at, w[2], inPlane, at, xHi[y] - xLo[y], work);
            }
        }
        return inPlane;
    }

    /**
     * Per row y of an nx × ny plane the x range [lo[y], hi[y]) that holds its wanted columns ({@code columns[x + nx ·
     * y]}; all when null), empty (lo = hi) for a row with none, and the ranges' hull {x from, x to, y from, y to}
     * (ends exclusive): {lo, hi, hull}.
     */
    static int[][] columnRanges(boolean[] columns, int nx, int ny) {
        int[] lo = new int[ny];
        int[] hi = new int[ny];
        int[] hull = {nx, 0, ny, 0};
        for (int y = 0; y < ny; y++) {
            int a = 0;
            int b = nx;
            if (columns != null) {
                while (a < nx && !columns[a + nx * y]) {
                    a++;
                }
                while (b > a && !columns[b - 1 + nx * y]) {
                    b--;
                }
            }
            lo[y] = a;
            hi[y] = b;
            if (a < b) {
                hull[0] = Math.min(hull[0], a);
                hull[1] = Math.max(hull[1], b);
                hull[2] = Math.min(hull[2], y);
                hull[3] = y + 1;
            }
        }
        return new int[][] {lo, hi, hull};
    }

    /**
     * o[oFrom + k] = (float) (a[aFrom + k] · wa + b[bFrom + k] · wb) for k &lt; n, in double as written, through two
     * double buffers of {@code work} a chunk at a time: as one loop mixing float and double this ran about 4 times
     * slower than as four plain loops (float to double, the sum, double to float) that the JIT vectorises (JDK 17);
     * the arithmetic is the same. o may be a itself (each element is read before it is written).
     */
    private static void weightedSum(float[] a, int aFrom, double wa, float[] b, int bFrom, double wb, float[] o,
            int oFrom, int n, double[][] work) {
        double[] da = work[0];
        double[] db = work[1];
        int chunk = Math.min(da.length, db.length);
        for (int s = 0; s < n; s += chunk) {
            int m = Math.min(chunk, n - s);
            int ao = aFrom + s;
            int bo = bFrom + s;
            int oo = oFrom + s;
            for (int k = 0; k < m; k++) {
                da[k] = a[ao + k];
            }
            for (int k = 0; k < m; k++) {
                db[k] = b[bo + k];
            }
            for (int k = 0; k < m; k++) {
                da[k] = da[k] * wa + db[k] * wb;
            }
            for (int k = 0; k < m; k++) {
                o[oo + k] = (float) da[k];
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
        Map<String, float[]> out = new LinkedHashMap<>();
        Map<String, float[]> approximation = new LinkedHashMap<>();
        wavelet(in, size, waveletName, level, startLevel, axes,
                (name, band) -> (isWaveletApproximation(name) ? approximation : out).put(name, band));
        out.putAll(approximation);
        return out;
    }

    /**
     * The same bands, each handed to {@code sink} as soon as it is made: the approximation first (it is made first),
     * then the others in the order of the map above. A caller that uses a band and drops it keeps two bands alive
     * instead of all (eight full-size images for a 3D level), which is what lets a ROI with a large bounding box (bones
     * span the body) run in a bounded heap; {@link #isWaveletApproximation} tells which name pyradiomics lists last.
     */
    public static void wavelet(float[] in, int[] size, String waveletName, int level, int startLevel, int[] axes,
            BiConsumer<String, float[]> sink) {
        wavelet(in, size, waveletName, level, startLevel, axes, null, sink);
    }

    /**
     * As above where only some (x, y) columns of the bands are read ({@code columns[x + nx · y]}, null: all): the
     * bands hold exactly the whole transform's values there, and 0 elsewhere when the last axis is y or z.
     */
    public static void wavelet(float[] in, int[] size, String waveletName, int level, int startLevel, int[] axes,
            boolean[] columns, BiConsumer<String, float[]> sink) {
        StationaryWavelet.transform(in, size, waveletName, level, startLevel, axes, columns, sink);
    }

    /** Whether a wavelet image name is the approximation (all low passes, e.g. {@code wavelet-LLL}). */
    public static boolean isWaveletApproximation(String name) {
        return name.matches("wavelet\\d*-L+");
    }

    /** Band b: bit (n-1-k) set = high-pass along axes[k] (so the first axis varies slowest, as pywt's keys). */
    static String bandName(int band, int n) {
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < n; k++) {
            sb.append(((band >> (n - 1 - k)) & 1) == 1 ? 'H' : 'L');
        }
        return sb.toString();
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
