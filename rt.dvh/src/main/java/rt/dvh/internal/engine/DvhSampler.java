package rt.dvh.internal.engine;

import java.util.Arrays;
import java.util.List;

/**
 * Computes the DVH of one ROI from its contours by sub-voxel sampling.
 *
 * <p>Geometry: each contour plane gets an in-plane signed distance d on a fine grid over the ROI's bounding box
 * (sign from an even-odd centre test, so holes and nested islands work; exact distance to the polygon edges near the
 * outline, passed on to the other cells by closest-point propagation), turned into the implicit function
 * φ = d·(d + 2M) (M = the plane's largest inscribed distance). Between two adjacent planes the ROI is where the
 * linear blend of their φ is negative (shape-based interpolation), less t(1−t)/2·s²·d²φ/dz² with the curvature from
 * the neighbouring planes (minmod-limited, so a face or a kink adds nothing): for circles this follows the squared
 * radius to second order, exact for spheres, ellipsoids and structures lying across the planes, instead of the stair
 * steps of slab stacking, the cones of plain distance interpolation or the chords of a linear blend. When aligning
 * the planes' centroids makes them overlap better (an oblique structure) the blend follows that shift, as a shear, so
 * a tilted cylinder is not pinched between its planes.
 *
 * <p>Bulges: where a structure's extreme lies between two planes (the apex of a cone or the rim of a face lying across
 * the planes, an equator), neither plane shows it. A point outside both planes' outlines is inside when the straight
 * trends of its signed distance from both sides (secants through the planes before and after, continued into the
 * slab; for a surface convex or straight along z they bound it) both put it inside, and the quadratic through the
 * four planes of ψ = d·(d + 2ρ) agrees, ρ the radius of the outline's osculating circle at the closest point (M where
 * straight or concave): near the outline ψ is the restriction of a sphere's, cylinder's or cone's own quadratic
 * function to the plane, so it follows a tip that sharpens towards an apex and stops short of the trends' crossing at
 * a rounded end (ENO-like: the smoother of the two one-sided readings decides). Where one plane shows a corner near
 * the point (an oblique flat face's trace meeting the side) and the other none, ψ cannot tell the surface (it reads
 * the corner as a tiny circle); there the face bounds the bulge, its trace moving linearly from plane to plane, and
 * the side does, ψ's quadratic through the three planes on the smooth side. Where both planes show a corner of the
 * same face, the face's trace and the side continued beyond the corner (the circle through three of its points) are
 * blended between the planes each on its own, and the point is in where both blends have it: the rim is the corner
 * sliding along the curved side, which a blend of the section's distance as a whole cuts to the chord. In the slab
 * next to an end plane (no plane beyond it for these rules) whose section is too small to show the corner its
 * neighbour shows, the trace and the side seen on the two planes further in are continued linearly to the end
 * plane (see {@code rimAtEnd}).
 *
 * <p>Beyond the first and last planes (and at gaps wider than 2.5 median spacings): with {@link EndCaps#TAPER} the
 * cap follows the trend of the sections over the last planes ({@link EndCap}: their depth and their extent, holes of
 * inner planes filled when the end section has none; linear where the section closes from one side). Where it closes
 * the structure before the next (empty) plane (an apex, a dome, an oblique face, a tube lying across the planes) the
 * end section shrinks to its deepest point there, with the volume the trend gives, however close to the plane;
 * otherwise (a flat face, a widening section) the end contour stands for half a contour spacing (the DICOM slab
 * convention) and takes in where the trend of the last two planes widens the section. For Dmin/Dmax every end contour
 * stands for at least half a spacing (the convention of the Nelms et al. analytical DVHs — their sphere poles are
 * contour planes, their Dmin the dose half a spacing beyond — and of most planning systems); where the end plane
 * shows an oblique flat face's trace, as far as the face closes the section, from the widths of the sections along
 * its normal, where the cap then ends at the latest (or, where only the end plane shows the face, to the middle of
 * half a spacing and the farthest it can reach; see {@code faceBeyond}). See {@link Model} for the alternatives.
 *
 * <p>Sampling: one sample per fine cell and sub-slab, at a position jittered inside the cell by an additive
 * low-discrepancy sequence; the inside test uses φ bilinearly interpolated at that position, so the outline is
 * resolved below the cell size and a dose gradient gives a smooth DVH instead of one step per row. Dose is
 * trilinear at every sample. Dmin/Dmax come from the samples and from the dose at every contour vertex (at its
 * plane and half a spacing beyond the end planes), at the tip of a closing cap and at the far ends of bulges (a 4×4
 * sub-cell search where the trends cross), the boundary of the structure.
 */
public final class DvhSampler {

    /**
     * How a ROI fills the space between and beyond its contour planes.
     *
     * <ul>
     * <li>{@link Between#INTERPOLATE}: shape-based interpolation between adjacent planes (blend of the planes'
     *     implicit functions, after aligning their centroids so that oblique structures are not pinched);
     *     {@link Between#NEAREST}: every contour stands for a slab up to half-way to its neighbours (slab
     *     stacking, as voxel masks and most simple DVH tools do).</li>
     * <li>End caps beyond the first and last contour: {@link EndCaps#TAPER} follows the trend of the last planes,
     *     up to the next (empty) plane where it closes the structure (apexes, domes, oblique faces), else for half a
     *     spacing (widened where the trend widens the section); {@link EndCaps#EXTRUDE} repeats the end contour
     *     for half a spacing; {@link EndCaps#NONE} ends the structure at its end contours. A ROI with a single plane is always extruded.</li>
     * </ul>
     */
    public record Model(Between between, EndCaps caps) {
        public static Model defaults() {
            return new Model(Between.INTERPOLATE, EndCaps.TAPER);
        }

        /** Parses "interpolate"/"nearest" and "taper"/"extrude"/"none" (case-insensitive). */
        public static Model of(String between, String caps) {
            return new Model(parse(Between.class, between, "between_planes"), parse(EndCaps.class, caps,
                    "end_caps"));
        }

        private static <E extends Enum<E>> E parse(Class<E> type, String value, String key) {
            for (E e : type.getEnumConstants()) {
                if (e.name().equalsIgnoreCase(value.trim())) {
                    return e;
                }
            }
            throw new IllegalArgumentException(key + ": '" + value + "' is not one of "
                    + java.util.Arrays.toString(type.getEnumConstants()).toLowerCase(java.util.Locale.ROOT));
        }
    }

    /** Between adjacent contour planes. */
    public enum Between { INTERPOLATE, NEAREST }

    /** Beyond the first and last contour plane. */
    public enum EndCaps { TAPER, EXTRUDE, NONE }

    /**
     * @param cellMm          in-plane sample spacing (mm), or NaN for automatic
     * @param budget          most samples (cells × sub-slabs) one ROI may use; the spacing grows to fit
     * @param capThicknessMm  slab thickness for ROIs with a single plane, or NaN to use the dose z spacing
     * @param bins            histogram bins over [0, max dose of the grid]
     * @param model           the structure between and beyond the contour planes
     */
    public record Options(double cellMm, long budget, double capThicknessMm, int bins, Model model) {
        public Options(double cellMm, long budget, double capThicknessMm, int bins) {
            this(cellMm, budget, capThicknessMm, bins, Model.defaults());
        }

        public static Options defaults() {
            return new Options(Double.NaN, 20_000_000L, Double.NaN, 32_768, Model.defaults());
        }

        public Options withCapThickness(double mm) {
            return new Options(cellMm, budget, mm, bins, model);
        }

        public Options withBudget(long samples) {
            return new Options(cellMm, samples, capThicknessMm, bins, model);
        }

        public Options withModel(Model m) {
            return new Options(cellMm, budget, capThicknessMm, bins, m);
        }
    }

    /** Automatic in-plane cell: this fraction of the smaller in-plane dose spacing … */
    static final double CELL_PER_DOSE_SPACING = 0.6;
    /** … but no coarser than this fraction of the ROI's larger in-plane extent … */
    static final double CELL_PER_EXTENT = 1.0 / 40;
    /** … and not coarser than this (mm). */
    static final double MAX_CELL_MM = 1.0;

    private static final double A1 = 0.8191725133961645; // R3 additive recurrence (1/g, 1/g², 1/g³)
    private static final double A2 = 0.6710436067037893;
    private static final double A3 = 0.5497004779019703;
    private static final double A4 = 0.6180339887498949; // golden ratio, for thinning thin slabs

    private DvhSampler() {
    }

    public static Dvh compute(RoiPlanes roi, DoseField dose, Options options) {
        return compute(roi, dose, null, options).dvh();
    }

    /** A DVH and the volume (mm³) of its samples outside a dose grid's extent (0 when not measured). */
    public record Covered(Dvh dvh, double outsideMm3) {
    }

