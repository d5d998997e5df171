package rt.radiomics.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * GLCM's maximal correlation coefficient by Lanczos on the deflated S against the dense eigen-decomposition of S, on
 * matrices with known structure: co-occurrences of textured volumes (banded, mostly empty), a uniform matrix (MCC 0),
 * disconnected groups of levels (the top eigenvalue 1 repeated, MCC exactly 1), a permutation (every eigenvalue 1)
 * and asymmetric counts.
 */
class MccTest {

    /** Normalised co-occurrences of a random walk over n levels with steps up to ±width (a textured region). */
    private static double[] banded(int n, int width, boolean symmetric, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] p = new double[n * n];
        int level = n / 2;
        for (int k = 0; k < 20 * n * n; k++) {
            int next = Math.floorMod(level + r.nextInt(-width, width + 1), n);
            p[level * n + next]++;
            if (symmetric) {
                p[next * n + level]++;
            }
            level = r.nextInt(8) == 0 ? r.nextInt(n) : next;
        }
        return normalised(p);
    }

    private static double[] normalised(double[] p) {
        double s = 0;
        for (double v : p) {
            s += v;
        }
        for (int k = 0; k < p.length; k++) {
            p[k] /= s;
        }
        return p;
    }

    private static double lanczos(double[] p, int n) {
        return Glcm.mccLanczos(p, rows(p, n), cols(p, n), n);
    }

    private static double dense(double[] p, int n) {
        return Glcm.mccDense(p, rows(p, n), cols(p, n), n);
    }

    private static double[] rows(double[] p, int n) {
        double[] s = new double[n];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < n; k++) {
                s[i] += p[i * n + k];
            }
        }
        return s;
    }

    private static double[] cols(double[] p, int n) {
        double[] s = new double[n];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < n; k++) {
                s[k] += p[i * n + k];
            }
        }
        return s;
    }

    @Test
    void texturedMatricesAgreeWithTheDenseSolverToRoundOff() {
        long seed = 1;
        for (int n : new int[] {2, 3, 5, 24, 40, 97, 180}) {
            for (int width : new int[] {1, 3, 12}) {
                for (boolean symmetric : new boolean[] {true, false}) {
                    double[] p = banded(n, width, symmetric, seed++);
                    double expected = dense(p, n);
                    assertEquals(expected, lanczos(p, n), 1e-12,
                            "n " + n + ", width " + width + ", symmetric " + symmetric);
                }
            }
        }
    }

    @Test
    void independentLevelsHaveNoCorrelation() {
        int n = 30;
        double[] p = new double[n * n];
        java.util.Arrays.fill(p, 1.0 / (n * n));
        assertEquals(0, lanczos(p, n), 1e-7);
        assertEquals(dense(p, n), lanczos(p, n), 1e-7);
    }

    @Test
    void disconnectedGroupsOfLevelsAreFullyCorrelated() {
        int n = 40;
        double[] a = banded(20, 2, true, 7);
        double[] b = banded(20, 4, true, 8);
        double[] p = new double[n * n];
        for (int i = 0; i < 20; i++) {
            for (int k = 0; k < 20; k++) {
                p[i * n + k] = a[i * 20 + k] * 0.3;
                p[(i + 20) * n + k + 20] = b[i * 20 + k] * 0.7;
            }
        }
        assertEquals(1, lanczos(p, n), 1e-12);
        assertEquals(dense(p, n), lanczos(p, n), 1e-12);
    }

    @Test
    void aPermutationHasEveryEigenvalueOne() {
        int n = 33;
        double[] p = new double[n * n];
        for (int i = 0; i < n; i++) {
            p[i * n + (i * 7 + 3) % n] = 1.0 / n;
        }
        assertEquals(1, lanczos(p, n), 1e-12);
    }

    @Test
    void levelsWithoutPairsAreLeftOut() {
        int n = 50;
        double[] p = banded(n, 2, true, 11);
        for (int k = 0; k < n; k++) {
            for (int empty : new int[] {5, 17, 30}) {
                p[empty * n + k] = 0;
                p[k * n + empty] = 0;
            }
        }
        p = normalised(p);
        assertEquals(dense(p, n), lanczos(p, n), 1e-12);
    }
}
