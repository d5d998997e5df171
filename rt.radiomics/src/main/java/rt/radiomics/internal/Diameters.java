package rt.radiomics.internal;

import java.util.Arrays;

/** Largest pairwise distance in a point set, exact, pruned by the triangle inequality around the centroid. */
final class Diameters {

    private Diameters() {
    }

    /**
     * @param pts flat coordinates, {@code dim} per point (Not modified)
     * @return the largest distance between two points (0 for fewer than two)
     */
    static double max(double[] pts, int dim) {
        int n = pts.length / dim;
        if (n < 2) {
            return 0;
        }
        double[] c = new double[dim];
        for (int i = 0; i < n; i++) {
            for (int d = 0; d < dim; d++) {
                c[d] += pts[i * dim + d];
            }
        }
        for (int d = 0; d < dim; d++) {
            c[d] /= n;
        }
        double[] r = new double[n];
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int d = 0; d < dim; d++) {
                double t = pts[i * dim + d] - c[d];
                s += t * t;
            }
            r[i] = Math.sqrt(s);
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(r[b], r[a]));
        double[] sp = new double[n * dim];
        double[] sr = new double[n];
        for (int k = 0; k < n; k++) {
            int i = order[k];
            System.arraycopy(pts, i * dim, sp, k * dim, dim);
            sr[k] = r[i];
        }
        double best2 = 0;
        double best = 0;
        for (int a = 0; a < n; a++) {
            if (sr[a] + sr[0] <= best) {
                break;
            }
            for (int b = 0; b < a; b++) {
                if (sr[a] + sr[b] <= best) {
                    break;
                }
                double s = 0;
                for (int d = 0; d < dim; d++) {
                    double t = sp[a * dim + d] - sp[b * dim + d];
                    s += t * t;
                }
                if (s > best2) {
                    best2 = s;
                    best = Math.sqrt(s) * (1 - 1e-12);
                }
            }
        }
        return Math.sqrt(best2);
    }
}