    /**
     * As {@link #compute(RoiPlanes, DoseField, Options)}, also measuring with the same samples the volume outside
     * {@code coverage} (a {@link DoseField#coverage} indicator; null: not measured): one pass instead of a second
     * sweep of the whole ROI with the indicator as its dose.
     */
    public static Covered compute(RoiPlanes roi, DoseField dose, DoseField coverage, Options options) {
        Dvh.Builder hist = new Dvh.Builder(dose.maxDose(), options.bins());
        if (roi.isEmpty()) {
            return new Covered(hist.build(), 0);
        }
        Grid2 g = Grid2.forRoi(roi, dose, options);
        int planes = roi.planeCount();
        double[] z = roi.z();
        double median = roi.medianSpacing();
        double isolated = !Double.isNaN(median) ? median
                : !Double.isNaN(options.capThicknessMm()) ? options.capThicknessMm() : dose.grid().spacing(2);
        boolean[] linked = new boolean[Math.max(planes - 1, 0)];
        for (int k = 0; k + 1 < planes; k++) {
            linked[k] = z[k + 1] - z[k] <= 2.5 * median + 1e-6;
        }
        Sweep sweep = new Sweep(g, dose, coverage, hist);
        Model model = options.model();
        List<List<double[][]>> polys = roi.polygons();
        PlaneWindow window = new PlaneWindow(g, polys);
        Curvature kCur = null; // d²φ/dz² at plane k, when its neighbours on both sides are linked
        Curvature spareCurvature = null;
        int[] shiftCur = null; // the centroid shift from plane k to k + 1, when known
        for (int k = 0; k < planes; k++) {
            boolean lowerLinked = k > 0 && linked[k - 1];
            boolean upperLinked = k + 1 < planes && linked[k];
            Plane cur = window.at(k);
            Plane prev = lowerLinked ? window.at(k - 1) : null;
            Plane next = upperLinked ? window.at(k + 1) : null;
            boolean interpolate = model.between() == Between.INTERPOLATE;
            Plane next2 = null;
            Curvature kNext = null;
            int[] shiftNext = null;
            if (interpolate && upperLinked && k + 2 < planes && linked[k + 1]) {
                next2 = window.at(k + 2);
                if (shiftCur == null) {
                    shiftCur = next == cur ? new int[2] : shift(cur, next, g.nx, g.ny);
                }
                shiftNext = next2 == next ? new int[2] : shift(next, next2, g.nx, g.ny);
                kNext = Curvature.of(cur, next, next2, z[k + 1] - z[k], z[k + 2] - z[k + 1], shiftCur, shiftNext,
                        g.nx, g.ny, spareCurvature);
            }
            double below = lowerLinked ? z[k] - z[k - 1] : upperLinked ? z[k + 1] - z[k] : isolated;
            double above = upperLinked ? z[k + 1] - z[k] : lowerLinked ? z[k] - z[k - 1] : isolated;
            boolean single = !lowerLinked && !upperLinked;
            if (!interpolate) {
                if (lowerLinked || single || model.caps() != EndCaps.NONE) {
                    sweep.slab(cur, cur, z[k], -below / 2, 0, 0);
                    extremes(polys.get(k), z[k] - below / 2, dose, hist);
                }
                if (upperLinked || single || model.caps() != EndCaps.NONE) {
                    sweep.slab(cur, cur, z[k], above / 2, 0, 0);
                    extremes(polys.get(k), z[k] + above / 2, dose, hist);
                }
            } else {
                if (!lowerLinked) {
                    boolean second = upperLinked && k + 2 < planes && linked[k + 1];
                    cap(sweep, model.caps(), cur, next, polys.get(k), z[k], -below, dose, hist,
                            upperLinked ? polys.get(k + 1) : null, second ? polys.get(k + 2) : null,
                            second ? z[k + 2] - z[k + 1] : Double.NaN);
                }
                if (upperLinked) {
                    int[] shift = shiftCur != null ? shiftCur : next == cur ? new int[2] : shift(cur, next, g.nx, g.ny);
                    sweep.curvatures(kCur, kNext);
                    // the planes two before and two after, for the rims' curved trends (see Sweep#bulge)
                    boolean far = prev != null && next2 != null;
                    Plane prev2 = far && k >= 2 && linked[k - 2] ? window.at(k - 2) : null;
                    Plane next3 = far && k + 3 < planes && linked[k + 2] ? window.at(k + 3) : null;
                    double slab = z[k + 1] - z[k];
                    sweep.outer(prev, next2, prev != null ? slab / (z[k] - z[k - 1]) : 0,
                            next2 != null ? slab / (z[k + 2] - z[k + 1]) : 0);
                    sweep.further(prev2, next3, prev2 != null ? (z[k - 1] - z[k - 2]) / slab : 0,
                            next3 != null ? (z[k + 3] - z[k + 2]) / slab : 0);
                    sweep.slab(cur, next, z[k], z[k + 1] - z[k], shift[0], shift[1]);
                    sweep.curvatures(null, null);
                    sweep.outer(null, null, 0, 0);
                    sweep.further(null, null, 0, 0);
                } else {
                    boolean second = lowerLinked && k >= 2 && linked[k - 2];
                    cap(sweep, model.caps(), cur, lowerLinked ? prev : null, polys.get(k), z[k], above, dose,
                            hist, lowerLinked ? polys.get(k - 1) : null, second ? polys.get(k - 2) : null,
                            second ? z[k - 1] - z[k - 2] : Double.NaN);
                }
            }
            extremes(polys.get(k), z[k], dose, hist);
            spareCurvature = kCur;
            kCur = kNext;
            shiftCur = shiftNext;
        }
        return new Covered(hist.build(), sweep.outsideMm3);
    }

    /**
     * The part beyond an end plane, over {@code spacing} (signed: negative below the plane) to the next plane.
     *
     * @param neighbour the adjacent plane on the other side, or null for a ROI with a single plane
     * @param n1        the neighbour's polygons (null with it), {@code n2} those of the plane after it or null,
     *                  {@code s2} the distance between those two
     */
    private static void cap(Sweep sweep, EndCaps caps, Plane end, Plane neighbour, List<double[][]> polys, double z,
            double spacing, DoseField dose, Dvh.Builder hist, List<double[][]> n1, List<double[][]> n2, double s2) {
        if (neighbour == null || caps == EndCaps.EXTRUDE) {
            sweep.slab(end, end, z, spacing / 2, 0, 0);
            extremes(polys, z + spacing / 2, dose, hist);
        } else if (caps == EndCaps.TAPER) {
            int[] shift = neighbour == end ? new int[2] : shift(neighbour, end, sweep.g.nx, sweep.g.ny);
            Grid2 g = sweep.g;
            // depths on the outlines as the fine grid sees them (dense, nearly collinear points dropped)
            double tol = 0.02 * g.cell;
            List<double[][]> pe = simplified(polys, tol);
            // an end section without holes closes as an outline: holes of the planes further in are cavities that
            // close on their own, so those planes are measured with their holes filled (an annulus at the end, the
            // tip of a ring, is measured as it is)
            boolean holesAtEnd = EndCap.outerLoops(pe).size() < pe.size();
            List<double[][]> p1 = simplified(n1, tol);
            List<double[][]> p1m = holesAtEnd ? p1 : EndCap.outerLoops(p1);
            double[] e = EndCap.deepest(pe, g.centreX(end.best()), g.centreY(end.best()), g.cell);
            double bx = g.centreX(neighbour.best());
            double by = g.centreY(neighbour.best());
            boolean fromEnd = EndCap.signedDistance(p1m, e[0], e[1]) < EndCap.signedDistance(p1m, bx, by);
            double[] m1 = EndCap.deepest(p1m, fromEnd ? e[0] : bx, fromEnd ? e[1] : by, g.cell);
            double m2 = Double.NaN;
            double e2 = Double.NaN; // the extent of the plane after
            if (n2 != null) {
                List<double[][]> p2 = simplified(n2, tol);
                List<double[][]> p2m = holesAtEnd ? p2 : EndCap.outerLoops(p2);
                if (m1[2] > 0 && EndCap.signedDistance(p2m, m1[0], m1[1]) < 0) {
                    m2 = EndCap.deepest(p2m, m1[0], m1[1], g.cell)[2];
                }
                e2 = m1[2] > e[2] ? EndCap.extent(p2m) : Double.NaN;
            }
            double gap = Math.abs(spacing);
            boolean narrows = m1[2] > e[2]; // else a flat face: no extents needed
            // the section closes from one side where its deepest point is no deeper in the neighbour plane (aligned
            // by the structure's drift) than half-way to the neighbour's depth: the side it is nearest to stays
            // (an oblique face's trace sweeping across a section, a base's rim lying across the planes); a section
            // closing from all sides (a pole, an apex, the top of a ring) keeps its deepest point deep inside
            boolean oneSided = narrows && -EndCap.signedDistance(p1m, e[0] - shift[0] * g.cell,
                    e[1] - shift[1] * g.cell) < 0.5 * (e[2] + m1[2]);
            EndCap apex = EndCap.of(e[2], m1[2], m2, narrows ? EndCap.extent(pe) : Double.NaN,
                    narrows ? EndCap.extent(p1m) : Double.NaN, e2, gap, s2, gap, oneSided);
            extremes(polys, z + spacing / 2, dose, hist); // the slab convention's extent
            double faceCloses = faceBeyond(end, polys, n1, z, spacing, dose, hist);
            if (apex != null && faceCloses <= gap) {
                // the face closes the section where its width along the face's normal runs out (measured on two
                // planes, where the depth's trend only estimates it): the cap ends there, its depth shrinking
                // linearly with the width
                apex = new EndCap(faceCloses, apex.me(), apex.me() * apex.me(), 0, 0, false);
            }
            if (apex == null) {
                sweep.taper(end, neighbour, z, spacing, shift[0], shift[1], 0.5, true);
            } else {
                // the tip of the cap: its volume is too small for the samples to find its dose. A cap that closes
                // sooner than half a spacing keeps the trend's volume (no stretching: a ring or a pole closing near
                // its end plane would gain volume); the slab convention's half spacing holds for Dmin/Dmax alone,
                // through the end contour's extremes above
                double f = apex.reach() / gap;
                hist.extremes(dose.at(e[0] + f * shift[0] * g.cell, e[1] + f * shift[1] * g.cell,
                        z + Math.signum(spacing) * apex.reach()));
                sweep.apex(end, apex, z, spacing, shift[0], shift[1]);
            }
        }
    }

    /** A section's extreme along a direction lies on a straight edge if points within this of it (mm) … */
    static final double FACE_FLATNESS_MM = 0.01;
    /** … span at least this much (mm): a side curved less than a radius of about 28 mm counts as flat. */
    static final double FACE_TRACE_MM = 1.5;

    /**
     * Dmin/Dmax where the end plane shows the trace of an oblique flat face (a rim corner, see Grid2#rimFit): the face
     * closes the section beyond the end plane, and its rim's far end is the extreme there. Along the face's normal
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
    private static double faceBeyond(Plane end, List<double[][]> polys, List<double[][]> n1, double z,
            double spacing, DoseField dose, Dvh.Builder hist) {
        double[] k = end.corners();
        double gap = Math.abs(spacing);
        double closes = Double.POSITIVE_INFINITY;
        for (int c = 0; c < k.length; c += CORNER) {
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

    private static List<double[][]> simplified(List<double[][]> polys, double tol) {
        List<double[][]> out = new java.util.ArrayList<>(polys.size());
        for (double[][] p : polys) {
            out.add(Grid2.simplify(p, tol));
        }
        return out;
    }

    /**
     * The centroid shift from plane a to plane b in whole cells, when aligning the planes makes them overlap better
     * (an oblique structure); none otherwise (a section that changes shape in place, such as a cone lying in the
     * plane, whose centroid moves although its outline does not).
     */
    static int[] shift(Plane a, Plane b, int nx, int ny) {
        if (a.area() <= 0 || b.area() <= 0) {
            return new int[2];
        }
        int mi = (int) Math.round(b.cx() - a.cx());
        int mj = (int) Math.round(b.cy() - a.cy());
        if (mi == 0 && mj == 0) {
            return new int[2];
        }
        return overlap(a, b, mi, mj, nx, ny) > overlap(a, b, 0, 0, nx, ny) ? new int[] {mi, mj} : new int[2];
    }

