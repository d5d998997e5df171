package rt.radiomics.internal;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The recursive LoG against the exact answer: for f = exp(−r² / 2s²), G_σ ∗ f is a Gaussian of variance s² + σ², whose
 * Laplacian is known in closed form. The difference is the Deriche/Farnebäck approximation error of ITK's filter
 * (which pyradiomics inherits) plus sampling: stated tolerance 2 % of the peak |LoG| away from the borders.
 */
@ExtendWith(rt.testsupport.SurefireStyleSummary.class)
class LogAccuracyTest {

    @Test
    void recursive_log_of_a_gaussian_blob_matches_the_closed_form() {
        double[][] spacings = {{1, 1, 1}, {0.8, 0.8, 2}};
        double worstAll = 0;
        for (double[] sp : spacings) {
            double s = 4;
            int[] size = new int[3];
            for (int d = 0; d < 3; d++) {
                size[d] = (int) Math.ceil(80 / sp[d]);
            }
            float[] v = new float[size[0] * size[1] * size[2]];
            double[] c = new double[3];
            for (int d = 0; d < 3; d++) {
                c[d] = (size[d] - 1) / 2.0 * sp[d];
            }
            for (int z = 0; z < size[2]; z++) {
                for (int y = 0; y < size[1]; y++) {
                    for (int x = 0; x < size[0]; x++) {
                        double r2 = sq(x * sp[0] - c[0]) + sq(y * sp[1] - c[1]) + sq(z * sp[2] - c[2]);
                        v[x + size[0] * (y + size[1] * z)] = (float) (1000 * Math.exp(-r2 / (2 * s * s)));
                    }
                }
            }
            for (double sigma : new double[] {1, 2, 3, 5}) {
                float[] log = ImageFilters.laplacianOfGaussian(v, size, sp, sigma);
                double var = s * s + sigma * sigma;
                double amp = 1000 * Math.pow(s * s / var, 1.5);
                double peak = 3 / var * amp * sigma * sigma;
                double worst = 0;
                for (int z = 0; z < size[2]; z++) {
                    for (int y = 0; y < size[1]; y++) {
                        for (int x = 0; x < size[0]; x++) {
                            double r2 = sq(x * sp[0] - c[0]) + sq(y * sp[1] - c[1]) + sq(z * sp[2] - c[2]);
                            if (r2 > 20 * 20) {
                                continue;
                            }
                            double h = amp * Math.exp(-r2 / (2 * var));
                            double exact = h * (r2 / (var * var) - 3 / var) * sigma * sigma;
                            worst = Math.max(worst, Math.abs(log[x + size[0] * (y + size[1] * z)] - exact) / peak);
                        }
                    }
                }
                System.out.printf("LoG sigma %.0f spacing %s: max |recursive - exact| / peak = %.4f%n", sigma,
                        java.util.Arrays.toString(sp), worst);
                worstAll = Math.max(worstAll, worst);
            }
        }
        assertTrue(worstAll < 0.02, "recursive LoG error " + worstAll);
    }

    /**
     * The 7-pass LoG against ITK's own order of operations (3 terms × 3 passes, each term summed in float), kept
     * here as the reference: they differ only in the order of float roundings. A noisy image with edges, anisotropic
     * voxels, odd sizes and small and large σ (the recursion's borders reach across the whole image).
     */
    @Test
    void seven_pass_log_equals_itks_nine_pass_sum() {
        int[] size = {37, 29, 23};
        java.util.Random rnd = new java.util.Random(11);
        float[] v = new float[size[0] * size[1] * size[2]];
        for (int z = 0; z < size[2]; z++) {
            for (int y = 0; y < size[1]; y++) {
                for (int x = 0; x < size[0]; x++) {
                    double body = sq((x - 18) / 14.0) + sq((y - 14) / 11.0) < 1 ? 40 : -1000;
                    v[x + size[0] * (y + size[1] * z)] = (float) (body + 300 * rnd.nextGaussian());
                }
            }
        }
        double worstAll = 0;
        for (double[] sp : new double[][] {{1, 1, 1}, {0.98, 0.98, 2.5}, {0.7, 1.3, 1.9}}) {
            for (double sigma : new double[] {1, 2, 3, 5}) {
                float[] ours = ImageFilters.laplacianOfGaussian(v, size, sp, sigma);
                float[] itk = nineTermPasses(v, size, sp, sigma);
                double peak = 0;
                double worst = 0;
                for (int i = 0; i < v.length; i++) {
                    peak = Math.max(peak, Math.abs(itk[i]));
                    worst = Math.max(worst, Math.abs(ours[i] - itk[i]));
                }
                worstAll = Math.max(worstAll, worst / peak);
            }
        }
        System.out.printf("LoG 7 passes vs 9: max |difference| / max |LoG| = %.2e%n", worstAll);
        assertTrue(worstAll < 1e-5, "7-pass LoG differs from the 9-pass sum by " + worstAll + " of its peak");
    }

    /** ITK's LaplacianRecursiveGaussianImageFilter: per axis d, D2 along d then smoothing along the others. */
    private static float[] nineTermPasses(float[] in, int[] size, double[] spacing, double sigma) {
        double[][] work = RecursiveGaussian.work(size);
        float[] out = new float[in.length];
        float[] buf = new float[in.length];
        for (int axis = 0; axis < 3; axis++) {
            System.arraycopy(in, 0, buf, 0, in.length);
            new RecursiveGaussian(sigma, spacing[axis], 2, true).filterAxis(buf, size, axis, work);
            for (int d = 0; d < 3; d++) {
                if (d != axis) {
                    new RecursiveGaussian(sigma, spacing[d], 0, true).filterAxis(buf, size, d, work);
                }
            }
            double w = 1 / (spacing[axis] * spacing[axis]);
            for (int k = 0; k < in.length; k++) {
                out[k] = (float) (out[k] + buf[k] * w);
            }
        }
        return out;
    }

    private static double sq(double x) {
        return x * x;
    }
}
