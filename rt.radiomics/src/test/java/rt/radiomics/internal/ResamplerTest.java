package rt.radiomics.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The cubic B-spline resampling (evaluated one axis at a time) against the textbook triple sum
 * Σ_{i,j,k} c[mirror(i), mirror(j), mirror(k)] · β³(x − i) · β³(y − j) · β³(z − k) written out here, with the
 * coefficients c of the whole image. Random volumes, non-integer starts and steps (the CT case 0.98 → 1 mm in plane
 * and 2.5 → 1 mm across slices), grids that run past both faces of the image (samples near the borders use mirrored
 * coefficients; samples beyond half a voxel outside are 0), a grid far from the image's start (the resampler then
 * prefilters only a block around the grid, with a margin) and a single-slice image.
 */
@ExtendWith(rt.testsupport.SurefireStyleSummary.class)
class ResamplerTest {

    @Test
    void separable_bspline_equals_the_direct_triple_sum() {
        double[] step = {1 / 0.98, 1 / 0.98, 0.4};
        // grid from 1.2 voxels before the first face to past the last face on every axis
        check(new int[] {17, 13, 11}, new double[] {-1.2, -0.95, -1.3}, step, new int[] {20, 16, 34}, 1);
        // grid well inside a long x axis: only a block with a margin is prefiltered
        check(new int[] {90, 12, 10}, new double[] {50.3, 0.45, 0.2}, step, new int[] {25, 11, 24}, 2);
        // downsampling along x, upsampling along y
        check(new int[] {15, 9, 8}, new double[] {0.1, -0.3, 0.7}, new double[] {1.7, 0.55, 1 / 0.98},
                new int[] {10, 18, 8}, 3);
        // one slice (2D image): no prefilter and no neighbours along z
        check(new int[] {14, 12, 1}, new double[] {-0.4, 0.25, 0}, new double[] {1 / 0.98, 0.4, 1},
                new int[] {16, 30, 1}, 4);
    }

    /**
     * Nearest neighbour (how masks are resampled) against the voxel-by-voxel rule: the input voxel whose centre is
     * nearest (halves rounded up), 0 beyond half a voxel outside the input; grids that start before, inside and past
     * the input, steps up and down.
     */
    @Test
    void nearest_neighbour_equals_the_voxel_by_voxel_rule() {
        Random rnd = new Random(11);
        for (int trial = 0; trial < 200; trial++) {
            int[] size = {1 + rnd.nextInt(12), 1 + rnd.nextInt(10), 1 + rnd.nextInt(8)};
            float[] in = new float[size[0] * size[1] * size[2]];
            for (int i = 0; i < in.length; i++) {
                in[i] = 1 + rnd.nextInt(1000);
            }
            double[] start = new double[3];
            double[] step = new double[3];
            int[] outSize = new int[3];
            for (int d = 0; d < 3; d++) {
                start[d] = rnd.nextInt(4) == 0 ? rnd.nextInt(size[d]) - 0.5 : (rnd.nextDouble() - 0.3) * size[d];
                step[d] = rnd.nextInt(4) == 0 ? 1 : 0.2 + 2 * rnd.nextDouble();
                outSize[d] = 1 + rnd.nextInt(15);
            }
            float[] out = Resampler.resample(in, size, start, step, outSize, Resampler.Interpolator.NEAREST);
            for (int k = 0; k < outSize[2]; k++) {
                for (int j = 0; j < outSize[1]; j++) {
                    for (int i = 0; i < outSize[0]; i++) {
                        int x = nearest(start[0] + i * step[0], size[0]);
                        int y = nearest(start[1] + j * step[1], size[1]);
                        int z = nearest(start[2] + k * step[2], size[2]);
                        float want = x < 0 || y < 0 || z < 0 ? 0 : in[x + size[0] * (y + size[1] * z)];
                        assertEquals(want, out[i + outSize[0] * (j + outSize[1] * k)], "trial " + trial + " at ("
                                + i + ", " + j + ", " + k + ")");
                    }
                }
            }
        }
    }

    /** The input index nearest to continuous index c (halves up), or −1 beyond half a voxel outside [0, n). */
    private static int nearest(double c, int n) {
        if (c < -0.5 || c >= n - 0.5) {
            return -1;
        }
        return Math.min(n - 1, Math.max(0, (int) Math.floor(c + 0.5)));
    }

    /** Lines filtered side by side give each line's own prefilter exactly, short lines and long (past the horizon). */
    @Test
    void prefilter_of_lines_side_by_side_equals_one_line_at_a_time() {
        Random rnd = new Random(7);
        for (int n : new int[] {2, 3, 5, 17, 18, 19, 40}) {
            int w = 1 + rnd.nextInt(9);
            int stride = w + rnd.nextInt(4);
            int base = rnd.nextInt(5);
            double[] wide = new double[base + n * stride];
            for (int i = 0; i < wide.length; i++) {
                wide[i] = rnd.nextGaussian() * 1000;
            }
            double[] before = wide.clone();
            Resampler.prefilterWide(wide, base, n, stride, w, new double[w]);
            for (int x = 0; x < w; x++) {
                double[] line = new double[n];
                double[] got = new double[n];
                for (int k = 0; k < n; k++) {
                    line[k] = before[base + k * stride + x];
                    got[k] = wide[base + k * stride + x];
                }
                Resampler.prefilter(line, n);
                assertArrayEquals(line, got, 0, "n " + n + " line " + x);
            }
            for (int k = 0; k < n; k++) {
                for (int x = w; x < stride; x++) {
                    assertEquals(before[base + k * stride + x], wide[base + k * stride + x], 0, "gap left alone");
                }
            }
        }
    }

