package rt.dvh.internal.engine;

import java.util.List;

/**
 * Where a structure closes beyond its last contour plane, from the trend of its sections.
 *
 * <p>The measure of a section is its depth M, the radius of the largest circle inside it (exact, from the polygons).
 * Near a closing end M follows one of two laws: linear in z for an apex (a cone, the tip of an oblique flat face,
 * whose section is a circular segment of depth sagitta/2) and M² quadratic in z for a dome (a sphere or ellipsoid
 * pole, the underside of a torus tube). The law whose two-plane fit better predicts the third plane from the end is
 * used (a dome with M² through all three planes, which is exact for spheres); the structure closes where M reaches
 * zero. That point must lie before the next, empty, plane: a trend that closes up to a quarter spacing beyond it is
 * taken to close at it, one that does not close there (a flat face, a widening section) gives no profile and the
 * end contour stands for half a spacing, the slab convention.
 */
record EndCap(double reach, double me, double b, double c, boolean dome) {

    /** Depth of the section at distance zeta (mm, 0..reach) beyond the end plane. */
    double depthAt(double zeta) {
        if (!dome) {
            return me * Math.max(0, 1 - zeta / reach);
        }
        double q = me * me + b * zeta + c * zeta * zeta;
        return zeta >= reach || q <= 0 ? 0 : Math.sqrt(q);
    }

    /**
     * @param me   depth of the end section
     * @param m1   depth of the next section inwards, {@code s1} away
     * @param m2   depth of the one after, {@code s2} further, or NaN when there is none
     * @param sout distance from the end plane to the next (empty) plane
     * @return the closing profile, or null when the trend does not close before the empty plane
     */
    static EndCap fit(double me, double m1, double m2, double s1, double s2, double sout) {
        if (!(me > 0) || !(m1 > me)) {
            return null; // constant or widening towards the end: a flat face
        }
        double linReach = me * s1 / (m1 - me);
        boolean dome = false;
        double b = (m1 * m1 - me * me) / -s1; // dM²/dζ, ζ outwards
        double c = 0;
        if (!Double.isNaN(m2)) {
            double linPredict = m1 + (m1 - me) * s2 / s1;
            double sqPredict = Math.sqrt(Math.max(0, m1 * m1 + (m1 * m1 - me * me) * s2 / s1));
            dome = Math.abs(sqPredict - m2) < Math.abs(linPredict - m2);
            if (dome) {
                // M² through the three planes at ζ = 0, −s1, −s1−s2
                double q0 = me * me;
                double q1 = m1 * m1;
                double q2 = m2 * m2;
                double d1 = (q1 - q0) / -s1;
                double d2 = (q2 - q1) / -s2;
                c = (d1 - d2) / (s1 + s2); // Newton form: q0 + d1·ζ + c·ζ·(ζ + s1)
                b = d1 + c * s1;
            }
        }
        double reach = dome ? firstRoot(me * me, b, c) : linReach;
        if (dome && Double.isNaN(reach)) {
            // the three-plane curve does not close: the two-plane dome law
            b = (m1 * m1 - me * me) / -s1;
            c = 0;
            reach = me * me / -b;
        }
        if (!(reach > 0) || reach > 1.25 * sout) {
            return null;
        }
        return new EndCap(Math.min(reach, sout), me, b, c, dome);
    }

    /** Smallest positive root of q0 + b·ζ + c·ζ², or NaN. */
    private static double firstRoot(double q0, double b, double c) {
        if (Math.abs(c) < 1e-12) {
            return b < 0 ? -q0 / b : Double.NaN;
        }
        double disc = b * b - 4 * c * q0;
        if (disc < 0) {
            return Double.NaN;
        }
        double sq = Math.sqrt(disc);
        double r1 = (-b - sq) / (2 * c);
        double r2 = (-b + sq) / (2 * c);
        double lo = Math.min(r1, r2);
        double hi = Math.max(r1, r2);
        return lo > 0 ? lo : hi > 0 ? hi : Double.NaN;
    }

    /**
     * The deepest point of a plane's region and its depth: {x, y, M}, by compass search on the exact signed
     * distance from a start inside (the deepest cell of the fine grid), down to 0.005 mm steps.
     */
    static double[] deepest(List<double[][]> polys, double x, double y, double step) {
        double best = -signedDistance(polys, x, y);
        for (double h = step; h > 0.01; h /= 2) {
            boolean moved = true;
            while (moved) {
                moved = false;
                for (int dir = 0; dir < 8; dir++) {
                    double a = dir * Math.PI / 4;
                    double tx = x + h * Math.cos(a);
                    double ty = y + h * Math.sin(a);
                    double v = -signedDistance(polys, tx, ty);
                    if (v > best + 1e-9) {
                        best = v;
                        x = tx;
                        y = ty;
                        moved = true;
                    }
                }
            }
        }
        return new double[] {x, y, best};
    }

    /** Signed distance (mm) from (x, y) to the plane's outline: negative inside (even-odd over all polygons). */
    static double signedDistance(List<double[][]> polys, double x, double y) {
        double d2 = Double.MAX_VALUE;
        boolean inside = false;
        for (double[][] p : polys) {
            double[] px = p[0];
            double[] py = p[1];
            int m = px.length;
            for (int e = 0, f = m - 1; e < m; f = e++) {
                double ax = px[f];
                double ay = py[f];
                double dx = px[e] - ax;
                double dy = py[e] - ay;
                if ((ay > y) != (py[e] > y) && x < ax + (y - ay) * dx / dy) {
                    inside = !inside;
                }
                double len2 = dx * dx + dy * dy;
                double t = len2 > 0 ? ((x - ax) * dx + (y - ay) * dy) / len2 : 0;
                t = t < 0 ? 0 : (t > 1 ? 1 : t);
                double ex = x - ax - t * dx;
                double ey = y - ay - t * dy;
                d2 = Math.min(d2, ex * ex + ey * ey);
            }
        }
        double d = Math.sqrt(d2);
        return inside ? -d : d;
    }
}
