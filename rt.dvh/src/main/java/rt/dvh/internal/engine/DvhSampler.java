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
 * plane (see {@link SlabRules#rimAtEnd}).
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
 * half a spacing and the farthest it can reach; see {@link EndFaces#faceBeyond}). See {@link Model} for the
 * alternatives.
 *
 * <p>Sampling: one sample per fine cell and sub-slab, at a position jittered inside the cell by an additive
 * low-discrepancy sequence; the inside test uses φ bilinearly interpolated at that position, so the outline is
 * resolved below the cell size and a dose gradient gives a smooth DVH instead of one step per row. Dose is
 * trilinear at every sample. Dmin/Dmax come from the samples and from the dose at every contour vertex (at its
 * plane and half a spacing beyond the end planes), at the tip of a closing cap and at the far ends of bulges (a 4×4
 * sub-cell search where the trends cross), the boundary of the structure.
 *
 * <p>Code: this class walks the planes and caps the ends; {@link SectionGrid} turns a plane into φ, the signed
 * distance and ψ on the fine grid (its corners from {@link OutlineCorners}), {@link PlaneWindow} keeps the planes a
 * slab needs, {@link Sweep} samples the slabs and caps, {@link SlabRules} holds the bulge and rim rules on the planes
 * around a slab, {@link EndFaces} the extremes of an oblique face beyond an end plane.
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
    /** … and not coarser than this (mm) … */
    static final double MAX_CELL_MM = 1.0;
    /**
     * … unless the ROI is so large that this fraction of its extent is coarser still (a body or a large field of view,
     * beyond 250 mm): its outline is then resolved to a 250th of its size, the dose spacing still bounds the cell, and
     * the samples no longer grow with the cube of its size (the body of a realistic plan took most of a structure
     * set's time at 1 mm).
     */
    static final double CELL_PER_EXTENT_OF_LARGE = 1.0 / 250;

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
        SectionGrid g = SectionGrid.forRoi(roi, dose, options);
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
                    // the planes two before and two after, for the rims' curved trends (see SlabRules#bulge)
                    boolean far = prev != null && next2 != null;
                    Plane prev2 = far && k >= 2 && linked[k - 2] ? window.at(k - 2) : null;
                    Plane next3 = far && k + 3 < planes && linked[k + 2] ? window.at(k + 3) : null;
                    double slab = z[k + 1] - z[k];
                    sweep.rules.outer(prev, next2, prev != null ? slab / (z[k] - z[k - 1]) : 0,
                            next2 != null ? slab / (z[k + 2] - z[k + 1]) : 0);
                    sweep.rules.further(prev2, next3, prev2 != null ? (z[k - 1] - z[k - 2]) / slab : 0,
                            next3 != null ? (z[k + 3] - z[k + 2]) / slab : 0);
                    sweep.slab(cur, next, z[k], z[k + 1] - z[k], shift[0], shift[1]);
                    sweep.curvatures(null, null);
                    sweep.rules.outer(null, null, 0, 0);
                    sweep.rules.further(null, null, 0, 0);
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
            SectionGrid g = sweep.g;
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
            double faceCloses = EndFaces.faceBeyond(end, polys, n1, z, spacing, dose, hist);
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

    private static List<double[][]> simplified(List<double[][]> polys, double tol) {
        List<double[][]> out = new java.util.ArrayList<>(polys.size());
        for (double[][] p : polys) {
            out.add(Outlines.simplify(p, tol));
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

    private static void extremes(List<double[][]> polys, double z, DoseField dose, Dvh.Builder hist) {
        for (double[][] p : polys) {
            for (int n = 0; n < p[0].length; n++) {
                hist.extremes(dose.at(p[0][n], p[1][n], z));
            }
        }
    }

}