    @Test
    void bspline_at_the_voxel_centres_returns_the_image() {
        int[] size = {12, 10, 9};
        float[] in = random(size, 5);
        float[] out = Resampler.resample(in, size, new double[3], new double[] {1, 1, 1}, size,
                Resampler.Interpolator.BSPLINE);
        for (int i = 0; i < in.length; i++) {
            assertEquals(in[i], out[i], 1e-6 * 3000, "voxel " + i);
        }
    }

    private static void check(int[] size, double[] start, double[] step, int[] outSize, long seed) {
        float[] in = random(size, seed);
        float[] ours = Resampler.resample(in, size, start, step, outSize, Resampler.Interpolator.BSPLINE);
        double[] c = coefficients(in, size);
        double maxIn = 0;
        for (float v : in) {
            maxIn = Math.max(maxIn, Math.abs(v));
        }
        int outside = 0;
        int nearBorder = 0;
        double worst = 0;
        for (int k = 0; k < outSize[2]; k++) {
            double z = start[2] + k * step[2];
            for (int j = 0; j < outSize[1]; j++) {
                double y = start[1] + j * step[1];
                for (int i = 0; i < outSize[0]; i++) {
                    double x = start[0] + i * step[0];
                    float got = ours[i + outSize[0] * (j + outSize[1] * k)];
                    if (!inImage(x, size[0]) || !inImage(y, size[1]) || !inImage(z, size[2])) {
                        assertEquals(0f, got, "outside sample at " + x + ", " + y + ", " + z);
                        outside++;
                        continue;
                    }
                    if (x < 1.5 || y < 1.5 || x > size[0] - 2.5 || y > size[1] - 2.5) {
                        nearBorder++;
                    }
                    double want = direct(c, size, x, y, z);
                    double diff = Math.abs(got - want);
                    assertTrue(diff <= 1e-6 * Math.abs(want) + 1e-9 * maxIn,
                            "sample at " + x + ", " + y + ", " + z + ": " + got + " vs " + want);
                    worst = Math.max(worst, diff / Math.max(Math.abs(want), 1e-3 * maxIn));
                }
            }
        }
        System.out.printf("B-spline %s -> %s: %d outside, %d near a face, max relative difference %.2e%n",
                java.util.Arrays.toString(size), java.util.Arrays.toString(outSize), outside, nearBorder, worst);
        assertTrue(nearBorder > 0, "the grid must sample near the faces");
        assertTrue(outside > 0 || seed == 2, "the grid must sample outside the image");
    }

    private static boolean inImage(double x, int n) {
        return x >= -0.5 && x < n - 0.5;
    }

    /** The interpolant at (x, y, z): every coefficient within two voxels, weighted by the cubic B-spline. */
    private static double direct(double[] c, int[] size, double x, double y, double z) {
        double sum = 0;
        for (int k = (int) Math.floor(z) - 1; k <= (int) Math.floor(z) + 2; k++) {
            for (int j = (int) Math.floor(y) - 1; j <= (int) Math.floor(y) + 2; j++) {
                for (int i = (int) Math.floor(x) - 1; i <= (int) Math.floor(x) + 2; i++) {
                    int mi = reflect(i, size[0]);
                    int mj = reflect(j, size[1]);
                    int mk = reflect(k, size[2]);
                    sum += c[mi + size[0] * (mj + size[1] * mk)] * beta3(x - i) * beta3(y - j) * beta3(z - k);
                }
            }
        }
        return sum;
    }

    private static double beta3(double d) {
        double a = Math.abs(d);
        if (a < 1) {
            return 2.0 / 3.0 - a * a + a * a * a / 2;
        }
        if (a < 2) {
            return (2 - a) * (2 - a) * (2 - a) / 6;
        }
        return 0;
    }

    /** Whole-sample mirror about the first and last voxel: …, 2, 1, 0, 1, 2, …, n−2, n−1, n−2, … */
    private static int reflect(int i, int n) {
        if (n == 1) {
            return 0;
        }
        while (i < 0 || i >= n) {
            i = i < 0 ? -i : 2 * (n - 1) - i;
        }
        return i;
    }

    /** B-spline coefficients of the whole image: the interpolation prefilter along x, y and z. */
    private static double[] coefficients(float[] in, int[] size) {
        double[] c = new double[in.length];
        for (int i = 0; i < in.length; i++) {
            c[i] = in[i];
        }
        int[] strides = {1, size[0], size[0] * size[1]};
        for (int d = 0; d < 3; d++) {
            int n = size[d];
            if (n == 1) {
                continue;
            }
            double[] line = new double[n];
            for (int base = 0; base < in.length; base++) {
                if ((base / strides[d]) % n != 0) {
                    continue;
                }
                for (int t = 0; t < n; t++) {
                    line[t] = c[base + t * strides[d]];
                }
                Resampler.prefilter(line, n);
                for (int t = 0; t < n; t++) {
                    c[base + t * strides[d]] = line[t];
                }
            }
        }
        return c;
    }

    private static float[] random(int[] size, long seed) {
        Random rnd = new Random(seed);
        float[] v = new float[size[0] * size[1] * size[2]];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (-1000 + 3000 * rnd.nextDouble());
        }
        return v;
    }
}
