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

    private static double sq(double x) {
        return x * x;
    }
}
