package rt.radiomics.internal;

import java.util.Random;

/**
 * Benchmark (not a test): thread CPU milliseconds of the two heaviest whole-image kernels on their own, on a
 * 300×220×350 output grid: the cubic B-spline resampling of a 0.98 × 0.98 × 2.5 mm CT onto 1 mm voxels (the CT
 * parameters' resampledPixelSpacing) and the LoG at σ 1, 3, 5 mm on the 1 mm image. Several repeats so that the JIT
 * has compiled the kernels; the best repeat is printed next to the first.
 *
 * <p>Run: {@code java -cp <classes, test-classes, deps> rt.radiomics.internal.ResampleLogBench [repeats]}.
 */
public final class ResampleLogBench {

    private ResampleLogBench() {
    }

    public static void main(String[] args) {
        int repeats = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        int[] outSize = {300, 220, 350};
        double[] step = {1 / 0.98, 1 / 0.98, 0.4};
        int[] inSize = new int[3];
        for (int d = 0; d < 3; d++) {
            inSize[d] = (int) Math.ceil((outSize[d] - 1) * step[d]) + 2;
        }
        float[] ct = phantom(inSize, 7);
        double[] start = {0.3, 0.45, 0.2};
        double first = 0;
        double best = Double.MAX_VALUE;
        float[] resampled = null;
        for (int r = 0; r < repeats; r++) {
            double c0 = KernelBench.cpu();
            resampled = Resampler.resample(ct, inSize, start, step, outSize, Resampler.Interpolator.BSPLINE);
            double ms = (KernelBench.cpu() - c0) * 1000;
            first = r == 0 ? ms : first;
            best = Math.min(best, ms);
        }
        System.out.printf("bspline %s -> %s: first %.0f ms, best %.0f ms (checksum %.6e)%n",
                java.util.Arrays.toString(inSize), java.util.Arrays.toString(outSize), first, best,
                checksum(resampled));
        double[] spacing = {1, 1, 1};
        for (double sigma : new double[] {1, 3, 5}) {
            first = 0;
            best = Double.MAX_VALUE;
            float[] log = null;
            for (int r = 0; r < repeats; r++) {
                double c0 = KernelBench.cpu();
                log = ImageFilters.laplacianOfGaussian(resampled, outSize, spacing, sigma);
                double ms = (KernelBench.cpu() - c0) * 1000;
                first = r == 0 ? ms : first;
                best = Math.min(best, ms);
            }
            System.out.printf("LoG sigma %.0f on %s: first %.0f ms, best %.0f ms (checksum %.6e)%n", sigma,
                    java.util.Arrays.toString(outSize), first, best, checksum(log));
        }
    }

    /** Smooth structures (a body ellipse with a few blobs) plus noise, in HU-like values. */
    static float[] phantom(int[] size, long seed) {
        Random rnd = new Random(seed);
        float[] v = new float[size[0] * size[1] * size[2]];
        for (int z = 0; z < size[2]; z++) {
            for (int y = 0; y < size[1]; y++) {
                for (int x = 0; x < size[0]; x++) {
                    double ex = (x - size[0] / 2.0) / (0.4 * size[0]);
                    double ey = (y - size[1] / 2.0) / (0.4 * size[1]);
                    double body = ex * ex + ey * ey < 1 ? 40 : -1000;
                    double blob = 300 * Math.exp(-((x - 100) * (x - 100) + (y - 90) * (y - 90)) / 400.0);
                    v[x + size[0] * (y + size[1] * z)] = (float) (body + blob + 20 * rnd.nextGaussian());
                }
            }
        }
        return v;
    }

    private static double checksum(float[] v) {
        double s = 0;
        for (int i = 0; i < v.length; i++) {
            s += v[i] * (1 + (i % 7));
        }
        return s;
    }
}
