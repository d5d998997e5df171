package rt.qc.internal;

import java.util.Locale;

/**
 * Empty and degenerate contours: a structure without contours (FAIL for a target, WARNING otherwise), polygons with
 * fewer than 3 points or (nearly) zero area, non-finite coordinates (FAIL), a total volume below
 * {@value #MIN_VOLUME_CC} cc. Point-type ROIs (markers, isocentre) are exempt.
 */
final class ContourCheck implements QcCheck {

    static final double MIN_AREA_MM2 = 0.5;
    static final double MIN_VOLUME_CC = 0.01;

    @Override
    public String id() {
        return "contours";
    }

    @Override
    public String name() {
        return "Empty or degenerate contours";
    }

    @Override
    public CheckResult run(CourseFacts f) {
        if (f.structures == null) {
            return CheckResult.notRun(this, "structures not available");
        }
        CheckResult.Builder r = result();
        int checked = 0;
        for (CourseFacts.Structure s : f.structures) {
            if (s.isPoint()) {
                continue;
            }
            checked++;
            if (s.contours().isEmpty()) {
                if (s.isTarget()) {
                    r.fail(s.name() + ": target has no contours");
                } else {
                    r.warn(s.name() + ": empty structure (no contours)");
                }
                continue;
            }
            int fewPoints = 0;
            int tiny = 0;
            boolean nonFinite = false;
            double volume = 0;
            double thickness = sliceThickness(s);
            for (double[] c : s.contours()) {
                for (double v : c) {
                    nonFinite |= !Double.isFinite(v);
                }
                if (Polygons.points(c) < 3) {
                    fewPoints++;
                    continue;
                }
                double a = Polygons.area2d(c);
                if (a < MIN_AREA_MM2) {
                    tiny++;
                }
                volume += a * thickness / 1000.0;
            }
            if (nonFinite) {
                r.fail(s.name() + ": non-finite contour coordinates");
            }
            if (fewPoints > 0) {
                r.warn(s.name() + ": " + fewPoints + " contour(s) with fewer than 3 points");
            }
            if (tiny > 0) {
                r.warn(String.format(Locale.ROOT, "%s: %d contour(s) with area below %.1f mm²", s.name(), tiny,
                        MIN_AREA_MM2));
            }
            if (fewPoints + tiny == s.contours().size()) {
                if (s.isTarget()) {
                    r.fail(s.name() + ": target has only degenerate contours");
                } else {
                    r.warn(s.name() + ": only degenerate contours");
                }
            } else if (volume < MIN_VOLUME_CC) {
                r.warn(String.format(Locale.ROOT, "%s: volume %.4f cc is implausibly small", s.name(), volume));
            }
        }
        r.detail("structures_checked", checked);
        if (r.build().reasons().isEmpty()) {
            r.info(checked + " structure(s) with valid contours");
        }
        return r.build();
    }

    /** Median spacing of the structure's contour planes (mm); 1 mm for a single plane. */
    static double sliceThickness(CourseFacts.Structure s) {
        double[] z = s.contours().stream().filter(c -> c.length >= 3).mapToDouble(Polygons::meanThird).distinct()
                .sorted().toArray();
        if (z.length < 2) {
            return 1.0;
        }
        double[] d = new double[z.length - 1];
        for (int n = 0; n < d.length; n++) {
            d[n] = z[n + 1] - z[n];
        }
        java.util.Arrays.sort(d);
        return d[d.length / 2];
    }
}
