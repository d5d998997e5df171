package rt.dvh.internal.engine;

import java.util.Arrays;

/**
 * The corners of a plane's outlines, where an oblique flat face's trace meets the side, each with the face and the
 * side fitted beyond it (see {@link #add}, {@link #rimFit}; read through {@link Plane#corners}): apart from the
 * distance grid because they read the polygons' vertices and arc lengths alone. Collects the corners of one plane
 * at a time (cleared per plane).
 */
final class OutlineCorners {

    /** k·span at a vertex below which it is polygon drawing, not a corner (a turn of about 20°). */
    static final double MIN_CORNER_TURN = 0.35;

    private double[] corners = new double[4 * Plane.CORNER];
    private int cornerCount;

    void clear() {
        cornerCount = 0;
    }

    /** The corners collected since {@link #clear}, {@link Plane#CORNER} values each. */
    double[] toArray() {
        return Arrays.copyOf(corners, cornerCount);
    }

    /** Whether any vertex turns enough to be a corner (see {@link #add}): most outlines have none. */
    static boolean mayHaveCorners(double[] k1, double span) {
        for (double k : k1) {
            if (k * span > MIN_CORNER_TURN) {
                return true;
            }
        }
        return false;
    }

    /**
     * The convex corners of outline p, from its curvatures k1 at arc span s and k2 at 2·s: the circle through
     * three points of a smooth outline has about the same radius at both spans (exactly so on a circle, however
     * small), but at a kink the curvature it reads grows as the span shrinks (≈ twice at half the span), so a
     * ratio above 1.5 is a corner; a turn below about 20° (k1·s < 0.35) is polygon drawing, not a corner. With
     * each corner the outward normal of its straighter edge (the longer one once collinear points are merged):
     * where a flat face cuts a section, that is the face's trace.
     */
    void add(double[][] p, double[] k1, double[] k2, double span, boolean insideLeft) {
        double[] px = p[0];
        double[] py = p[1];
        int m = px.length;
        double[] arc = arcLengths(p);
        for (int v = 0; v < m; v++) {
            if (k1[v] * span > MIN_CORNER_TURN && k2[v] > 0 && k1[v] > 1.5 * k2[v]) {
                int u = (v + m - 1) % m;
                int w = (v + 1) % m;
                double ex = px[w] - px[v];
                double ey = py[w] - py[v];
                double fx = px[v] - px[u];
                double fy = py[v] - py[u];
                boolean faceBefore = fx * fx + fy * fy > ex * ex + ey * ey;
                if (faceBefore) {
                    ex = fx;
                    ey = fy;
                }
                double len = Math.hypot(ex, ey);
                if (!(len > 0)) {
                    continue;
                }
                if (cornerCount + Plane.CORNER > corners.length) {
                    corners = Arrays.copyOf(corners, 2 * corners.length);
                }
                double s = insideLeft ? 1 / len : -1 / len; // the inside on the left: outward is to the right
                corners[cornerCount++] = px[v];
                corners[cornerCount++] = py[v];
                corners[cornerCount++] = ey * s;
                corners[cornerCount++] = -ex * s;
                // the face and the side fitted beyond the corner's chamfer, for rims between and beyond planes
                rimFit(p, arc, v, span, insideLeft, cornerCount);
                cornerCount += 7;
            }
        }
    }

    /**
     * The two edges of the corner at vertex v as lines and curves that continue beyond it, fitted away from the
     * vertex (a contouring tool draws a corner with a chamfer of a vertex or two): along each way around the
     * outline the points 1, 2.5 and 4 spans from the vertex; the way whose middle point lies closer to the
     * chord of the other two is the face (its trace a straight line), the other the side, taken as the circle
     * through its three points. Stored at corners[at..at+6]: a point of the face's trace and its outward unit
     * normal, then the side as its circle's centre and signed curvature (> 0 convex: the region inside the
     * circle; a nearly straight side as a circle so large that it is a line to rounding), the curvature NaN where
     * the corner is no face meeting a side.
     */
    private void rimFit(double[][] p, double[] arc, int v, double span, boolean insideLeft, int at) {
        double[][] pts = new double[6][2];
        double[] dev = new double[2];
        for (int w = 0; w < 2; w++) {
            int dir = w == 0 ? 1 : -1;
            pointAt(p, arc, arc[v] + dir * span, pts[3 * w]);
            pointAt(p, arc, arc[v] + dir * 2.5 * span, pts[3 * w + 1]);
            pointAt(p, arc, arc[v] + dir * 4 * span, pts[3 * w + 2]);
            dev[w] = lineDistance(pts[3 * w], pts[3 * w + 2], pts[3 * w + 1]);
        }
        int face = dev[0] <= dev[1] ? 0 : 1;
        int side = 1 - face;
        // a rim only where the face is a line and the side visibly curved: two nearly straight or alike edges
        // (the tip of a cone's section, the symmetric ends of a hyperbola) are no face meeting a side
        boolean rim = dev[side] > 4 * dev[face] && dev[side] > 1e-3 * span;
        double[] f1 = pts[3 * face];
        double[] f3 = pts[3 * face + 2];
        double[] in = inwardNormal(f1, f3, face == 0 ? 1 : -1, insideLeft);
        corners[at] = f1[0];
        corners[at + 1] = f1[1];
        corners[at + 2] = -in[0];
        corners[at + 3] = -in[1];
        double[] s1 = pts[3 * side];
        double[] s2 = pts[3 * side + 1];
        double[] s3 = pts[3 * side + 2];
        double[] sin = inwardNormal(s1, s3, side == 0 ? 1 : -1, insideLeft);
        double ax = s2[0] - s1[0];
        double ay = s2[1] - s1[1];
        double bx = s3[0] - s1[0];
        double by = s3[1] - s1[1];
        double den = 2 * (ax * by - ay * bx);
        double a2 = ax * ax + ay * ay;
        double b2 = bx * bx + by * by;
        double ox = (by * a2 - ay * b2) / den;
        double oy = (ax * b2 - bx * a2) / den;
        double r = Math.hypot(ox, oy);
        if (!(r < 1e3 * span)) {
            // straight: a circle so large that it is the line through the side's points to rounding
            r = 1e4 * span;
            ox = sin[0] * r;
            oy = sin[1] * r;
        }
        corners[at + 4] = s1[0] + ox;
        corners[at + 5] = s1[1] + oy;
        corners[at + 6] = rim ? (ox * sin[0] + oy * sin[1] > 0 ? 1 : -1) / r : Double.NaN;
    }

