package rt.dvh.internal.engine;

import java.util.List;

/**
 * Dmin/Dmax beyond an end plane that shows the trace of an oblique flat face, and where such a face closes the
 * section (see {@link #faceBeyond}): kept apart from the cap's volume rules because it reads the raw polygons, not
 * the fine grid.
 */
final class EndFaces {
    /** A section's extreme along a direction lies on a straight edge if points within this of it (mm) … */
    static final double FACE_FLATNESS_MM = 0.01;
    /** … span at least this much (mm): a side curved less than a radius of about 28 mm counts as flat. */
    static final double FACE_TRACE_MM = 1.5;

    private EndFaces() {
    }

    /**
     * Dmin/Dmax where the end plane shows the trace of an oblique flat face (a rim corner, see
     * OutlineCorners#rimFit): the face closes the section beyond the end plane, and its rim's far end is the extreme
     * there. Along the face's normal
     * the section's width W (from the far side to the trace) shrinks linearly with z: the trace moves linearly, and
     * so does the far side of a cone's or a cylinder's sections (homothetic or translated conics). Where the plane
     * further in shows the face too, the width there W0 gives where the face closes the section, s·W/(W0 − W), s the
     * spacing. Where it does not, the face misses that section, so its width there is at most W0 and the face
     * closes within ζmax = min(s, s·W/(W0 − W)); any reach in (0, ζmax] fits the contours (a steeper face moves
     * faster and closes sooner), and Dmin/Dmax take at least half a spacing (the slab convention): the extreme is put
     * at the middle of [s/2, ζmax], where its error is at most a quarter spacing whatever the face, instead of up to
     * half a spacing at s/2. The far end moves with the far side. A face that does not move (parallel to the contour
     * axis) closes nothing: the cap's trend decides.
     *
     * @return where a face seen on both planes closes the section (≤ s; the cap ends there, its depth shrinking
     *         linearly as the face's width), else +∞
     */
    static double faceBeyond(Plane end, List<double[][]> polys, List<double[][]> n1, double z,
        double spacing, DoseField dose, Dvh.Builder hist) {
    double[] k = end.corners();
    double gap = Math.abs(spacing);
    double closes = Double.POSITIVE_INFINITY;
    for (int c = 0; c < k.length; c += Plane.CORNER) {
        if (Double.isNaN(k[c + 10])) {
            continue;
        }
        double nx = k[c + 6];
        double ny = k[c + 7];
        double[] endRange = alongNormal(polys, nx, ny); // {min, max, x, y at the min}
        double[] inRange = alongNormal(n1, nx, ny);
        double width = endRange[1] - endRange[0];
        double widthIn = inRange[1] - inRange[0];
        if (!(width > 0)) {
            continue;
        }
        double trace = nx * k[c + 4] + ny * k[c + 5];
        double closing = widthIn > width ? gap * width / (widthIn - width) : Double.POSITIVE_INFINITY;
        double reach;
        if (straightEdgeAt(n1, nx, ny, inRange[1])) {
            // the face further in too: it closes the section where its width runs out, if it moves at all
            if (!(inRange[1] - trace > 0.05 * gap) || !(closing <= 1.25 * gap)) {
                continue;
            }
            reach = Math.min(closing, gap);
            closes = Math.min(closes, reach);
        } else {
            reach = 0.5 * (gap / 2 + Math.min(gap, closing));
        }
        if (reach > gap / 2) {
            double f = reach / gap;
            hist.extremes(dose.at(endRange[2] + f * (endRange[2] - inRange[2]),
                    endRange[3] + f * (endRange[3] - inRange[3]), z + Math.signum(spacing) * reach));
        }
    }
    return closes;
}
    /** The extent of a plane's polygons along (nx, ny): {min, max, x and y of a vertex at the min}. */
    private static double[] alongNormal(List<double[][]> polys, double nx, double ny) {
    double[] r = {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0, 0};
    for (double[][] p : polys) {
        for (int v = 0; v < p[0].length; v++) {
            double a = nx * p[0][v] + ny * p[1][v];
            if (a < r[0]) {
                r[0] = a;
                r[2] = p[0][v];
                r[3] = p[1][v];
            }
            r[1] = Math.max(r[1], a);
        }
    }
    return r;
}
    /**
     * Whether the polygons' extreme {@code max} along (nx, ny) lies on a straight edge: their points within
     * {@link #FACE_FLATNESS_MM} of it span at least {@link #FACE_TRACE_MM} (a face's trace, not a curved side).
     */
    private static boolean straightEdgeAt(List<double[][]> polys, double nx, double ny, double max) {
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (double[][] p : polys) {
        for (int v = 0; v < p[0].length; v++) {
            if (nx * p[0][v] + ny * p[1][v] >= max - FACE_FLATNESS_MM) {
                double along = -ny * p[0][v] + nx * p[1][v];
                lo = Math.min(lo, along);
                hi = Math.max(hi, along);
            }
        }
    }
    return hi - lo >= FACE_TRACE_MM;
}
}