    /** Cells inside both a (at q) and b (at q + shift). */
    private static long overlap(Plane a, Plane b, int mi, int mj, int nx, int ny) {
        float[] pa = a.phi();
        float[] pb = b.phi();
        long both = 0;
        for (int j = Math.max(0, -mj); j < Math.min(ny, ny - mj); j++) {
            int row = j * nx;
            int rowB = (j + mj) * nx + mi;
            for (int i = Math.max(0, -mi); i < Math.min(nx, nx - mi); i++) {
                if (pa[row + i] < 0 && pb[rowB + i] < 0) {
                    both++;
                }
            }
        }
        return both;
    }

    /** Whether two planes hold exactly the same polygons (contours copied from one plane to the next). */
    static boolean samePolygons(List<double[][]> a, List<double[][]> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int n = 0; n < a.size(); n++) {
            if (!Arrays.equals(a.get(n)[0], b.get(n)[0]) || !Arrays.equals(a.get(n)[1], b.get(n)[1])) {
                return false;
            }
        }
        return true;
    }

    private static void extremes(List<double[][]> polys, double z, DoseField dose, Dvh.Builder hist) {
        for (double[][] p : polys) {
            for (int n = 0; n < p[0].length; n++) {
                hist.extremes(dose.at(p[0][n], p[1][n], z));
            }
        }
    }

    /**
     * φ of one plane on the fine grid, the φ value beyond which a cell and its neighbours are outside, the largest
     * inscribed distance (φ = d·(d + 2·depth) for the signed distance d), the centroid of the inside cells (cell
     * units), their count and the number of contours.
     */
    record Plane(float[] phi, float[] dist, float[] psi, float outside, double depth, double cx, double cy, int area,
            int contours, int best, double[] corners, CornerIndex cornerIndex) {
        Plane(float[] phi, float[] dist, float[] psi, float outside, double depth, double cx, double cy, int area,
                int contours, int best, double[] corners) {
            this(phi, dist, psi, outside, depth, cx, cy, area, contours, best, corners, new CornerIndex(corners, CORNER));
        }

        /**
         * The corner of the outline (see Grid2#addCorners; x, y in mm) closest to (x, y) if within {@code reach},
         * as its index in {@link #corners} (x, y, and the outward unit normal of the straighter edge at it), or −1.
         */
        int cornerNear(double x, double y, double reach) {
            return cornerIndex.nearest(x, y, reach);
        }
    }

    /**
     * d²φ/dz² of a plane from its two neighbours, aligned by the slabs' centroid shifts: the linear blend
     * between planes misses it — for a sphere φ = ρ² − R² + z², whose z² the blend overestimates by t(1−t)·s² — so
     * the slab takes t(1−t)/2·s²·d²φ/dz² off (the quadratic through three planes, exact for spheres, ellipsoids and
     * cones lying across the planes).
     */
    record Curvature(float[] k) {
        /** At plane b, with a's cells shifted by −ab and c's by +bc (the planes aligned as the slabs blend them). */
        static Curvature of(Plane a, Plane b, Plane c, double h1, double h2, int[] ab, int[] bc, int nx, int ny,
                Curvature reuse) {
            float[] pa = a.phi();
            float[] pb = b.phi();
            float[] pc = c.phi();
            float[] k = reuse != null && reuse.k.length == pb.length ? reuse.k : new float[pb.length];
            float wc = (float) (2 / ((h1 + h2) * h2));
            float wa = (float) (2 / ((h1 + h2) * h1));
            float wb = wa + wc;
            int offA = -(ab[1] * nx + ab[0]);
            int offC = bc[1] * nx + bc[0];
            // the columns where both shifted cells are on the grid: i − ab[0] and i + bc[0] in [0, nx)
            int iLo = Math.max(0, Math.max(ab[0], -bc[0]));
            int iHi = Math.min(nx, Math.min(nx + ab[0], nx - bc[0]));
            for (int j = 0, row = 0; j < ny; j++, row += nx) {
                boolean rows = j - ab[1] >= 0 && j - ab[1] < ny && j + bc[1] >= 0 && j + bc[1] < ny;
                int lo = rows ? Math.min(iLo, nx) : nx;
                int hi = rows ? Math.max(iHi, lo) : nx;
                Arrays.fill(k, row, row + lo, 0f);
                for (int n = row + lo; n < row + hi; n++) {
                    k[n] = wc * pc[n + offC] - wb * pb[n] + wa * pa[n + offA];
                }
                Arrays.fill(k, row + hi, row + nx, 0f);
            }
            return new Curvature(k);
        }
    }

    /**
     * The planes by index, each computed once: a slab needs planes k − 2 to k + 3, so eight slots suffice, and a
     * plane takes the arrays of the one eight before it unless another slot still holds that one (copied contours
     * share their neighbour's plane).
     */
    private static final class PlaneWindow {
        private final Grid2 g;
        private final List<List<double[][]>> polys;
        private final Plane[] slot = new Plane[8];
        private final int[] index = {-1, -1, -1, -1, -1, -1, -1, -1};

        /**
         * Each plane's polygons as an array: the plane lists are of two classes (List.copyOf's for one or two
         * polygons and for more), and the geometry's loops over them, compiled for one, were thrown away and
         * compiled again when the other came.
         */
        private final double[][][][] arrays;

        PlaneWindow(Grid2 g, List<List<double[][]>> polys) {
            this.g = g;
            this.polys = polys;
            arrays = new double[polys.size()][][][];
            for (int k = 0; k < arrays.length; k++) {
                arrays[k] = polys.get(k).toArray(new double[0][][]);
            }
        }

        Plane at(int k) {
            int s = k & 7;
            if (index[s] == k) {
                return slot[s];
            }
            int p = (k - 1) & 7;
            Plane plane;
            if (k > 0 && index[p] == k - 1 && samePolygons(polys.get(k - 1), polys.get(k))) {
                plane = slot[p]; // a copied contour has the same φ
            } else {
                Plane reuse = slot[s];
                for (int t = 0; t < slot.length && reuse != null; t++) {
                    if (t != s && slot[t] == reuse) {
                        reuse = null;
                    }
                }
                plane = g.plane(arrays[k], reuse);
            }
            slot[s] = plane;
            index[s] = k;
            return plane;
        }
    }

    /**
     * Values per corner in {@link Plane#corners}: x, y, the outward normal of the face's trace (its straighter edge
     * at the vertex), then the face and the side fitted away from the vertex, to continue beyond it (see
     * Grid2#rimFit: a point of the face's trace, its outward normal, the side's circle's centre and signed
     * curvature).
     */
    static final int CORNER = 11;
    /** k·span at a vertex below which it is polygon drawing, not a corner (a turn of about 20°). */
    static final double MIN_CORNER_TURN = 0.35;

    /** Walks sub-slabs and adds jittered samples to the histogram. */
    private static final class Sweep {
        private final Grid2 g;
        private final DoseField dose;
        private final Dvh.Builder hist;
        private final DoseField coverage; // the dose grid's indicator where the volume outside it is measured, or null
        private double outsideMm3; // the samples' volume outside the dose grid (with coverage)
        private double u1 = 0.5;
        private double u2 = 0.5;
        private double u3 = 0.5;
        private double u4 = 0.5;
        private int[] candI = new int[0];
        private int[] candJ = new int[0];
        private Curvature curvA;
        private Curvature curvB;
        private Plane before; // the planes before and after the slab's two, or null
        private Plane after;
        private double ratioBefore; // the slab's thickness over the spacing to the plane before, or after
        private double ratioAfter;
        private boolean[] bulgeCell = new boolean[0]; // per candidate: a bulge may reach it
        private double slabMm; // the thickness of the slab being walked
        private Plane before2; // the planes two before and two after the slab's two, or null
        private Plane after2;
        private double gapBefore2; // the spacing from before2 to before, and from after to after2, over the slab's
        private double gapAfter2;
        private boolean rims; // the slab being walked tests rimOneSide where a sample is inside one plane only
        private boolean endRims; // … and rimAtEnd outside its end plane (a, when endIsA, or b)
        private boolean endIsA;

        /** The planes two before and two after the next slab's two (either may be null), for rims between them. */
        void further(Plane before2, Plane after2, double gapBefore2OverSlab, double gapAfter2OverSlab) {
            this.before2 = before2;
            this.after2 = after2;
            gapBefore2 = gapBefore2OverSlab;
            gapAfter2 = gapAfter2OverSlab;
        }

        /** The planes before and after the next slab's two (either may be null), for bulges between them. */
        void outer(Plane before, Plane after, double slabOverBefore, double slabOverAfter) {
            this.before = before;
            this.after = after;
            ratioBefore = slabOverBefore;
            ratioAfter = slabOverAfter;
        }

        /**
         * Whether the point at (i0 + fx, j0 + fy) of plane a's frame (cell-centre units), at t between the planes,
         * lies in a bulge: outside both planes' outlines, but inside where the trends of both sides reach. A bulge
         * needs both: the straight trends of the signed distance from either side (the secants through the planes
         * before and after the slab's two, continued into the slab) must cross inside the structure — along a
         * surface that is convex or straight in z they hold it, so they bound how far it can reach — and ψ's
         * quadratic through the planes must be negative there (see {@link Grid2#plane}), which tells an apex or
         * a sharpening tip, that reaches the crossing, from a rounded end, that stops short of it.
         */
        private boolean bulge(Plane a, Plane b, int i0, int j0, int mi, int mj, double t, double fx, double fy) {
            int nx = g.nx;
            int b00 = j0 * nx + i0;
            int off = mj * nx + mi;
            double dA = bilinear(a.dist(), b00, nx, fx, fy);
            double dB = bilinear(b.dist(), b00 + off, nx, fx, fy);
            if (dA <= 0 || dB <= 0) {
                return false;
            }
            double lower = dA + t * ratioBefore * (dA - bilinear(before.dist(), b00 - off, nx, fx, fy));
            double upper = dB + (1 - t) * ratioAfter * (dB - bilinear(after.dist(), b00 + 2 * off, nx, fx, fy));
            if (lower >= 0 || upper >= 0) {
                return false;
            }
            double pA = bilinear(a.psi(), b00, nx, fx, fy);
            double pB = bilinear(b.psi(), b00 + off, nx, fx, fy);
            // A corner on one plane near the point and none on the other: the extreme is the rim where an oblique
            // flat face meets the side between the planes. ψ assumes one smooth surface through the four planes and
            // reads the corner (and the straight trace next to it) as a tiny circle, a tip about to close, so it
            // must not decide there. The structure between the planes is the side cut by the face. The face's trace
            // is a straight line in each plane, moving linearly with z: the line through the corner (along its
            // straighter edge), moved by the offset of the corresponding corner on the plane beyond (along the
            // trace's normal, so any point of the rim, a curve, will do), must have the point inside. The side
            // must too: ψ's quadratic through the three planes on the smooth side (ψ there is the restriction of
            // the side's own quadratic function, see Grid2#plane; a straight trend overshoots a side that narrows,
            // as a cone's). The distance to the corner itself is no such bound: the corner runs along the curved
            // rim, and its straight trend runs past where the rim turns. "Near" is within the point's distance plus
            // four slab spacings, as far as a face at up to 76° to the planes moves its trace over the slab.
            double slack = 0.5 * Math.max(g.cell, 0.5);
            double px = g.x0 + (i0 + 0.5 + fx) * g.cell;
            double py = g.y0 + (j0 + 0.5 + fy) * g.cell;
            double sx = mi * g.cell; // plane b's frame is shifted by +shift; the plane before by −shift
            double sy = mj * g.cell;
            int cA = a.cornerNear(px, py, dA + slack + 4 * slabMm);
            int cB = b.cornerNear(px + sx, py + sy, dB + slack + 4 * slabMm);
            if (cA >= 0 && cB >= 0 && rimBetween(a.corners(), cA, b.corners(), cB, px, py, px + sx, py + sy, t)) {
                return true;
            }
            if ((cA >= 0) != (cB >= 0)) {
                boolean onA = cA >= 0;
                Plane c = onA ? a : b;
                Plane beyond = onA ? before : after;
                int ci = onA ? cA : cB;
                double[] k = c.corners();
                double[] kb = beyond.corners();
                // the point, the corner plane's frame and the plane beyond's frame (aligned as the slab's shift)
                double qx = onA ? px : px + sx;
                double qy = onA ? py : py + sy;
                double bx = onA ? -sx : sx;
                double by = onA ? -sy : sy;
                double face = k[ci + 2] * (qx - k[ci]) + k[ci + 3] * (qy - k[ci + 1]);
                // the corner of the plane beyond that continues it: the nearest within the same reach
                int cb = beyond.cornerNear(k[ci] + bx, k[ci + 1] + by, 4 * slabMm);
                Plane smooth2 = onA ? after2 : before2;
                int farIdx = onA ? b00 + 3 * off : b00 - 2 * off;
                int reachOut = onA ? 3 : -2;
                boolean farOk = smooth2 != null && inside(i0 + reachOut * mi, j0 + reachOut * mj);
                if (cb >= 0 && farOk) {
                    double xs = onA ? 1 - t : t; // into the slab from the smooth plane, in slab spacings
                    double u1 = 1 / (onA ? ratioAfter : ratioBefore);
                    double u2 = onA ? gapAfter2 : gapBefore2;
                    double s0 = onA ? pB : pA;
                    double s1 = bilinear((onA ? after : before).psi(), onA ? b00 + 2 * off : b00 - off, nx, fx, fy);
                    double s2 = bilinear(smooth2.psi(), farIdx, nx, fx, fy);
                    // Lagrange through (0, s0), (−u1, s1), (−u1 − u2, s2), at xs
                    double side = s0 * (xs + u1) * (xs + u1 + u2) / (u1 * (u1 + u2))
                            - s1 * xs * (xs + u1 + u2) / (u1 * u2)
                            + s2 * xs * (xs + u1) / ((u1 + u2) * u2);
                    if (!(side < 0)) {
                        return false;
                    }
                    double move = k[ci + 2] * (kb[cb] - bx - k[ci]) + k[ci + 3] * (kb[cb + 1] - by - k[ci + 1]);
                    double x = onA ? t * ratioBefore : (1 - t) * ratioAfter;
                    return face + x * move < 0;
                }
            }
            double p0 = bilinear(before.psi(), b00 - off, nx, fx, fy);
            double p1 = pA;
            double p2 = pB;
            double p3 = bilinear(after.psi(), b00 + 2 * off, nx, fx, fy);
            // second differences scaled to the slab's spacing (equal spacings: the usual second differences)
            double k = minmod(ratioBefore * (ratioBefore * (p0 - p1) + (p2 - p1)) * 2 / (1 + ratioBefore),
                    ratioAfter * (ratioAfter * (p3 - p2) + (p1 - p2)) * 2 / (1 + ratioAfter));
            return (1 - t) * p1 + t * p2 - 0.5 * t * (1 - t) * k < 0;
        }

        /**
         * A point beyond the face's trace on either plane, where both planes show a corner of the same face (their
         * traces' normals within about 25°): the rim of an oblique flat face lying between the planes. The section
         * there is the face's half-plane cut by the side, each moving with z on its own, so each is blended on its
         * own: the trace (exactly linear in z for a flat face) and the side continued beyond the corner (its circle,
         * see Grid2#rimFit). Blending the section's signed distance instead would take the larger of the two at both
         * planes, which cuts the corner as it moves: the rim, whose extreme lies between the planes, would be drawn
         * as the chord between the planes' corners. False where the rule does not apply (another kind of corner, or
         * the point inside the face's half-plane on both planes, where the side alone decides), and the other bulge
         * rules still decide.
         */
        private static boolean rimBetween(double[] ka, int cA, double[] kb, int cB, double ax, double ay, double bx,
                double by, double t) {
            if (Double.isNaN(ka[cA + 10]) || Double.isNaN(kb[cB + 10])
                    || ka[cA + 6] * kb[cB + 6] + ka[cA + 7] * kb[cB + 7] < 0.9) {
                return false;
            }
            double fA = ka[cA + 6] * (ax - ka[cA + 4]) + ka[cA + 7] * (ay - ka[cA + 5]);
            double fB = kb[cB + 6] * (bx - kb[cB + 4]) + kb[cB + 7] * (by - kb[cB + 5]);
            if (fA <= 0 && fB <= 0) {
                return false;
            }
            return (1 - t) * fA + t * fB < 0
                    && (1 - t) * sideDistance(ka, cA, ax, ay) + t * sideDistance(kb, cB, bx, by) < 0;
        }

        /**
         * A point inside one plane's outline and beyond the other plane's face trace, where only that other plane
         * shows a corner of an oblique flat face (the face's rim lies between the planes and the plane without the
         * corner is past the face's reach): 1 inside, 0 outside, −1 where the rule does not apply (the blend and
         * the bulge rules decide). The section there is the side cut by the face, each moving on its own, as in
         * {@link #rimBetween}: the face's trace moves linearly, by the offset of the corner on the plane beyond
         * the corner's plane (along the trace's normal), and the side is blended between the plane without the
         * corner and the corner plane's side continued beyond the corner (its circle). Blending the section's signed
         * distance instead takes the distance beyond the trace at the corner plane, which cuts the rim towards the
         * other plane's outline (in-plane Dmin +3 % at the rim of an oblique cone's face on 3 mm planes).
         */
        private int rimOneSide(Plane a, Plane b, int i0, int j0, int mi, int mj, double t, double fx, double fy) {
            int nx = g.nx;
            int b00 = j0 * nx + i0;
            int off = mj * nx + mi;
            double dA = bilinear(a.dist(), b00, nx, fx, fy);
            double dB = bilinear(b.dist(), b00 + off, nx, fx, fy);
            if ((dA > 0) == (dB > 0)) {
                return -1;
            }
            boolean onA = dA > 0; // the corner must be on the plane whose outline the point is outside of
            Plane c = onA ? a : b;
            Plane other = onA ? b : a;
            Plane beyond = onA ? before : after;
            double slack = 0.5 * Math.max(g.cell, 0.5);
            double px = g.x0 + (i0 + 0.5 + fx) * g.cell;
            double py = g.y0 + (j0 + 0.5 + fy) * g.cell;
            double sx = mi * g.cell;
            double sy = mj * g.cell;
            double qx = onA ? px : px + sx; // the point in the corner plane's frame
            double qy = onA ? py : py + sy;
            int ci = c.cornerNear(qx, qy, (onA ? dA : dB) + slack + 4 * slabMm);
            if (ci < 0 || other.cornerNear(onA ? px + sx : px, onA ? py + sy : py, slack + 4 * slabMm) >= 0) {
                return -1;
            }
            double[] k = c.corners();
            if (Double.isNaN(k[ci + 10])) {
                return -1;
            }
            double face = k[ci + 6] * (qx - k[ci + 4]) + k[ci + 7] * (qy - k[ci + 5]);
            if (!(face > 0)) {
                return -1; // inside the face's half-plane: the side alone decides, as the blend has it
            }
            double bx = onA ? -sx : sx; // the plane beyond's frame relative to the corner plane's
            double by = onA ? -sy : sy;
            int cb = beyond.cornerNear(k[ci] + bx, k[ci + 1] + by, 4 * slabMm);
            if (cb < 0) {
                return -1; // the face's slope is unknown
            }
            double[] kb = beyond.corners();
            double move = k[ci + 6] * (kb[cb] - bx - k[ci]) + k[ci + 7] * (kb[cb + 1] - by - k[ci + 1]);
            double x = onA ? t * ratioBefore : (1 - t) * ratioAfter;
            double side = onA ? (1 - t) * sideDistance(k, ci, qx, qy) + t * dB
                    : (1 - t) * dA + t * sideDistance(k, ci, qx, qy);
            return face + x * move < 0 && side < 0 ? 1 : 0;
        }

        /**
         * A point outside the end plane's outline in the slab next to an end plane (no plane beyond it, so no bulge
         * or rim rule), where the plane further in shows a corner of an oblique flat face and the end plane does not
         * (it lies so close to the face's far rim point that its small section shows no corner): 1 inside, 0
         * outside, −1 where the rule does not apply (the blend decides). A flat face's trace moves linearly with z,
         * so it is continued from the corner plane and the plane beyond it (the corner there along the trace's
         * normal) to the point's height; the side is continued the same way from its circles on those two planes
         * (a cone's or a cylinder's side distance changes linearly with z). The section is the side cut by the face.
         * The end plane's own section says nothing about the side there (the face cut most of it): blending with it
         * cuts the rim (D99 along z +4.5 % on an oblique cone's base lying just above a plane, 3 mm planes).
         */
        private int rimAtEnd(Plane a, Plane b, int i0, int j0, int mi, int mj, double t, double fx, double fy) {
            boolean first = before == null; // the end plane is a (the first slab) or b (the last)
            Plane c = first ? b : a;
            Plane end = first ? a : b;
            Plane beyond = first ? after : before;
            double px = g.x0 + (i0 + 0.5 + fx) * g.cell;
            double py = g.y0 + (j0 + 0.5 + fy) * g.cell;
            double sx = mi * g.cell;
            double sy = mj * g.cell;
            double qx = first ? px + sx : px; // the point in the corner plane's frame
            double qy = first ? py + sy : py;
            double dC = bilinear(c.dist(), j0 * g.nx + i0 + (first ? mj * g.nx + mi : 0), g.nx, fx, fy);
            double slack = 0.5 * Math.max(g.cell, 0.5);
            int ci = c.cornerNear(qx, qy, Math.max(dC, 0) + slack + 4 * slabMm);
            if (ci < 0 || end.cornerNear(first ? px : px + sx, first ? py : py + sy, slack + 4 * slabMm) >= 0) {
                return -1;
            }
            double[] k = c.corners();
            double bx = first ? sx : -sx; // the plane beyond's frame relative to the corner plane's
            double by = first ? sy : -sy;
            int cb = beyond.cornerNear(k[ci] + bx, k[ci + 1] + by, 4 * slabMm);
            if (cb < 0) {
                return -1;
            }
            double[] kb = beyond.corners();
            if (Double.isNaN(k[ci + 10]) || Double.isNaN(kb[cb + 10])
                    || k[ci + 6] * kb[cb + 6] + k[ci + 7] * kb[cb + 7] < 0.9) {
                return -1; // no face meeting a side on both planes, or not the same face
            }
            double ratio = first ? ratioAfter : ratioBefore;
            double face = k[ci + 6] * (qx - k[ci + 4]) + k[ci + 7] * (qy - k[ci + 5]);
            double move = k[ci + 6] * (kb[cb] - bx - k[ci]) + k[ci + 7] * (kb[cb + 1] - by - k[ci + 1]);
            if (!(face + ratio * move > 0)) {
                return -1; // inside the face's half-plane at the end plane: the face does not cut the point there
            }
            double x = first ? (1 - t) * ratio : t * ratio; // from the corner plane, in spacings to the plane beyond
            double sideC = sideDistance(k, ci, qx, qy);
            double side = sideC + x * (sideC - sideDistance(kb, cb, qx + bx, qy + by));
            return face + x * move < 0 && side < 0 ? 1 : 0;
        }

        /** The signed distance (negative inside) from (x, y) to the side at corner c continued beyond it. */
        private static double sideDistance(double[] k, int c, double x, double y) {
            double kappa = k[c + 10];
            double r = 1 / Math.abs(kappa);
            double dist = Math.hypot(x - k[c + 8], y - k[c + 9]);
            return kappa > 0 ? dist - r : r - dist;
        }

        /** Whether the bulge test can run at a cell: the planes on both sides exist and every index is on the grid. */
        private boolean bulgeRange(int i0, int j0, int mi, int mj) {
            return before != null && after != null && inside(i0 - mi, j0 - mj) && inside(i0, j0)
                    && inside(i0 + 2 * mi, j0 + 2 * mj);
        }

        /**
         * Where the straight trends of both sides through the cell centre idx cross (t in the slab, clamped), or NaN
         * where a side does not approach (no bulge from it).
         */
        private double crossing(Plane a, Plane b, int idx, int off) {
            double dA = a.dist()[idx];
            double dB = b.dist()[idx + off];
            double sl = ratioBefore * (dA - before.dist()[idx - off]); // change of the lower trend over the slab
            double su = ratioAfter * (dB - after.dist()[idx + 2 * off]);
            if (!(sl < 0) || !(su < 0)) {
                return Double.NaN;
            }
            return Math.max(0, Math.min(1, (dB + su - dA) / (sl + su)));
        }

        /**
         * Whether the straight trends of both sides through cell centre idx cross below {@code limit} in the slab (the
         * larger of the two at {@link #crossing}), with the division skipped where a trend's value at the far
         * plane already reaches the limit (each trend at the crossing is at least that: t·s ≥ s for t ≤ 1 and s < 0,
         * in floating point too).
         */
        private boolean trendsMeetBelow(float[] dA0, float[] dB0, float[] dBefore, float[] dAfter, int idx, int off,
                double limit) {
            double dA = dA0[idx];
            double dB = dB0[idx + off];
            double sl = ratioBefore * (dA - dBefore[idx - off]);
            if (!(sl < 0) || dA + sl >= limit) {
                return false;
            }
            double su = ratioAfter * (dB - dAfter[idx + 2 * off]);
            if (!(su < 0) || dB + su >= limit) {
                return false;
            }
            double t = Math.max(0, Math.min(1, (dB + su - dA) / (sl + su)));
            return Math.max(dA + t * sl, dB + (1 - t) * su) < limit;
        }

        private boolean inside(int i0, int j0) {
            return i0 >= 0 && j0 >= 0 && i0 < g.nx - 1 && j0 < g.ny - 1;
        }

        /** The curvatures at the two planes of the next slab (either may be null: the other one serves). */
        void curvatures(Curvature a, Curvature b) {
            curvA = a != null ? a : b;
            curvB = b != null ? b : a;
        }

        Sweep(Grid2 g, DoseField dose, DoseField coverage, Dvh.Builder hist) {
            this.g = g;
            this.dose = dose;
            this.coverage = coverage;
            this.hist = hist;
        }

        /** Adds one sample of volume w at (x, y, z). */
        private void add(double x, double y, double z, double w) {
            hist.add(dose.at(x, y, z), w);
            if (coverage != null && coverage.at(x, y, z) == 0) {
                outsideMm3 += w;
            }
        }

        /**
         * The ROI between plane a at z0 and plane b at z0 + thickness (a cap when a == b; thickness may be
         * negative): inside where the blend (1−t)·φa(q) + t·φb(q + shift), bilinear at the sample, is negative, at the
         * sheared position q + t·shift (a shear keeps volume, so uniform samples in q stay uniform).
         *
         * <p>The cap and the blend between two planes sample in loops of their own, and the rim and bulge rules
         * are asked out of line ({@link #accepts}): one loop testing every mode's flags is compiled into a copy per
         * combination of them (the JIT unswitches loop-invariant tests), and was recompiled a dozen times at up to
         * 0.75 s each as ROI after ROI took another branch, most of a cold command's time.
         */
        void slab(Plane a, Plane b, double z0, double thickness, int mi, int mj) {
            slabMm = Math.abs(thickness);
            boolean curved = a != b && curvA != null;
            double halfS2 = 0.5 * thickness * thickness;
            boolean bulges = a != b && before != null && after != null;
            // the rim rule for points inside one plane only (see rimOneSide): only where a plane shows a corner
            // (outlines without corners never test it)
            rims = bulges && (a.corners().length > 0 || b.corners().length > 0);
            // the same next to an end plane, from the two planes further in (see rimAtEnd)
            endIsA = before == null;
            endRims = a != b && endIsA != (after == null) && (endIsA ? b : a).corners().length > 0;
            int n = candidates(a, b, mi, mj, bulges);
            if (n == 0) {
                return;
            }
            double len = Math.abs(thickness);
            int sub = Math.max(1, (int) Math.ceil(len / g.zStep - 1e-9));
            // a slab thinner than the z step keeps only that share of its cells (chosen by the sequence), each
            // weighing a full step: unbiased, and dense contour stacks cost no more samples than sparse ones
            double keep = Math.min(1.0, len / g.zStep);
            double w = g.cell * g.cell * len / sub / keep;
            if (a == b) {
                capSamples(a, n, sub, keep, w, z0, thickness);
            } else {
                // the correction is at most s²/8·max|d²φ/dz²| over the cells sampled: beyond that |φ| it cannot
                // change the sign (far from the outlines the curvature is large and irrelevant); 0 without one
                double bound = curved ? halfS2 / 4 * largestCurvature(n, mi, mj) * 1.01 : 0;
                blendSamples(a, b, n, sub, keep, w, z0, thickness, mi, mj, bound, halfS2);
            }
            if (bulges) {
                bulgeExtremes(a, b, n, z0, thickness, mi, mj);
            }
        }

        /** The largest |d²φ/dz²| of either plane's curvature over the candidate cells (b's shifted by (mi, mj)). */
        private double largestCurvature(int n, int mi, int mj) {
            float[] kaArr = curvA.k();
            float[] kbArr = curvB.k();
            double most = 0;
            int cells = kaArr.length;
            for (int c = 0; c < n; c++) {
                int idx = candJ[c] * g.nx + candI[c];
                most = Math.max(most, Math.abs(kaArr[idx]));
                int idxB = idx + mj * g.nx + mi;
                if (idxB >= 0 && idxB < cells) {
                    most = Math.max(most, Math.abs(kbArr[idxB]));
                }
            }
            return most;
        }

        /** The cap slab (one plane extruded): inside where φ of the plane, bilinear at the sample, is negative. */
        private void capSamples(Plane a, int n, int sub, double keep, double w, double z0, double thickness) {
            float[] pa = a.phi();
            int nx = g.nx;
            int ny = g.ny;
            double cell = g.cell;
            double x0 = g.x0;
            double y0 = g.y0;
            // the sequence and the histogram sums live in locals for the loop (same operations, same order)
            double u1 = this.u1;
            double u2 = this.u2;
            double u3 = this.u3;
            double u4 = this.u4;
            double[] vol = hist.volume;
            int lastBin = vol.length - 1;
            double inv = hist.inv;
            double total = hist.total;
            double sum = hist.sum;
            double min = hist.min;
            double max = hist.max;
            DoseField cov = coverage;
            double outside = outsideMm3;
            int[] ci = candI;
            int[] cj = candJ;
            for (int s = 0; s < sub; s++) {
                for (int c = 0; c < n; c++) {
                    if (keep < 1) {
                        u4 += A4;
                        if (u4 >= 1) {
                            u4 -= 1;
                        }
                        if (u4 >= keep) {
                            continue;
                        }
                    }
                    u1 += A1;
                    u1 -= (int) u1; // wrap to [0, 1) without a branch
                    u2 += A2;
                    u2 -= (int) u2; // wrap to [0, 1) without a branch
                    u3 += A3;
                    u3 -= (int) u3; // wrap to [0, 1) without a branch
                    double t = (s + u3) / sub;
                    int i = ci[c];
                    int j = cj[c];
                    // bilinear φ between the centres of the four cells around the jittered point
                    double px = i + u1 - 0.5;
                    double py = j + u2 - 0.5;
                    int i0 = px < 0 ? -1 : (int) px;
                    int j0 = py < 0 ? -1 : (int) py;
                    double fx = px - i0;
                    double fy = py - j0;
                    i0 = Math.max(0, Math.min(i0, nx - 2));
                    j0 = Math.max(0, Math.min(j0, ny - 2));
                    double v = bilinear(pa, j0 * nx + i0, nx, fx, fy);
                    // the mean overestimate of φ's d² term by bilinear interpolation (see blendSamples)
                    v -= 0.5 * (fx * (1 - fx) + fy * (1 - fy)) * cell * cell;
                    if (v >= 0) {
                        continue;
                    }
                    double x = x0 + (i + u1) * cell;
                    double y = y0 + (j + u2) * cell;
                    double z = z0 + t * thickness;
                    double d = dose.at(x, y, z);
                    if (cov != null && cov.at(x, y, z) == 0) {
                        outside += w;
                    }
                    int bin = (int) (d * inv);
                    if (bin < 0) {
                        bin = 0;
                    } else if (bin > lastBin) {
                        bin = lastBin;
                    }
                    vol[bin] += w;
                    total += w;
                    sum += d * w;
                    if (d < min || d > max) {
                        min = Math.min(min, d);
                        max = Math.max(max, d);
                    }
                }
            }
            this.u1 = u1;
            this.u2 = u2;
            this.u3 = u3;
            this.u4 = u4;
            hist.total = total;
            hist.sum = sum;
            hist.min = min;
            hist.max = max;
            outsideMm3 = outside;
        }

        /** The slab between two planes: the blend of their φ, with the curvature correction and the rules. */
        private void blendSamples(Plane a, Plane b, int n, int sub, double keep, double w, double z0,
                double thickness, int mi, int mj, double bound, double halfS2) {
            float[] pa = a.phi();
            float[] pb = b.phi();
            int nx = g.nx;
            int ny = g.ny;
            double cell = g.cell;
            double x0 = g.x0;
            double y0 = g.y0;
            double sx = mi * cell;
            double sy = mj * cell;
            int offset = mj * nx + mi;
            float[] kaArr = curvA != null ? curvA.k() : null; // read only where |v| < bound, never without them
            float[] kbArr = curvB != null ? curvB.k() : null;
            double u1 = this.u1;
            double u2 = this.u2;
            double u3 = this.u3;
            double u4 = this.u4;
            double[] vol = hist.volume;
            int lastBin = vol.length - 1;
            double inv = hist.inv;
            double total = hist.total;
            double sum = hist.sum;
            double min = hist.min;
            double max = hist.max;
            DoseField cov = coverage;
            double outside = outsideMm3;
            int[] ci = candI;
            int[] cj = candJ;
            for (int s = 0; s < sub; s++) {
                for (int c = 0; c < n; c++) {
                    if (keep < 1) {
                        u4 += A4;
                        if (u4 >= 1) {
                            u4 -= 1;
                        }
                        if (u4 >= keep) {
                            continue;
                        }
                    }
                    u1 += A1;
                    u1 -= (int) u1; // wrap to [0, 1) without a branch
                    u2 += A2;
                    u2 -= (int) u2; // wrap to [0, 1) without a branch
                    u3 += A3;
                    u3 -= (int) u3; // wrap to [0, 1) without a branch
                    double t = (s + u3) / sub;
                    int i = ci[c];
                    int j = cj[c];
                    // bilinear φ between the centres of the four cells around the jittered point
                    double px = i + u1 - 0.5;
                    double py = j + u2 - 0.5;
                    int i0 = px < 0 ? -1 : (int) px;
                    int j0 = py < 0 ? -1 : (int) py;
                    double fx = px - i0;
                    double fy = py - j0;
                    i0 = Math.max(0, Math.min(i0, nx - 2));
                    j0 = Math.max(0, Math.min(j0, ny - 2));
                    int b00 = j0 * nx + i0;
                    double va = bilinear(pa, b00, nx, fx, fy);
                    int ib = i0 + mi;
                    int jb = j0 + mj;
                    boolean inB = ib >= 0 && jb >= 0 && ib < nx - 1 && jb < ny - 1;
                    double vb = inB ? bilinear(pb, b00 + offset, nx, fx, fy) : Float.MAX_VALUE;
                    double v = (1 - t) * va + t * vb;
                    if (v < bound && v > -bound) {
                        // only near the outline: deeper, the correction cannot change the sign
                        double ka = bilinear(kaArr, b00, nx, fx, fy);
                        double kb = inB ? bilinear(kbArr, b00 + offset, nx, fx, fy) : ka;
                        // minmod: where the two disagree (a face, a kink between the planes) the smaller, or none
                        double k = ka * kb <= 0 ? 0 : Math.abs(ka) < Math.abs(kb) ? ka : kb;
                        v -= t * (1 - t) * halfS2 * k;
                    }
                    // φ = d² + 2M·d: bilinear interpolation overestimates the d² term by cell²·(nx²·fx(1−fx) +
                    // ny²·fy(1−fy)) where d is locally linear, which moved the outline inwards by ≈ cell²/(6M)
                    // (−0.4 % volume on the analytical shapes, more on thin ones); take off its mean over directions
                    v -= 0.5 * (fx * (1 - fx) + fy * (1 - fy)) * cell * cell;
                    // the rules can only change the blend's answer outside it or outside a plane's outline (φ has
                    // the sign of the distance, so most samples skip them)
                    if ((v >= 0 || inB && (va > 0 || vb > 0))
                            && !accepts(a, b, c, i0, j0, mi, mj, t, fx, fy, va, vb, v, inB)) {
                        continue;
                    }
                    double x = x0 + (i + u1) * cell + t * sx;
                    double y = y0 + (j + u2) * cell + t * sy;
                    double z = z0 + t * thickness;
                    double d = dose.at(x, y, z);
                    if (cov != null && cov.at(x, y, z) == 0) {
                        outside += w;
                    }
                    int bin = (int) (d * inv);
                    if (bin < 0) {
                        bin = 0;
                    } else if (bin > lastBin) {
                        bin = lastBin;
                    }
                    vol[bin] += w;
                    total += w;
                    sum += d * w;
                    if (d < min || d > max) {
                        min = Math.min(min, d);
                        max = Math.max(max, d);
                    }
                }
            }
            this.u1 = u1;
            this.u2 = u2;
            this.u3 = u3;
            this.u4 = u4;
            hist.total = total;
            hist.sum = sum;
            hist.min = min;
            hist.max = max;
            outsideMm3 = outside;
        }

        /**
         * Whether a sample between two planes is in, where a rim or bulge rule may decide (blend value v, the
         * planes' va and vb): a rim rule where it applies (inside one plane only, or outside the end plane next
         * to it), else the blend, or outside it a bulge.
         */
        private boolean accepts(Plane a, Plane b, int c, int i0, int j0, int mi, int mj, double t, double fx,
                double fy, double va, double vb, double v, boolean inB) {
            int rim = rims && inB && (va > 0) != (vb > 0) ? rimOneSide(a, b, i0, j0, mi, mj, t, fx, fy)
                    : endRims && inB && (endIsA ? va : vb) > 0 ? rimAtEnd(a, b, i0, j0, mi, mj, t, fx, fy)
                    : -1;
            return !(rim == 0 || rim < 0 && v >= 0 && !(bulgeCell[c] && inB && bulgeRange(i0, j0, mi, mj)
                    && bulge(a, b, i0, j0, mi, mj, t, fx, fy)));
        }

        /**
         * Dmin/Dmax over the bulges: they end in a tip or a rim too thin for the samples to find its far end, so
         * each cell that a bulge may reach is searched on a 4×4 sub-grid at the height where the trends cross.
         */
        private void bulgeExtremes(Plane a, Plane b, int n, double z0, double thickness, int mi, int mj) {
            int nx = g.nx;
            int off = mj * nx + mi;
            for (int c = 0; c < n; c++) {
                if (!bulgeCell[c]) {
                    continue;
                }
                int i = candI[c];
                int j = candJ[c];
                int idx = j * nx + i;
                // a bulge's far end lies outside both outlines (cells inside one hold the blend's samples)
                if (!(a.dist()[idx] > 0) || !(b.dist()[idx + off] > 0)) {
                    continue;
                }
                double t = crossing(a, b, idx, off);
                if (Double.isNaN(t)) {
                    continue;
                }
                for (int q = 0; q < 16; q++) {
                    double fx = 0.125 + 0.25 * (q & 3);
                    double fy = 0.125 + 0.25 * (q >> 2);
                    // the sub-point (i + fx, j + fy) lies between the centres of cells (i0, j0) and (i0+1, j0+1)
                    int i0 = fx < 0.5 ? i - 1 : i;
                    int j0 = fy < 0.5 ? j - 1 : j;
                    if (bulgeRange(i0, j0, mi, mj) && bulge(a, b, i0, j0, mi, mj, t, fx + i - i0 - 0.5,
                            fy + j - j0 - 0.5)) {
                        hist.extremes(dose.at(g.x0 + (i + fx + t * mi) * g.cell, g.y0 + (j + fy + t * mj) * g.cell,
                                z0 + t * thickness));
                    }
                }
            }
        }

        private static double minmod(double ka, double kb) {
            return ka * kb <= 0 ? 0 : Math.abs(ka) < Math.abs(kb) ? ka : kb;
        }

        /**
         * The cap beyond end plane e at z0, towards z0 + spacing (the next plane, without contours), for τ up to
         * reachT (in spacings): where the signed distance continuing its trend from the neighbour plane n,
         * d(q, τ) = (1+τ)·d_e(q) − τ·d_n(q − shift) at the position q + τ·shift, is negative, together with the end
         * contour when withEnd (the slab cap of half a spacing: a section that widens towards the end takes in
         * where the trend widens it; where it narrows, the end contour alone).
         */
        void taper(Plane e, Plane nb, double z0, double spacing, int mi, int mj, double reachT, boolean withEnd) {
            float[] pe = e.phi();
            float[] pn = nb.dist();
            float[] de0 = e.dist();
            int nx = g.nx;
            int ny = g.ny;
            int offset = -(mj * nx + mi);
            double margin = 1.5 * g.cell;
            float outside = e.outside(); // φ at the margin
            if (candI.length < pe.length) {
                candI = new int[pe.length];
                candJ = new int[pe.length];
            }
            int n = 0;
            for (int j = 0, idx = 0; j < ny; j++) {
                for (int i = 0; i < nx; i++, idx++) {
                    boolean near = pe[idx] < outside; // within the margin of the end contour
                    if (!near) {
                        double de = e.dist()[idx];
                        near = (1 + reachT) * de - reachT * neighbourDistance(pn, i - mi, j - mj, idx + offset,
                                de) < margin; // or of where the trend takes it
                    }
                    if (near) {
                        candI[n] = i;
                        candJ[n++] = j;
                    }
                }
            }
            if (n == 0) {
                return;
            }
            double thickness = reachT * spacing;
            double len = Math.abs(thickness);
            int sub = Math.max(1, (int) Math.ceil(len / g.zStep - 1e-9));
            double keep = Math.min(1.0, len / g.zStep);
            double w = g.cell * g.cell * len / sub / keep;
            double cell = g.cell;
            double sx = mi * cell;
            double sy = mj * cell;
            for (int s = 0; s < sub; s++) {
                for (int c = 0; c < n; c++) {
                    if (keep < 1) {
                        u4 += A4;
                        if (u4 >= 1) {
                            u4 -= 1;
                        }
                        if (u4 >= keep) {
                            continue;
                        }
                    }
                    u1 += A1;
                    u1 -= (int) u1;
                    u2 += A2;
                    u2 -= (int) u2;
                    u3 += A3;
                    u3 -= (int) u3;
                    double t = (s + u3) / sub;
                    double tau = t * reachT;
                    int i = candI[c];
                    int j = candJ[c];
                    double px = i + u1 - 0.5;
                    double py = j + u2 - 0.5;
                    int i0 = px < 0 ? -1 : (int) px;
                    int j0 = py < 0 ? -1 : (int) py;
                    double fx = px - i0;
                    double fy = py - j0;
                    i0 = Math.max(0, Math.min(i0, nx - 2));
                    j0 = Math.max(0, Math.min(j0, ny - 2));
                    int b00 = j0 * nx + i0;
                    double de = bilinear(de0, b00, nx, fx, fy);
                    int ib = i0 - mi;
                    int jb = j0 - mj;
                    double dn = ib >= 0 && jb >= 0 && ib < nx - 1 && jb < ny - 1
                            ? bilinear(pn, b00 + offset, nx, fx, fy) : de;
                    // the end contour extruded (withEnd), and wherever the trend widens it
                    if ((!withEnd || de >= 0) && (1 + tau) * de - tau * dn >= 0) {
                        continue;
                    }
                    add(g.x0 + (i + u1) * cell + tau * sx, g.y0 + (j + u2) * cell + tau * sy, z0 + t * thickness, w);
                }
            }
        }

        /**
         * The closing cap beyond end plane e at z0 (towards z0 + spacing): at ζ beyond the plane the end section
         * eroded by M_e − M(ζ), M the trend's depth, so that it shrinks to the deepest point at the reach; shifted by
         * ζ/spacing·shift, the drift of the sections.
         */
        void apex(Plane e, EndCap cap, double z0, double spacing, int mi, int mj) {
            float[] pe = e.phi();
            float outside = e.outside();
            if (candI.length < pe.length) {
                candI = new int[pe.length];
                candJ = new int[pe.length];
            }
            int n = 0;
            for (int j = 0, idx = 0; j < g.ny; j++) {
                for (int i = 0; i < g.nx; i++, idx++) {
                    if (pe[idx] < outside) {
                        candI[n] = i;
                        candJ[n++] = j;
                    }
                }
            }
            double len = cap.reach();
            double gap = Math.abs(spacing);
            double dir = Math.signum(spacing);
            int sub = Math.max(1, (int) Math.ceil(len / g.zStep - 1e-9));
            double keep = Math.min(1.0, len / g.zStep);
            double w = g.cell * g.cell * len / sub / keep;
            double cell = g.cell;
            int nx = g.nx;
            int ny = g.ny;
            for (int s = 0; s < sub; s++) {
                for (int c = 0; c < n; c++) {
                    if (keep < 1) {
                        u4 += A4;
                        if (u4 >= 1) {
                            u4 -= 1;
                        }
                        if (u4 >= keep) {
                            continue;
                        }
                    }
                    u1 += A1;
                    u1 -= (int) u1;
                    u2 += A2;
                    u2 -= (int) u2;
                    u3 += A3;
                    u3 -= (int) u3;
                    double zeta = (s + u3) / sub * len;
                    int i = candI[c];
                    int j = candJ[c];
                    double px = i + u1 - 0.5;
                    double py = j + u2 - 0.5;
                    int i0 = px < 0 ? -1 : (int) px;
                    int j0 = py < 0 ? -1 : (int) py;
                    double fx = px - i0;
                    double fy = py - j0;
                    i0 = Math.max(0, Math.min(i0, nx - 2));
                    j0 = Math.max(0, Math.min(j0, ny - 2));
                    double de = bilinear(e.dist(), j0 * nx + i0, nx, fx, fy);
                    if (de >= -(cap.me() - cap.depthAt(zeta))) {
                        continue;
                    }
                    double f = zeta / gap; // the drift of the section at its place in the trend
                    add(g.x0 + (i + u1) * cell + f * mi * cell, g.y0 + (j + u2) * cell + f * mj * cell, z0 + dir * zeta,
                            w);
                }
            }
        }

        /** The neighbour's signed distance at cell (i, j), or {@code fallback} outside the grid (no trend). */
        private double neighbourDistance(float[] dn, int i, int j, int idx, double fallback) {
            return i >= 0 && j >= 0 && i < g.nx && j < g.ny ? dn[idx] : fallback;
        }

        private static double bilinear(float[] f, int b, int nx, double fx, double fy) {
            double top = f[b] + fx * (f[b + 1] - f[b]);
            double bottom = f[b + nx] + fx * (f[b + nx + 1] - f[b + nx]);
            return top + fy * (bottom - top);
        }

        private int candidates(Plane a, Plane b, int mi, int mj, boolean bulges) {
            float[] pa = a.phi();
            float[] pb = b.phi();
            float ta = a.outside();
            float tb = b.outside();
            if (candI.length < pa.length) {
                candI = new int[pa.length];
                candJ = new int[pa.length];
            }
            if (bulgeCell.length < pa.length) {
                bulgeCell = new boolean[pa.length];
            }
            double margin = 1.5 * g.cell;
            float[] da = a.dist();
            float[] db = b.dist();
            float[] dBefore = bulges ? before.dist() : null;
            float[] dAfter = bulges ? after.dist() : null;
            int n = 0;
            int nx = g.nx;
            int ny = g.ny;
            int offset = mj * nx + mi;
            // the cells where bulgeRange holds: i − mi, i and i + 2·mi (and so for j) all in [0, n − 1)
            int iLo = Math.max(0, Math.max(mi, -2 * mi));
            int iHi = Math.min(nx - 1, Math.min(nx - 1 + mi, nx - 1 - 2 * mi));
            int jLo = Math.max(0, Math.max(mj, -2 * mj));
            int jHi = Math.min(ny - 1, Math.min(ny - 1 + mj, ny - 1 - 2 * mj));
            for (int j = 0, idx = 0; j < ny; j++) {
                boolean rowB = j + mj >= 0 && j + mj < ny;
                boolean rowBulge = bulges && j >= jLo && j < jHi;
                for (int i = 0; i < nx; i++, idx++) {
                    boolean near = pa[idx] < ta || (rowB && i + mi >= 0 && i + mi < nx && pb[idx + offset] < tb);
                    // or where a bulge may reach the cell
                    // (not where the cell is deep inside either plane's outline: the blend has it)
                    boolean bulge = rowBulge && i >= iLo && i < iHi && da[idx] > -margin
                            && db[idx + offset] > -margin
                            && trendsMeetBelow(da, db, dBefore, dAfter, idx, offset, margin);
                    if (near || bulge) {
                        bulgeCell[n] = bulge;
                        candI[n] = i;
                        candJ[n++] = j;
                    }
                }
            }
            return n;
        }
    }

    /** The fine in-plane grid over the ROI's bounding box; cell (i, j) spans x0 + [i, i+1)·cell. */
    static final class Grid2 {
        final double x0;
        final double y0;
        final double cell;
        final double zStep;
        final int nx;
        final int ny;
        // work buffers of plane(), allocated on first use (a Grid2 serves one ROI on one thread)
        private boolean[] in;
        private float[] band;
        private float[] nearXY; // the closest edge point of each cell, x and y side by side (one cache line)
        private float[] centreX; // cell-centre x of each column, as float
        private double[] corners = new double[4 * CORNER]; // the outline's corners, see Plane#corners
        private int cornerCount;
        private float[] nearK; // the outline's curvature (1/mm, convex towards the inside > 0) at the closest point

        private Grid2(double[] bounds, double cell, double zStep, int nx, int ny, int pad) {
            this.x0 = bounds[0] - pad * cell;
            this.y0 = bounds[2] - pad * cell;
            this.cell = cell;
            this.zStep = zStep;
            this.nx = nx;
            this.ny = ny;
        }

        /** Centre of cell n (row-major), x and y in mm. */
        double centreX(int n) {
            return x0 + (n % nx + 0.5) * cell;
        }

        double centreY(int n) {
            return y0 + (n / nx + 0.5) * cell;
        }

        static Grid2 forRoi(RoiPlanes roi, DoseField dose, Options o) {
            double[] b = roi.bounds();
            double ex = Math.max(b[1] - b[0], 1e-3);
            double ey = Math.max(b[3] - b[2], 1e-3);
            double inPlaneDose = Math.min(dose.grid().spacing(0), dose.grid().spacing(1));
            double cell = !Double.isNaN(o.cellMm()) ? o.cellMm()
                    : Math.max(0.02, Math.min(MAX_CELL_MM, Math.min(inPlaneDose * CELL_PER_DOSE_SPACING,
                            Math.max(ex, ey) * CELL_PER_EXTENT)));
            double zStep = Math.min(cell, dose.grid().spacing(2) * CELL_PER_DOSE_SPACING);
            double zExtent = roi.z()[roi.planeCount() - 1] - roi.z()[0]
                    + (Double.isNaN(roi.medianSpacing()) ? zStep : roi.medianSpacing());
            double samples = (ex / cell + 4) * (ey / cell + 4) * Math.max(1, zExtent / zStep);
            if (samples > o.budget()) {
                double f = Math.cbrt(samples / o.budget());
                cell *= f;
                zStep *= f;
            }
            // two cells around the outlines, and room for what the interpolation adds between the planes beyond
            // them (an apex lying across the planes reaches about a spacing past the last section that shows it)
            double between = o.model().between() == Between.INTERPOLATE && !Double.isNaN(roi.medianSpacing())
                    ? roi.medianSpacing() : 0;
            int pad = 2 + (int) Math.ceil(between / cell);
            int nx = (int) Math.ceil(ex / cell) + 2 * pad;
            int ny = (int) Math.ceil(ey / cell) + 2 * pad;
            return new Grid2(b, cell, zStep, nx, ny, pad);
        }

        /**
         * φ of one plane: negative inside, monotone in the signed distance, zero on the contour.
         *
         * @param reuse a φ array of a plane no longer needed (length nx·ny), or null
         */
        Plane plane(double[][][] polys, Plane reuse) {
            int cells = nx * ny;
            if (in == null) {
                in = new boolean[cells];
                band = new float[cells];
                nearXY = new float[2 * cells];
                centreX = new float[nx];
                for (int i = 0; i < nx; i++) {
                    centreX[i] = (float) (x0 + (i + 0.5) * cell);
                }
                nearK = new float[cells];
            }
            rasterise(polys, in);
            nearEdgesSquared(polys, band);
            // within the band the exact distance to the edges, beyond it the distance to the closest edge point of a
            // neighbouring cell, passed on cell by cell (near-exact, so that deep levels of φ are true distances too)
            propagateClosestPoints(band);
            float[] phi = reuse != null && reuse.phi().length == cells ? reuse.phi() : new float[cells];
            float[] signed = reuse != null && reuse.dist().length == cells ? reuse.dist() : new float[cells];
            float[] power = reuse != null && reuse.psi().length == cells ? reuse.psi() : new float[cells];
            double depth = 0;
            int best = 0;
            long sumI = 0;
            long sumJ = 0;
            int area = 0;
            for (int j = 0, n = 0; j < ny; j++) {
                for (int i = 0; i < nx; i++, n++) {
                    double dist = Math.sqrt(band[n]);
                    if (in[n]) {
                        phi[n] = (float) -dist;
                        if (dist > depth) {
                            depth = dist;
                            best = n;
                        }
                        sumI += i;
                        sumJ += j;
                        area++;
                    } else {
                        phi[n] = (float) dist;
                    }
                }
            }
            // φ = d·(d + 2M) for the blend between planes; ψ = d·(d + 2ρ) for bulges between them: the power of
            // the point with respect to the osculating circle of the outline at its closest point (ρ its radius
            // where the outline is convex, at most M; M where it is straight or concave). For a section of a
            // sphere, a cylinder or a cone, ψ is near the outline the restriction of the surface's own quadratic
            // function to the plane (a circle: ρ² − R²; a strip: x² − w²; the tip of a cone's section lying across
            // the planes, whose vertex radius shrinks with its distance from the apex), so ψ's quadratic in z
            // tells how far a tip or rim reaches between the planes where its extreme lies between them
            float invDepth = (float) (depth > 0 ? 1 / depth : 0);
            double twoDepth = 2 * depth;
            for (int n = 0; n < cells; n++) {
                double d = phi[n];
                signed[n] = (float) d;
                phi[n] = (float) (d * (d + twoDepth));
                double rho = nearK[n] > invDepth ? 1 / nearK[n] : depth;
                power[n] = (float) (d * (d + 2 * Math.max(rho, -d))); // inside, the osculating circle holds |d|
            }
            double edge = 1.5 * cell;
            return new Plane(phi, signed, power, (float) (edge * (edge + 2 * depth)), depth,
                    area > 0 ? (double) sumI / area : 0,
                    area > 0 ? (double) sumJ / area : 0, area, polys.length, best, Arrays.copyOf(corners, cornerCount));
        }

        /**
         * Extends the squared distances of the band cells to every cell: each cell tries the closest edge point of its
         * row and column neighbours, in a downward and an upward sweep, each row both ways (Danielsson's vector
         * propagation; its rare misses are far from the outline, where φ only has to be monotone).
         */
        private void propagateClosestPoints(float[] d2) {
            float[] p = nearXY;
            float[] pk = nearK;
            float[] xs = centreX;
            for (int n = 0; n < d2.length; n++) {
                if (d2[n] == Float.MAX_VALUE) {
                    p[2 * n] = NO_POINT; // so far from everything that it never wins
                    p[2 * n + 1] = NO_POINT;
                }
            }
            for (int pass = 0; pass < 2; pass++) {
                int step = pass == 0 ? 1 : -1;
                for (int j = pass == 0 ? 0 : ny - 1; j >= 0 && j < ny; j += step) {
                    float cy = (float) (y0 + (j + 0.5) * cell);
                    int row = j * nx;
                    int prevRow = row - step * nx;
                    boolean hasPrev = j - step >= 0 && j - step < ny;
                    // from the row before, then along the row: the same order per cell as both in one loop (a
                    // cell's own vertical step comes before its horizontal one, which sees its left neighbour done)
                    if (hasPrev) {
                        for (int i = 0; i < nx; i++) {
                            relax(d2, p, pk, row + i, prevRow + i, xs[i], cy);
                        }
                    }
                    for (int i = 1; i < nx; i++) {
                        relax(d2, p, pk, row + i, row + i - 1, xs[i], cy);
                    }
                    for (int i = nx - 2; i >= 0; i--) {
                        relax(d2, p, pk, row + i, row + i + 1, xs[i], cy);
                    }
                }
            }
        }

        private static final float NO_POINT = 1e15f;

        private static void relax(float[] d2, float[] p, float[] pk, int to, int from, float cx, float cy) {
            float px = p[2 * from];
            float py = p[2 * from + 1];
            float ex = cx - px;
            float ey = cy - py;
            float d = ex * ex + ey * ey;
            if (d < d2[to]) {
                d2[to] = d;
                p[2 * to] = px;
                p[2 * to + 1] = py;
                pk[to] = pk[from];
            }
        }

        /** Squared distance (mm²) to the nearest polygon edge for cells near an edge, Float.MAX_VALUE elsewhere. */
        private void nearEdgesSquared(double[][][] polys, float[] band) {
            Arrays.fill(band, Float.MAX_VALUE);
            Arrays.fill(nearK, 0f);
            cornerCount = 0;
            double reach = 1.5 * cell;
            double inv = 1.0 / cell;
            for (double[][] full : polys) {
                double[][] p = simplify(full, 0.02 * cell);
                double[] px = p[0];
                double[] py = p[1];
                int m = px.length;
                double span = Math.max(cell, 0.5);
                boolean left = insideLeft(full, polys);
                double[] kv = curvatures(p, left, span);
                if (mayHaveCorners(kv, span)) {
                    addCorners(p, kv, curvatures(p, left, 2 * span), span, left);
                }
                for (int e = 0, f = m - 1; e < m; f = e++) {
                    double ax = px[f];
                    double ay = py[f];
                    double dx = px[e] - ax;
                    double dy = py[e] - ay;
                    double len2 = dx * dx + dy * dy;
                    double il2 = len2 > 0 ? 1.0 / len2 : 0;
                    // long edges in pieces, so that the box around each piece stays small
                    int pieces = Math.max(1, (int) Math.ceil(Math.sqrt(len2) / (4 * cell)));
                    for (int q = 0; q < pieces; q++) {
                        double sx = ax + dx * q / pieces;
                        double sy = ay + dy * q / pieces;
                        double tx = ax + dx * (q + 1) / pieces;
                        double ty = ay + dy * (q + 1) / pieces;
                        int i0 = Math.max(0, (int) ((Math.min(sx, tx) - reach - x0) * inv));
                        int i1 = Math.min(nx - 1, (int) ((Math.max(sx, tx) + reach - x0) * inv));
                        int j0 = Math.max(0, (int) ((Math.min(sy, ty) - reach - y0) * inv));
                        int j1 = Math.min(ny - 1, (int) ((Math.max(sy, ty) + reach - y0) * inv));
                        for (int j = j0; j <= j1; j++) {
                            double cy = y0 + (j + 0.5) * cell - ay;
                            double cyDy = cy * dy;
                            int row = j * nx;
                            for (int i = i0; i <= i1; i++) {
                                double cx = x0 + (i + 0.5) * cell - ax;
                                double t = (cx * dx + cyDy) * il2;
                                t = t < 0 ? 0 : (t > 1 ? 1 : t);
                                double ex = cx - t * dx;
                                double ey = cy - t * dy;
                                float d2 = (float) (ex * ex + ey * ey);
                                if (d2 < band[row + i]) {
                                    band[row + i] = d2;
                                    nearXY[2 * (row + i)] = (float) (ax + t * dx);
                                    nearXY[2 * (row + i) + 1] = (float) (ay + t * dy);
                                    double tq = (q + t) / pieces;
                                    nearK[row + i] = (float) ((1 - tq) * kv[f] + tq * kv[e]);
                                }
                            }
                        }
                    }
                }
            }
        }

        /**
         * The convex corners of outline p, from its curvatures k1 at arc span s and k2 at 2·s: the circle through
         * three points of a smooth outline has about the same radius at both spans (exactly so on a circle, however
         * small), but at a kink the curvature it reads grows as the span shrinks (≈ twice at half the span), so a
         * ratio above 1.5 is a corner; a turn below about 20° (k1·s < 0.35) is polygon drawing, not a corner. With
         * each corner the outward normal of its straighter edge (the longer one once collinear points are merged):
         * where a flat face cuts a section, that is the face's trace.
         */
        /** Whether any vertex turns enough to be a corner (see {@link #addCorners}): most outlines have none. */
        private static boolean mayHaveCorners(double[] k1, double span) {
            for (double k : k1) {
                if (k * span > MIN_CORNER_TURN) {
                    return true;
                }
            }
            return false;
        }

        private void addCorners(double[][] p, double[] k1, double[] k2, double span, boolean insideLeft) {
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
                    if (cornerCount + CORNER > corners.length) {
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

        /** Cell centres inside the plane's polygons, even-odd (crossings bucketed per row, edge by edge). */
        private void rasterise(double[][][] polys, boolean[] in) {
            Arrays.fill(in, false);
            int[] count = new int[ny + 1];
            for (int pass = 0; pass < 2; pass++) {
                double[] xs = pass == 0 ? null : new double[count[ny]];
                int[] fill = pass == 0 ? null : Arrays.copyOf(count, ny);
                for (double[][] p : polys) {
                    double[] px = p[0];
                    double[] py = p[1];
                    int m = px.length;
                    for (int e = 0, f = m - 1; e < m; f = e++) {
                        double ya = py[f];
                        double yb = py[e];
                        if (ya == yb) {
                            continue;
                        }
                        double lo = Math.min(ya, yb);
                        double hi = Math.max(ya, yb);
                        // rows whose centre yc satisfies lo <= yc < hi
                        int j0 = Math.max(0, (int) Math.ceil((lo - y0) / cell - 0.5));
                        int j1 = Math.min(ny - 1, (int) Math.ceil((hi - y0) / cell - 0.5) - 1);
                        for (int j = j0; j <= j1; j++) {
                            if (pass == 0) {
                                count[j + 1]++;
                            } else {
                                double yc = y0 + (j + 0.5) * cell;
                                xs[fill[j]++] = px[f] + (yc - ya) * (px[e] - px[f]) / (yb - ya);
                            }
                        }
                    }
                }
                if (pass == 0) {
                    for (int j = 0; j < ny; j++) {
                        count[j + 1] += count[j];
                    }
                } else {
                    for (int j = 0; j < ny; j++) {
                        int a = count[j];
                        int b = count[j + 1];
                        Arrays.sort(xs, a, b);
                        for (int c = a; c + 1 < b; c += 2) {
                            int i0 = (int) Math.ceil((xs[c] - x0) / cell - 0.5);
                            int i1 = (int) Math.ceil((xs[c + 1] - x0) / cell - 0.5);
                            for (int i = Math.max(i0, 0); i < Math.min(i1, nx); i++) {
                                in[j * nx + i] = true;
                            }
                        }
                    }
                }
            }
        }
    }
}
