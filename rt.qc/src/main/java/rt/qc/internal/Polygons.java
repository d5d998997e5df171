package rt.qc.internal;

import rt.api.image.Grid;

/** Planar polygon helpers on contour data ({@code x,y,z} triples). */
final class Polygons {

    private Polygons() {
    }

    static int points(double[] xyz) {
        return xyz.length / 3;
    }

    /** Shoelace area of the polygon's projection on the first two coordinates (absolute value). */
    static double area2d(double[] xyz) {
        int n = points(xyz);
        double s = 0;
        for (int p = 0; p < n; p++) {
            int q = (p + 1) % n;
            s += xyz[3 * p] * xyz[3 * q + 1] - xyz[3 * q] * xyz[3 * p + 1];
        }
        return Math.abs(s) / 2;
    }

    /** The polygon in continuous voxel indices of {@code grid} (i, j, k triples). */
    static double[] toIndex(Grid grid, double[] xyz) {
        double[] out = new double[xyz.length];
        for (int p = 0; p < xyz.length; p += 3) {
            double[] ijk = grid.worldToIndex(xyz[p], xyz[p + 1], xyz[p + 2]);
            out[p] = ijk[0];
            out[p + 1] = ijk[1];
            out[p + 2] = ijk[2];
        }
        return out;
    }

    /** Mean of the third coordinate. */
    static double meanThird(double[] xyz) {
        double s = 0;
        int n = points(xyz);
        for (int p = 0; p < n; p++) {
            s += xyz[3 * p + 2];
        }
        return n == 0 ? Double.NaN : s / n;
    }

    /**
     * Area of the polygon's projection (first two coordinates) inside the rectangle [x0,x1]×[y0,y1]
     * (Sutherland–Hodgman clipping, exact for any simple polygon against a convex window).
     */
    static double clippedArea(double[] xyz, double x0, double x1, double y0, double y1) {
        int n = points(xyz);
        double[] xs = new double[n];
        double[] ys = new double[n];
        for (int p = 0; p < n; p++) {
            xs[p] = xyz[3 * p];
            ys[p] = xyz[3 * p + 1];
        }
        double[][] poly = {xs, ys};
        poly = clip(poly, 0, x0, true);
        poly = clip(poly, 0, x1, false);
        poly = clip(poly, 1, y0, true);
        poly = clip(poly, 1, y1, false);
        double s = 0;
        int m = poly[0].length;
        for (int p = 0; p < m; p++) {
            int q = (p + 1) % m;
            s += poly[0][p] * poly[1][q] - poly[0][q] * poly[1][p];
        }
        return Math.abs(s) / 2;
    }

    /** Keeps the part where coordinate {@code axis} is ≥ limit (lower) or ≤ limit (upper). */
    private static double[][] clip(double[][] poly, int axis, double limit, boolean lower) {
        int n = poly[0].length;
        double[] ox = new double[2 * n + 2];
        double[] oy = new double[2 * n + 2];
        int m = 0;
        for (int p = 0; p < n; p++) {
            int q = (p + 1) % n;
            double ap = poly[axis][p];
            double aq = poly[axis][q];
            boolean inP = lower ? ap >= limit : ap <= limit;
            boolean inQ = lower ? aq >= limit : aq <= limit;
            if (inP) {
                ox[m] = poly[0][p];
                oy[m++] = poly[1][p];
            }
            if (inP != inQ) {
                double t = (limit - ap) / (aq - ap);
                ox[m] = poly[0][p] + t * (poly[0][q] - poly[0][p]);
                oy[m++] = poly[1][p] + t * (poly[1][q] - poly[1][p]);
            }
        }
        return new double[][] {java.util.Arrays.copyOf(ox, m), java.util.Arrays.copyOf(oy, m)};
    }
}
