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
        if (pts.length / dim >= FILTER_FROM) {
            pts = candidates(pts, dim);
        }
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

    /** Point sets from this size on are filtered by {@link #candidates} first. */
    static final int FILTER_FROM = 64;

    /**
     * The points that can be an end of the largest distance: no point lies farther from a point than the farthest
     * corner of the bounding box, so a point whose farthest corner is nearer than some pair's distance is no end.
     * That pair is the farthest apart among the points extreme along the axes and the diagonals. A sparse or long
     * ROI (a skeleton's bones, the cord) keeps the points near its box's corners, where the centroid bound of
     * {@link #max} keeps nearly all. The largest pair is kept with both its points, so the result is the same to the
     * bit (the comparison allows 10⁻⁹ for rounding).
     */
    static double[] candidates(double[] pts, int dim) {
        int n = pts.length / dim;
        double[] lo = new double[dim];
        double[] hi = new double[dim];
        java.util.Arrays.fill(lo, Double.POSITIVE_INFINITY);
        java.util.Arrays.fill(hi, Double.NEGATIVE_INFINITY);
        // directions: the axes and the diagonals (sign patterns with the first component +1)
        int dirs = dim + (1 << (dim - 1));
        double[][] u = new double[dirs][dim];
        for (int d = 0; d < dim; d++) {
            u[d][d] = 1;
        }
        for (int m = 0; m < 1 << (dim - 1); m++) {
            u[dim + m][0] = 1;
            for (int d = 1; d < dim; d++) {
                u[dim + m][d] = ((m >> (d - 1)) & 1) == 0 ? 1 : -1;
            }
        }
        int[] ext = new int[2 * dirs];
        double[] extVal = new double[2 * dirs];
        for (int k = 0; k < dirs; k++) {
            extVal[2 * k] = Double.POSITIVE_INFINITY;
            extVal[2 * k + 1] = Double.NEGATIVE_INFINITY;
        }
        for (int i = 0; i < n; i++) {
            for (int d = 0; d < dim; d++) {
                double c = pts[i * dim + d];
                lo[d] = Math.min(lo[d], c);
                hi[d] = Math.max(hi[d], c);
            }
            for (int k = 0; k < dirs; k++) {
                double v = 0;
                for (int d = 0; d < dim; d++) {
                    v += u[k][d] * pts[i * dim + d];
                }
                if (v < extVal[2 * k]) {
                    extVal[2 * k] = v;
                    ext[2 * k] = i;
                }
                if (v > extVal[2 * k + 1]) {
                    extVal[2 * k + 1] = v;
                    ext[2 * k + 1] = i;
                }
            }
        }
        double lower2 = 0;
        for (int a = 0; a < ext.length; a++) {
            for (int b = 0; b < a; b++) {
                lower2 = Math.max(lower2, distance2(pts, dim, ext[a], ext[b]));
            }
        }
        double keepFrom = lower2 * (1 - 1e-9);
        double[] kept = new double[pts.length];
        int m = 0;
        for (int i = 0; i < n; i++) {
            double far2 = 0;
            for (int d = 0; d < dim; d++) {
                double c = pts[i * dim + d];
                double t = Math.max(c - lo[d], hi[d] - c);
                far2 += t * t;
            }
            if (far2 >= keepFrom) {
                System.arraycopy(pts, i * dim, kept, m * dim, dim);
                m++;
            }
        }
        return m == n ? pts : java.util.Arrays.copyOf(kept, m * dim);
    }

    private static double distance2(double[] pts, int dim, int a, int b) {
        double s = 0;
        for (int d = 0; d < dim; d++) {
            double t = pts[a * dim + d] - pts[b * dim + d];
            s += t * t;
        }
        return s;
    }
}
