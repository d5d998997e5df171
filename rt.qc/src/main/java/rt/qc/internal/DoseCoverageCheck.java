package rt.qc.internal;

import java.util.Locale;
import rt.api.image.Grid;

/**
 * Every structure lies inside the dose grid. The fraction of a structure's volume outside is computed from its
 * contours: per contour plane, the polygon area clipped to the dose grid's in-plane extent (voxel centres of the
 * outermost planes, where dose is defined), whole planes outside the grid's slab counting as outside. Any measurable
 * part outside = WARNING for every structure (its DVH depends on how {@code dvh.outside_dose} treats that part; the
 * DVH row gives its own fraction), and more than {@value #FAIL_FRACTION} of a target = FAIL (target DVH metrics
 * unreliable). Support structures (couch, table) are listed, not judged: they usually lie outside by design.
 */
final class DoseCoverageCheck implements QcCheck {

    static final double FAIL_FRACTION = 0.01;
    static final double WARN_FRACTION = 1e-4;

    @Override
    public String id() {
        return "dose_coverage";
    }

    @Override
    public String name() {
        return "Dose grid covers the structures";
    }

    @Override
    public CheckResult run(CourseFacts f) {
        if (f.doseGrid == null) {
            return CheckResult.notRun(this, "dose grid not available");
        }
        if (f.structures == null) {
            return CheckResult.notRun(this, "structures not available");
        }
        CheckResult.Builder r = result();
        Grid g = f.doseGrid;
        int judged = 0;
        int inside = 0;
        for (CourseFacts.Structure s : f.structures) {
            if (s.isPoint() || s.contours().isEmpty()) {
                continue;
            }
            double outside = fractionOutside(g, s);
            r.detail(s.name(), Math.round(outside * 1e6) / 1e6);
            if (s.isSupport()) {
                r.info(String.format(Locale.ROOT, "%s (support): %.2f %% outside the dose grid, not judged", s.name(),
                        outside * 100));
                continue;
            }
            judged++;
            String msg = String.format(Locale.ROOT, "%s%s: %.2f %% of the volume outside the dose grid", s.name(),
                    s.isTarget() ? " (target)" : "", outside * 100);
            if (s.isTarget() && outside > FAIL_FRACTION) {
                r.fail(msg);
            } else if (outside > WARN_FRACTION) {
                r.warn(msg + "; its DVH row says how that part was counted (outside_dose)");
            } else {
                inside++;
            }
        }
        if (judged == 0) {
            return CheckResult.notRun(this, "no structure with contours");
        }
        if (inside > 0) {
            r.info(inside + " structure(s) inside the dose grid");
        }
        return r.build();
    }

    /** Fraction (0..1) of the structure's contour area outside the grid, planes weighted equally. */
    static double fractionOutside(Grid g, CourseFacts.Structure s) {
        double total = 0;
        double inside = 0;
        double eps = 1e-6;
        for (double[] c : s.contours()) {
            if (Polygons.points(c) < 3) {
                continue;
            }
            double[] ijk = Polygons.toIndex(g, c);
            double area = Polygons.area2d(ijk);
            total += area;
            double k = Polygons.meanThird(ijk);
            if (k < -eps - 0.5 * (g.nz() == 1 ? 1 : 0) || k > g.nz() - 1 + eps + 0.5 * (g.nz() == 1 ? 1 : 0)) {
                continue;
            }
            inside += Polygons.clippedArea(ijk, -eps, g.nx() - 1 + eps, -eps, g.ny() - 1 + eps);
        }
        return total <= 0 ? 0 : Math.max(0, 1 - inside / total);
    }
}
