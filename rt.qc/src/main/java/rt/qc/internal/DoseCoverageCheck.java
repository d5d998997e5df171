package rt.qc.internal;

import java.util.Locale;
import rt.api.image.Grid;

/**
 * Each target (PTV/CTV/GTV/ITV) lies inside the dose grid. The fraction of the target volume outside is computed from
 * its contours: per contour plane, the polygon area clipped to the dose grid's in-plane extent (voxel centres of the
 * outermost planes, where dose is defined), whole planes outside the grid's slab counting as outside. More than
 * {@value #FAIL_FRACTION} outside = FAIL (target DVH metrics unreliable), any measurable part = WARNING.
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
        return "Dose grid covers targets";
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
        int targets = 0;
        for (CourseFacts.Structure s : f.structures) {
            if (!s.isTarget() || s.contours().isEmpty()) {
                continue;
            }
            targets++;
            double outside = fractionOutside(g, s);
            r.detail(s.name(), Math.round(outside * 1e6) / 1e6);
            String msg = String.format(Locale.ROOT, "%s: %.2f %% of the volume outside the dose grid", s.name(),
                    outside * 100);
            if (outside > FAIL_FRACTION) {
                r.fail(msg);
            } else if (outside > WARN_FRACTION) {
                r.warn(msg);
            } else {
                r.info(s.name() + " inside the dose grid");
            }
        }
        if (targets == 0) {
            return CheckResult.notRun(this, "no target structure (PTV/CTV/GTV/ITV) with contours");
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
