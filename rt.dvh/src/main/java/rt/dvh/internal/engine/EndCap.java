package rt.dvh.internal.engine;

import java.util.List;

/**
 * Where a structure closes beyond its last contour plane, from the trend of its sections.
 *
 * <p>The measures of a section are its depth M, the radius of the largest circle inside it, and its extent E, the
 * largest distance from its centroid to its outline (both exact, from the polygons). Near a closing end each follows
 * one of two laws: linear in z for an apex (a cone; the depth of the tip of an oblique flat face, whose section is a
 * circular segment of depth sagitta/2) and quadratic in z for its square for a dome (a sphere or ellipsoid pole, the
 * underside of a torus tube; the half chord of that circular segment). A measure's law is the one whose two-plane
 * fit better predicts the third plane from the end (a dome with the square through all three planes, which is exact
 * for spheres). The section is gone where the first measure reaches zero: M alone tells for a ring or a ridge (E
 * stays), E also for ends where the third plane no longer shows M's law (a tube lying across the planes, whose depth
 * is already the tube's radius there; a wedge between a flat face and a cone). That point must lie before the next,
 * empty, plane: a trend that closes up to a quarter spacing beyond it is taken to close at it, one that does not
 * close there (a flat face, a widening section) gives no profile and the end contour stands for half a spacing, the
 * slab convention.
 */
record EndCap(double reach, double me, double q0, double b, double c, boolean dome) {

    /**
     * Depth of the section at distance zeta (mm, 0..reach) beyond the end plane: me at the end plane, shrinking
     * linearly or, for a dome, as the square root of q0 + b·ζ + c·ζ² (the square of the measure that closes first).
     */
    double depthAt(double zeta) {
        if (!dome) {
            return me * Math.max(0, 1 - zeta / reach);
        }
        double q = q0 + b * zeta + c * zeta * zeta;
        return zeta >= reach || q <= 0 ? 0 : me * Math.sqrt(q / q0);
    }

    /**
     * The closing profile from two measures of the sections: the depth M (me, m1, m2 from the end plane inwards)
     * and the extent E (the largest distance from the centroid to the outline, NaN where the centroid is outside the
     * section). E bounds M, so the section is gone
     * (a point or a line) where the first of them closes. E's law is chosen by the third plane; M's law is the one
     * whose closing agrees best with E's (the third plane can lie where M is already limited by the other
     * dimension: a wedge-like end, a tube that turns), or, when E does not close (an annulus, a ridge), by the third
     * plane. Where E closes first, the depth shrinks in proportion to it (similar sections).
     *
     * @param s1   distance between the end plane and the next plane inwards, {@code s2} the one after, or NaN
     * @param sout distance from the end plane to the next (empty) plane
     * @return the profile, or null when the sections do not close before the empty plane (a flat face)
     */
    static EndCap of(double me, double m1, double m2, double ee, double e1, double e2, double s1, double s2,
            double sout, boolean oneSided) {
        if (!(me > 0) || !(m1 > me)) {
            return null; // constant or widening towards the end: a flat face
        }
        EndCap byExtent = e1 > ee ? byThirdPlane(laws(ee, e1, e2, s1, s2)) : null;
        if (byExtent != null && !(byExtent.reach <= 1.25 * sout)) {
            byExtent = null; // the extent does not close here (a ring, a ridge): it tells nothing about the depth
        }
        EndCap[] depthLaws = laws(me, m1, m2, s1, s2);
        if (oneSided) {
            // one side of the section stays while the other sweeps across it (the trace of an oblique face, the
            // rim of a base lying across the planes): the depth shrinks linearly with the sweep, whatever the
            // plane further in shows, where the depth may already be bounded by the section's other dimension
            depthLaws = new EndCap[] {depthLaws[0], null, null, null};
        }
        EndCap cap;
        if (byExtent == null) {
            cap = byThirdPlane(depthLaws);
        } else {
            EndCap closest = null;
            for (EndCap law : depthLaws) {
                if (law != null && (closest == null
                        || Math.abs(law.reach - byExtent.reach) < Math.abs(closest.reach - byExtent.reach))) {
                    closest = law;
                }
            }
            cap = closest != null && closest.reach <= byExtent.reach ? closest
                    : new EndCap(byExtent.reach, me, byExtent.q0, byExtent.b, byExtent.c, byExtent.dome);
        }
        if (cap == null || !(cap.reach > 0) || cap.reach > 1.25 * sout) {
            return null;
        }
        return cap.reach <= sout ? cap : new EndCap(sout, cap.me, cap.q0, cap.b, cap.c, cap.dome);
    }

