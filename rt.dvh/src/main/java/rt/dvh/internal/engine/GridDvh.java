package rt.dvh.internal.engine;

import java.util.List;
import rt.api.image.Grid;
import rt.api.image.Volume;

/**
 * DVHs on one dose grid that measure, and treat as configured ({@link OutsideDose}), the part of a ROI outside the
 * grid's extent. The fraction outside is the mean of the grid's indicator ({@link DoseField#coverage}) over the ROI,
 * measured with the dose DVH's own samples (in the same pass: a second sweep of the ROI cost a fifth of a structure
 * set's time), so that for {@link OutsideDose#EXCLUDE} that volume can be taken out of the 0 Gy bin of the
 * zero-outside DVH; for clamp and zero it only reports. ROIs whose contours lie well inside the grid skip the
 * measurement. Thread-safe (read only).
 */
public final class GridDvh {

    /** One ROI's DVH and the fraction (0..1) of its volume outside the dose grid. */
    public record Sampled(Dvh dvh, double outsideFraction) {
    }

    /** Room (mm) around a ROI's contours where samples may fall: the jitter of two sampler cells (≤ 1 mm each). */
    private static final double SAMPLE_MARGIN_MM = 4.0;

    private final DoseField zero;
    private final DoseField clamp;
    private final DoseField coverage;
    private final OutsideDose mode;

    public GridDvh(Volume dose, OutsideDose mode) {
        this.zero = new DoseField(dose, DoseField.Outside.ZERO);
        this.clamp = new DoseField(dose, DoseField.Outside.CLAMP);
        this.coverage = DoseField.coverage(dose.grid());
        this.mode = mode;
    }

    public OutsideDose mode() {
        return mode;
    }

    /** The dose with 0 outside (isodose volumes, the grid). */
    public DoseField dose() {
        return zero;
    }

    public Sampled compute(RoiPlanes roi, DvhSampler.Options options) {
        // inside the grid the clamped and the zero-outside fields are the same field
        DoseField field = mode == OutsideDose.CLAMP ? clamp : zero;
        if (roi.isEmpty() || surelyInside(roi, zero.grid(), options)) {
            return new Sampled(DvhSampler.compute(roi, field, options), 0);
        }
        DvhSampler.Covered c = DvhSampler.compute(roi, mode == OutsideDose.EXCLUDE ? zero : field, coverage, options);
        double totalMm3 = c.dvh().volumeCc() * 1000;
        double fraction = totalMm3 > 0 ? c.outsideMm3() / totalMm3 : 0;
        if (fraction < 1e-9) {
            return new Sampled(c.dvh(), 0);
        }
        return new Sampled(mode == OutsideDose.EXCLUDE ? c.dvh().withoutZeroDose(c.outsideMm3()) : c.dvh(), fraction);
    }

    /**
     * Whether every sample of the ROI must fall inside the grid: its contours' box, widened in z by the farthest an
     * end cap reaches (a plane spacing, 2.5 spacings between planes still linked) and in-plane by the largest centroid
     * shift between adjacent planes (an oblique cap follows it) and the sampler's jitter, lies within the grid.
     */
    static boolean surelyInside(RoiPlanes roi, Grid g, DvhSampler.Options o) {
        double[] b = roi.bounds();
        double[] z = roi.z();
        double median = roi.medianSpacing();
        double zMargin = Math.max(Double.isNaN(median) ? 0 : 2.5 * median,
                Math.max(Double.isNaN(o.capThicknessMm()) ? 0 : o.capThicknessMm(), g.spacing(2))) + SAMPLE_MARGIN_MM;
        double xyMargin = 1.5 * largestShift(roi.polygons()) + SAMPLE_MARGIN_MM;
        double[] xs = {b[0] - xyMargin, b[1] + xyMargin};
        double[] ys = {b[2] - xyMargin, b[3] + xyMargin};
        double[] zs = {z[0] - zMargin, z[z.length - 1] + zMargin};
        for (double x : xs) {
            for (double y : ys) {
                for (double zz : zs) {
                    double[] c = g.worldToIndex(x, y, zz);
                    if (c[0] < -0.5 || c[1] < -0.5 || c[2] < -0.5 || c[0] > g.nx() - 0.5 || c[1] > g.ny() - 0.5
                            || c[2] > g.nz() - 0.5) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    /** The largest distance between the area centroids of adjacent planes (mm). */
    static double largestShift(List<List<double[][]>> planes) {
        double largest = 0;
        double[] prev = null;
        for (List<double[][]> plane : planes) {
            double[] c = centroid(plane);
            if (prev != null && c != null) {
                largest = Math.max(largest, Math.hypot(c[0] - prev[0], c[1] - prev[1]));
            }
            prev = c;
        }
        return largest;
    }

    /**
     * Area centroid of a plane's polygons, each by the magnitude of its area (a hole pulls it too: only a bound on the
     * sampler's shift is needed, which {@link #surelyInside} widens by half again), or null.
     */
    private static double[] centroid(List<double[][]> polys) {
        double a = 0;
        double cx = 0;
        double cy = 0;
        double sx = 0;
        double sy = 0;
        int n = 0;
        for (double[][] p : polys) {
            double[] x = p[0];
            double[] y = p[1];
            double pa = 0;
            double px = 0;
            double py = 0;
            for (int i = 0, j = x.length - 1; i < x.length; j = i++) {
                double cross = x[j] * y[i] - x[i] * y[j];
                pa += cross;
                px += (x[j] + x[i]) * cross;
                py += (y[j] + y[i]) * cross;
                sx += x[i];
                sy += y[i];
                n++;
            }
            // each polygon by its magnitude: contours of one plane need not share an orientation
            double sign = Math.signum(pa);
            a += sign * pa;
            cx += sign * px;
            cy += sign * py;
        }
        if (n == 0) {
            return null;
        }
        if (Math.abs(a) < 1e-9) {
            return new double[] {sx / n, sy / n};
        }
        return new double[] {cx / (3 * a), cy / (3 * a)};
    }
}