    /** The inward unit normal of the chord a→b walked in direction dir of the vertex order. */
    private static double[] inwardNormal(double[] a, double[] b, int dir, boolean insideLeft) {
        double tx = (b[0] - a[0]) * dir;
        double ty = (b[1] - a[1]) * dir;
        double len = Math.hypot(tx, ty);
        if (!(len > 0)) {
            return new double[2];
        }
        return insideLeft ? new double[] {-ty / len, tx / len} : new double[] {ty / len, -tx / len};
    }

    /** Distance of point c from the line through a and b. */
    private static double lineDistance(double[] a, double[] b, double[] c) {
        double dx = b[0] - a[0];
        double dy = b[1] - a[1];
        double len = Math.hypot(dx, dy);
        return len > 0 ? Math.abs((c[0] - a[0]) * dy - (c[1] - a[1]) * dx) / len : 0;
    }

    /** Cumulative arc lengths of the closed outline p at its vertices (m + 1 values, the last the perimeter). */
    private static double[] arcLengths(double[][] p) {
        double[] px = p[0];
        double[] py = p[1];
        int m = px.length;
        double[] arc = new double[m + 1];
        for (int v = 0; v < m; v++) {
            int w = (v + 1) % m;
            arc[v + 1] = arc[v] + Math.hypot(px[w] - px[v], py[w] - py[v]);
        }
        return arc;
    }

    /**
     * The outline's curvature at each vertex (1/mm; positive where it is convex towards the region's inside): that
     * of the circle through the vertex and the points an arc length {@code span} before and after it (so that
     * the chords of a finely drawn outline do not count as corners).
     */
    static double[] curvatures(double[][] p, boolean insideLeft, double span) {
        double[] px = p[0];
        double[] py = p[1];
        int m = px.length;
        double[] arc = arcLengths(p);
        double perimeter = arc[m];
        double[] k = new double[m];
        if (m < 3 || !(perimeter > 2 * span)) {
            return k;
        }
        double[] a = new double[2];
        double[] b = new double[2];
        for (int v = 0; v < m; v++) {
            pointAt(p, arc, arc[v] - span, a);
            pointAt(p, arc, arc[v] + span, b);
            double ux = px[v] - a[0];
            double uy = py[v] - a[1];
            double wx = b[0] - px[v];
            double wy = b[1] - py[v];
            double cx = b[0] - a[0];
            double cy = b[1] - a[1];
            double cross = ux * wy - uy * wx; // > 0: a left turn
            double lengths = Math.sqrt((ux * ux + uy * uy) * (wx * wx + wy * wy) * (cx * cx + cy * cy));
            k[v] = lengths > 0 ? 2 * cross / lengths * (insideLeft ? 1 : -1) : 0;
        }
        return k;
    }

    /** The point at arc length s (taken around the closed outline) of polygon p with cumulative arc lengths. */
    private static void pointAt(double[][] p, double[] arc, double s, double[] out) {
        int m = p[0].length;
        double perimeter = arc[m];
        s = ((s % perimeter) + perimeter) % perimeter;
        int lo = Arrays.binarySearch(arc, 0, m + 1, s);
        int v = lo >= 0 ? Math.min(lo, m - 1) : -lo - 2;
        int w = (v + 1) % m;
        double len = arc[v + 1] - arc[v];
        double t = len > 0 ? (s - arc[v]) / len : 0;
        out[0] = p[0][v] + t * (p[0][w] - p[0][v]);
        out[1] = p[1][v] + t * (p[1][w] - p[1][v]);
    }
}
