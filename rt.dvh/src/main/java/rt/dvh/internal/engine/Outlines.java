package rt.dvh.internal.engine;

import java.util.Arrays;

/** Plain polygon helpers shared by the distance grid and the end caps: orientation, containment, simplification. */
final class Outlines {

    private Outlines() {
    }

    /**
     * Whether the region (even-odd over the plane's polygons) lies to the left of polygon p as its vertices run:
     * counter-clockwise for an outline, clockwise for a hole.
     */
    static boolean insideLeft(double[][] p, double[][][] polys) {
        double[] px = p[0];
        double[] py = p[1];
        double area = 0;
        for (int e = 0, f = px.length - 1; e < px.length; f = e++) {
            area += px[f] * py[e] - px[e] * py[f];
        }
        boolean nested = false;
        for (double[][] other : polys) {
            if (other != p && contains(other, px[0], py[0])) {
                nested = !nested;
            }
        }
        return (area > 0) != nested;
    }

    private static boolean contains(double[][] p, double x, double y) {
        double[] px = p[0];
        double[] py = p[1];
        boolean inside = false;
        for (int e = 0, f = px.length - 1; e < px.length; f = e++) {
            if ((py[f] > y) != (py[e] > y) && x < px[f] + (y - py[f]) * (px[e] - px[f]) / (py[e] - py[f])) {
                inside = !inside;
            }
        }
        return inside;
    }

    /**
     * Drops vertices that lie within {@code tol} of the segment joining the last kept vertex and the next one
     * (dense, nearly collinear points of smooth outlines); the outline moves by at most about {@code tol}.
     */
    static double[][] simplify(double[][] p, double tol) {
        double[] px = p[0];
        double[] py = p[1];
        int m = px.length;
        if (m <= 4) {
            return p;
        }
        double[] qx = new double[m];
        double[] qy = new double[m];
        qx[0] = px[0];
        qy[0] = py[0];
        int k = 1;
        int last = 0;
        for (int v = 1; v < m; v++) {
            // can the chord last → v+1 replace every vertex strictly between them?
            int end = v + 1;
            boolean keep = v == m - 1 || end - last > 16;
            if (!keep) {
                double ax = px[last];
                double ay = py[last];
                double dx = px[end] - ax;
                double dy = py[end] - ay;
                double len2 = dx * dx + dy * dy;
                double tol2 = tol * tol;
                for (int u = last + 1; u < end && !keep; u++) {
                    double ux = px[u] - ax;
                    double uy = py[u] - ay;
                    double cross = ux * dy - uy * dx;
                    keep = len2 > 0 ? cross * cross > tol2 * len2 : ux * ux + uy * uy > tol2;
                }
            }
            if (keep) {
                qx[k] = px[v];
                qy[k++] = py[v];
                last = v;
            }
        }
        return k == m ? p : new double[][] {Arrays.copyOf(qx, k), Arrays.copyOf(qy, k)};
    }
}
