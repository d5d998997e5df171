package rt.radiomics.internal;

/**
 * The largest eigenvalue of S = A·Aᵀ (A sparse, n×n, rows in compressed form) on the complement of a known unit
 * eigenvector u of S, by Lanczos steps with full reorthogonalisation.
 *
 * <p>Why: GLCM's MCC is the second largest eigenvalue of such an S, whose largest is 1 with eigenvector √px. Forming
 * S and reducing it to tridiagonal form costs O(n³) per matrix, 13 matrices per image; here each step costs two
 * sparse products and the Ritz value's error bound reaches round-off after a few tens of steps, however many levels
 * there are. With full reorthogonalisation the steps never exceed the complement's dimension, where the Ritz values
 * are S's eigenvalues themselves, so the answer is always the converged one.
 */
final class DeflatedLanczos {

    /** Absolute error bound at which the Ritz value is taken (S's eigenvalues lie in [0, 1] for MCC). */
    static final double TOLERANCE = 1e-15;

    private DeflatedLanczos() {
    }

    /**
     * @param rowStart row i's entries are [rowStart[i], rowStart[i + 1]) of col and val
     * @param u        unit vector with S·u = λ·u (Not modified)
     * @return the largest eigenvalue of S restricted to the complement of u (0 when n < 2)
     */
    static double largest(int[] rowStart, int[] col, double[] val, int n, double[] u) {
        int dim = n - 1;
        if (dim <= 0) {
            return 0;
        }
        double[][] basis = new double[dim][];
        double[] alpha = new double[dim];
        double[] beta = new double[dim];
        double[] v = start(n);
        orthogonalise(v, u, basis, 0);
        scale(v, 1 / norm(v));
        double[] z = new double[n];
        double theta = 0;
        for (int j = 0; j < dim; j++) {
            basis[j] = v;
            double[] w = apply(rowStart, col, val, n, v, z);
            alpha[j] = dot(w, v);
            orthogonalise(w, u, basis, j + 1);
            double b = norm(w);
            beta[j] = b;
            int m = j + 1;
            double[] ritz = Eigen.tridiagonalEigenvalues(alpha, beta, m);
            theta = ritz[m - 1];
            double r = b * lastComponent(alpha, beta, m, theta);
            if (b == 0 || converged(r, m > 1 ? theta - ritz[m - 2] : 0)) {
                return theta;
            }
            v = w;
            scale(v, 1 / b);
        }
        return theta;
    }

    /**
     * A Ritz value lies within r (its residual) of an eigenvalue, and within r²/gap once the other eigenvalues are gap
     * away; the gap seen among the Ritz values can overstate the true one before they settle, so r²/gap is trusted
     * only once r itself is small.
     */
    private static boolean converged(double r, double gap) {
        return r <= TOLERANCE || r <= TRUST_GAP_BELOW && gap > 0 && r * r / gap <= TOLERANCE;
    }

    /** Residual below which the Ritz values' gap is taken as the eigenvalues' own. */
    private static final double TRUST_GAP_BELOW = 1e-9;

    /** A start vector with a share of every eigenvector: deterministic, all entries distinct and positive. */
    private static double[] start(int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            double golden = (i + 1) * 0.6180339887498949;
            v[i] = 0.5 + (golden - Math.floor(golden));
        }
        return v;
    }

    /** w = A·(Aᵀ·v), z scratch. */
    private static double[] apply(int[] rowStart, int[] col, double[] val, int n, double[] v, double[] z) {
        java.util.Arrays.fill(z, 0);
        for (int i = 0; i < n; i++) {
            double vi = v[i];
            for (int e = rowStart[i]; e < rowStart[i + 1]; e++) {
                z[col[e]] += val[e] * vi;
            }
        }
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int e = rowStart[i]; e < rowStart[i + 1]; e++) {
                s += val[e] * z[col[e]];
            }
            w[i] = s;
        }
        return w;
    }

    /**
     * Removes from w its components along u and the first {@code count} basis vectors, twice (classical Gram–Schmidt
     * repeated: once is not enough in floating point when w has mostly cancelled).
     */
    private static void orthogonalise(double[] w, double[] u, double[][] basis, int count) {
        for (int pass = 0; pass < 2; pass++) {
            axpy(-dot(w, u), u, w);
            for (int k = 0; k < count; k++) {
                axpy(-dot(w, basis[k]), basis[k], w);
            }
        }
    }

    /**
     * |last component| of the unit eigenvector of the m×m tridiagonal (alpha, beta) for its eigenvalue theta: the
     * vector solved from the bottom up with last component 1 (the direction in which a converged Ritz vector grows, so
     * the recurrence is stable), then normalised.
     */
    static double lastComponent(double[] alpha, double[] beta, int m, double theta) {
        double below = 0;
        double s = 1;
        double sumSq = 1;
        for (int k = m - 1; k > 0; k--) {
            if (beta[k - 1] == 0) {
                break; // the tridiagonal splits: rows above do not belong to this eigenvector's block
            }
            double above = ((theta - alpha[k]) * s - (k < m - 1 ? beta[k] * below : 0)) / beta[k - 1];
            below = s;
            s = above;
            sumSq += s * s;
            if (sumSq > 1e200) {
                return 0;
            }
        }
        return 1 / Math.sqrt(sumSq);
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    private static double norm(double[] a) {
        return Math.sqrt(dot(a, a));
    }

    private static void axpy(double f, double[] x, double[] y) {
        for (int i = 0; i < y.length; i++) {
            y[i] += f * x[i];
        }
    }

    private static void scale(double[] a, double f) {
        for (int i = 0; i < a.length; i++) {
            a[i] *= f;
        }
    }
}