    /** The law of one measure chosen by how well its two-plane fit predicts the third plane (linear without one). */
    private static EndCap byThirdPlane(EndCap[] laws) {
        return laws[3] == null ? laws[0] : laws[3].dome ? (laws[2] != null ? laws[2] : laws[1]) : laws[0];
    }

    /**
     * The closing laws of a measure (me at the end, m1 one plane in, m2 the next or NaN): {linear through two
     * planes, M² linear through two planes, M² quadratic through three (null when it does not close), the third
     * plane's choice (its dome flag only, null without a third plane)}.
     */
    private static EndCap[] laws(double me, double m1, double m2, double s1, double s2) {
        EndCap[] out = new EndCap[4];
        if (!(me > 0) || !(m1 > me)) {
            return out;
        }
        double q0 = me * me;
        double q1 = m1 * m1;
        double d1 = (q1 - q0) / -s1; // dM²/dζ, ζ outwards
        out[0] = new EndCap(me * s1 / (m1 - me), me, q0, 0, 0, false);
        out[1] = new EndCap(q0 / -d1, me, q0, d1, 0, true);
        if (!Double.isNaN(m2)) {
            double linPredict = m1 + (m1 - me) * s2 / s1;
            double sqPredict = Math.sqrt(Math.max(0, q1 + (q1 - q0) * s2 / s1));
            boolean dome = Math.abs(sqPredict - m2) < Math.abs(linPredict - m2);
            // M² through the three planes at ζ = 0, −s1, −s1−s2 (Newton form q0 + d1·ζ + c·ζ·(ζ + s1))
            double d2 = (m2 * m2 - q1) / -s2;
            double c = (d1 - d2) / (s1 + s2);
            double b = d1 + c * s1;
            double reach = firstRoot(q0, b, c);
            out[2] = Double.isNaN(reach) ? null : new EndCap(reach, me, q0, b, c, true);
            out[3] = new EndCap(Double.NaN, me, q0, 0, 0, dome);
        }
        return out;
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

    /** The polygons that lie inside no other polygon of the plane: the outline with its holes filled. */
    static List<double[][]> outerLoops(List<double[][]> polys) {
        if (polys.size() < 2) {
            return polys;
        }
        List<double[][]> out = new java.util.ArrayList<>(polys.size());
        for (double[][] p : polys) {
            boolean nested = false;
            for (double[][] other : polys) {
                nested |= other != p && signedDistance(java.util.Collections.singletonList(other), p[0][0], p[1][0]) < 0;
            }
            if (!nested) {
                out.add(p);
            }
        }
        return out;
    }

    /** The centroid {x, y} of a plane's outer loops (holes filled), or null for an empty region. */
    static double[] centroid(List<double[][]> region) {
        double area = 0;
        double sx = 0;
        double sy = 0;
        for (double[][] p : outerLoops(region)) {
            double[] px = p[0];
            double[] py = p[1];
            double a = 0;
            double cx = 0;
            double cy = 0;
            for (int e = 0, f = px.length - 1; e < px.length; f = e++) {
                double cross = px[f] * py[e] - px[e] * py[f];
                a += cross;
                cx += (px[f] + px[e]) * cross;
                cy += (py[f] + py[e]) * cross;
            }
            // each loop weighs its own area whatever its orientation
            double sign = Math.signum(a);
            area += sign * a / 2;
            sx += sign * cx / 6;
            sy += sign * cy / 6;
        }
        return area > 0 ? new double[] {sx / area, sy / area} : null;
    }

    /**
     * The extent of a plane's region: the largest distance (mm) from the centroid of its outer loops (holes filled)
     * to their vertices; NaN where that centroid is not inside the region (a ring, several islands, a bent
     * section), which then does not shrink towards it.
     */
    static double extent(List<double[][]> region) {
        List<double[][]> outer = outerLoops(region);
        double[] c = centroid(region);
        if (c == null) {
            return Double.NaN;
        }
        double x = c[0];
        double y = c[1];
        if (!(signedDistance(region, x, y) < 0)) {
            return Double.NaN;
        }
        double most = 0;
        for (double[][] p : outer) {
            for (int v = 0; v < p[0].length; v++) {
                double dx = p[0][v] - x;
                double dy = p[1][v] - y;
                most = Math.max(most, dx * dx + dy * dy);
            }
        }
        return Math.sqrt(most);
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
