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
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int d = 0; d < dim; d++) {
                double t = pts[i * dim + d] - c[d];
                s += t * t;
            }
            r[i] = Math.sqrt(s);
        }
        // points by falling radius: a primitive sort of keys that hold the radius's top bits and the point's index
        // (boxed indices and a comparator took a third of the shape features); radii that agree in those bits may
        // come out of order, so the bounds below use the largest radius from each position on, not the next one
        int indexBits = 64 - Long.numberOfLeadingZeros(n);
        long[] keys = new long[n];
        for (int i = 0; i < n; i++) {
            keys[i] = (Double.doubleToRawLongBits(r[i]) >>> indexBits << indexBits) | i;
        }
        Arrays.sort(keys);
        long indexMask = (1L << indexBits) - 1;
        double[] sp = new double[n * dim];
        double[] sr = new double[n];
        for (int k = 0; k < n; k++) {
            int i = (int) (keys[n - 1 - k] & indexMask);
            System.arraycopy(pts, i * dim, sp, k * dim, dim);
            sr[k] = r[i];
        }
        // atMost[k] = the largest radius at position k or later
        double[] atMost = new double[n];
        double m = 0;
        for (int k = n - 1; k >= 0; k--) {
            m = Math.max(m, sr[k]);
            atMost[k] = m;
        }
        double best2 = 0;
        double best = 0;
        for (int a = 0; a < n; a++) {
            if (atMost[a] + atMost[0] <= best) {
                break;
            }
            for (int b = 0; b < a; b++) {
                if (sr[a] + atMost[b] <= best) {
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
