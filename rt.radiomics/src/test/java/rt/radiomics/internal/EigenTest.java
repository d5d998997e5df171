package rt.radiomics.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The symmetric eigen solver against matrices with known eigenvalues (Q·diag(λ)·Qᵀ from random rotations), and its
 * fast √(a² + b²) against Math.hypot, across the magnitudes where the squares would overflow or underflow.
 */
class EigenTest {

    @Test
    void hypotIsWithinAnUlpOfMathHypot() {
        SplittableRandom r = new SplittableRandom(11);
        for (int k = 0; k < 200_000; k++) {
            double a = r.nextDouble(-1, 1) * Math.pow(2, r.nextInt(-1000, 1000));
            double b = r.nextDouble(-1, 1) * Math.pow(2, r.nextInt(-1000, 1000));
            double exact = Math.hypot(a, b);
            double fast = Eigen.hypot(a, b);
            assertTrue(Math.abs(fast - exact) <= Math.ulp(exact), a + ", " + b + ": " + fast + " vs " + exact);
            assertTrue(Double.isFinite(fast));
        }
        assertEquals(5.0, Eigen.hypot(3, 4));
        assertEquals(0.0, Eigen.hypot(0, 0));
        assertEquals(Math.hypot(1e300, 1e300), Eigen.hypot(1e300, 1e300));
        assertEquals(Math.hypot(1e-300, 1e-300), Eigen.hypot(1e-300, 1e-300));
    }

    @Test
    void eigenvaluesOfRotatedDiagonals() {
        SplittableRandom r = new SplittableRandom(5);
        for (int n : new int[] {1, 2, 3, 7, 23, 40}) {
            double[] lambda = new double[n];
            for (int i = 0; i < n; i++) {
                lambda[i] = r.nextDouble(-2, 2);
            }
            lambda[n / 2] = lambda[0]; // a repeated eigenvalue
            double[] q = identity(n);
            for (int k = 0; k < 3 * n; k++) {
                rotate(q, n, r.nextInt(n), r.nextInt(n), r.nextDouble(0, 2 * Math.PI));
            }
            double[] m = new double[n * n];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    double s = 0;
                    for (int k = 0; k < n; k++) {
                        s += q[i * n + k] * lambda[k] * q[j * n + k];
                    }
                    m[i * n + j] = s;
                }
            }
            double[] got = Eigen.symmetricEigenvalues(m, n);
            double[] want = lambda.clone();
            java.util.Arrays.sort(want);
            for (int i = 0; i < n; i++) {
                assertEquals(want[i], got[i], 1e-12, "n " + n + " eigenvalue " + i);
            }
        }
    }

    private static double[] identity(int n) {
        double[] q = new double[n * n];
        for (int i = 0; i < n; i++) {
            q[i * n + i] = 1;
        }
        return q;
    }

    /** Q ← Q·G with a Givens rotation in the (i, j) plane (no-op when i = j). */
    private static void rotate(double[] q, int n, int i, int j, double angle) {
        if (i == j) {
            return;
        }
        double c = Math.cos(angle);
        double s = Math.sin(angle);
        for (int row = 0; row < n; row++) {
            double a = q[row * n + i];
            double b = q[row * n + j];
            q[row * n + i] = c * a - s * b;
            q[row * n + j] = s * a + c * b;
        }
    }
}
