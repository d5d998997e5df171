package rt.radiomics.internal;

import java.util.Arrays;

/** Eigenvalues of real symmetric matrices: Householder tridiagonalisation followed by implicit QL iterations. */
public final class Eigen {

    private Eigen() {
    }

    /**
     * @param matrix row-major n×n symmetric matrix (Not modified)
     * @return the eigenvalues, ascending
     */
    public static double[] symmetricEigenvalues(double[] matrix, int n) {
        double[] a = matrix.clone();
        double[] d = new double[n];
        double[] e = new double[n];
        tridiagonalize(a, n, d, e);
        ql(d, e, n);
        Arrays.sort(d);
        return d;
    }

    /**
     * @param diag the diagonal of a symmetric tridiagonal matrix, n entries (Not modified)
     * @param sub  its sub-diagonal, n − 1 entries (Not modified)
     * @return the eigenvalues, ascending
     */
    static double[] tridiagonalEigenvalues(double[] diag, double[] sub, int n) {
        double[] d = Arrays.copyOf(diag, n);
        double[] e = new double[n];
        System.arraycopy(sub, 0, e, 1, n - 1);
        ql(d, e, n);
        Arrays.sort(d);
        return d;
    }

    /**
     * Reduces a (row-major n×n, overwritten) to tridiagonal form; d receives the diagonal, e the sub-diagonal in
     * e[1..n-1]. Only the lower triangle is read and written (as in the classical algorithm). The product of the
     * matrix with the Householder vector, Σk a[j][k]·u[k] in order of k, is summed row by row of the lower triangle:
     * first k ≤ j along row j, then each later row k adds its a[k][j]·u[k] to every j < k, so each sum takes the same
     * terms in the same order while memory is read along rows.
     */
    private static void tridiagonalize(double[] a, int n, double[] d, double[] e) {
        for (int i = n - 1; i > 0; i--) {
            int l = i - 1;
            int ri = i * n;
            double h = 0;
            if (l > 0) {
                double scale = 0;
                for (int k = 0; k <= l; k++) {
                    scale += Math.abs(a[ri + k]);
                }
                if (scale == 0) {
                    e[i] = a[ri + l];
                } else {
                    for (int k = 0; k <= l; k++) {
                        a[ri + k] /= scale;
                        h += a[ri + k] * a[ri + k];
                    }
                    double f = a[ri + l];
                    double g = f >= 0 ? -Math.sqrt(h) : Math.sqrt(h);
                    e[i] = scale * g;
                    h -= f * g;
                    a[ri + l] = f - g;
                    for (int j = 0; j <= l; j++) {
                        int rj = j * n;
                        g = 0;
                        for (int k = 0; k <= j; k++) {
                            g += a[rj + k] * a[ri + k];
                        }
                        e[j] = g;
                    }
                    for (int k = 1; k <= l; k++) {
                        int rk = k * n;
                        double u = a[ri + k];
                        for (int j = 0; j < k; j++) {
                            e[j] += a[rk + j] * u;
                        }
                    }
                    f = 0;
                    for (int j = 0; j <= l; j++) {
                        e[j] = e[j] / h;
                        f += e[j] * a[ri + j];
                    }
                    double hh = f / (h + h);
                    for (int j = 0; j <= l; j++) {
                        int rj = j * n;
                        f = a[ri + j];
                        g = e[j] - hh * f;
                        e[j] = g;
                        for (int k = 0; k <= j; k++) {
                            a[rj + k] -= f * e[k] + g * a[ri + k];
                        }
                    }
                }
            } else {
                e[i] = a[ri + l];
            }
            d[i] = h;
        }
        for (int i = 0; i < n; i++) {
            d[i] = a[i * n + i];
        }
    }

    /** Implicit QL on a tridiagonal matrix; d becomes the eigenvalues. */
    private static void ql(double[] d, double[] e, int n) {
        for (int i = 1; i < n; i++) {
            e[i - 1] = e[i];
        }
        if (n > 0) {
            e[n - 1] = 0;
        }
        for (int l = 0; l < n; l++) {
            int iter = 0;
            int m;
            do {
                for (m = l; m < n - 1; m++) {
                    double dd = Math.abs(d[m]) + Math.abs(d[m + 1]);
                    if (Math.abs(e[m]) <= 1e-15 * dd) {
                        break;
                    }
                }
                if (m != l) {
                    if (iter++ == 60) {
                        break;
                    }
                    double g = (d[l + 1] - d[l]) / (2 * e[l]);
                    double r = hypot(g, 1);
                    g = d[m] - d[l] + e[l] / (g + (g >= 0 ? Math.abs(r) : -Math.abs(r)));
                    double s = 1;
                    double c = 1;
                    double p = 0;
                    int i;
                    for (i = m - 1; i >= l; i--) {
                        double f = s * e[i];
                        double b = c * e[i];
                        r = hypot(f, g);
                        e[i + 1] = r;
                        if (r == 0) {
                            d[i + 1] -= p;
                            e[m] = 0;
                            break;
                        }
                        s = f / r;
                        c = g / r;
                        g = d[i + 1] - p;
                        r = (d[i] - g) * s + 2 * c * b;
                        p = s * r;
                        d[i + 1] = g + p;
                        g = c * r - b;
                    }
                    if (r == 0 && i >= l) {
                        continue;
                    }
                    d[l] -= p;
                    e[l] = g;
                    e[m] = 0;
                }
            } while (m != l);
        }
    }

    /**
     * √(a² + b²). Math.hypot guards against overflow and underflow of the squares at the cost of a slow exact
     * algorithm (StrictMath's: 2.6 % of a large ROI's radiomics time in the MCC's eigenvalues); where the sum of
     * squares is far from both, its square root is within an ulp of it.
     */
    static double hypot(double a, double b) {
        double s = a * a + b * b;
        return s > 0x1p-900 && s < 0x1p900 ? Math.sqrt(s) : Math.hypot(a, b);
    }
}
