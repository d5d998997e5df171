package rt.qc.internal;

import java.util.Arrays;
import java.util.Locale;

/**
 * Planning CT slice positions: duplicates (FAIL: two images at one position make the volume ambiguous), isolated gaps
 * of about k×the usual spacing (FAIL: k−1 missing slices), other non-uniform spacing (WARNING: deliberate variable
 * thickness protocols exist, but resampling is then needed).
 */
final class CtSliceCheck implements QcCheck {

    /** Positions closer than this are the same slice. */
    static final double DUPLICATE_MM = 0.01;
    /** Spacing deviations up to this are uniform (rounding in ImagePositionPatient). */
    static final double TOLERANCE_MM = 0.05;

    @Override
    public String id() {
        return "ct_slices";
    }

    @Override
    public String name() {
        return "CT slice spacing";
    }

    @Override
    public CheckResult run(CourseFacts f) {
        if (f.ctSlicePositions == null) {
            return CheckResult.notRun(this, "CT slice positions not available");
        }
        CheckResult.Builder r = result();
        double[] z = f.ctSlicePositions.clone();
        Arrays.sort(z);
        r.detail("slices", z.length);
        if (z.length < 2) {
            return r.fail("planning CT has " + z.length + " slice(s)").build();
        }
        int dups = 0;
        double[] d = new double[z.length - 1];
        for (int n = 0; n < d.length; n++) {
            d[n] = z[n + 1] - z[n];
            if (d[n] < DUPLICATE_MM) {
                if (++dups <= 5) {
                    r.fail(String.format(Locale.ROOT, "duplicate slice position z=%.2f mm", z[n]));
                }
            }
        }
        if (dups > 5) {
            r.fail((dups - 5) + " more duplicate slice position(s)");
        }
        double[] positive = Arrays.stream(d).filter(v -> v >= DUPLICATE_MM).sorted().toArray();
        if (positive.length == 0) {
            return r.build();
        }
        double nominal = positive[positive.length / 2];
        r.detail("spacing_mm", round(nominal));
        int irregular = 0;
        for (int n = 0; n < d.length; n++) {
            if (d[n] < DUPLICATE_MM || Math.abs(d[n] - nominal) <= TOLERANCE_MM) {
                continue;
            }
            boolean prevOk = n == 0 || Math.abs(d[n - 1] - nominal) <= TOLERANCE_MM;
            boolean nextOk = n == d.length - 1 || Math.abs(d[n + 1] - nominal) <= TOLERANCE_MM;
            double k = d[n] / nominal;
            if (k >= 1.5 && prevOk && nextOk) {
                long missing = Math.round(k) - 1;
                r.fail(String.format(Locale.ROOT, "gap of %.2f mm between z=%.2f and z=%.2f (spacing %.2f mm): "
                        + "about %d missing slice(s)", d[n], z[n], z[n + 1], nominal, missing));
            } else if (++irregular <= 5) {
                r.warn(String.format(Locale.ROOT, "non-uniform spacing %.2f mm between z=%.2f and z=%.2f "
                        + "(usual %.2f mm)", d[n], z[n], z[n + 1], nominal));
            }
        }
        if (irregular > 5) {
            r.warn((irregular - 5) + " more non-uniform interval(s)");
        }
        if (r.build().reasons().isEmpty()) {
            r.info(String.format(Locale.ROOT, "%d slices, uniform spacing %.2f mm", z.length, nominal));
        }
        return r.build();
    }

    static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
