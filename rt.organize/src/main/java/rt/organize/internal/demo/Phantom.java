package rt.organize.internal.demo;

import java.util.ArrayList;
import java.util.List;

/**
 * The analytic body phantom of the demo cohort (see {@code PHANTOM.md} of this module for the closed-form DVH
 * values). LPS mm, centred on the origin; z is the patient's superior direction.
 *
 * <ul>
 * <li>BODY: elliptic cylinder, semi-axes {@value #BODY_A} mm (x) × {@value #BODY_B} mm (y), over the whole CT,
 * {@value #HU_BODY} HU; air outside, {@value #HU_AIR} HU.</li>
 * <li>PTV: sphere of radius {@value #PTV_R} mm at the origin, {@value #HU_PTV} HU.</li>
 * <li>SPINE: cylinder of radius {@value #SPINE_R} mm along z at (0, {@value #SPINE_Y}), {@value #HU_SPINE} HU.</li>
 * <li>LUNG_L / LUNG_R: ellipsoids at (±{@value #LUNG_X}, 0, 0), semi-axes {@value #LUNG_AX} × {@value #LUNG_AY} ×
 * {@value #LUNG_AZ} mm, {@value #HU_LUNG} HU.</li>
 * </ul>
 * Dose of a plan with scale s (s = Rx / {@value #RX_REFERENCE_GY} Gy), inside BODY, 0 outside:
 * {@code D(x,y,z) = s · (A + G·z + H·[|r| ≤ R_H])} with A = {@value #DOSE_A} Gy, G = {@value #DOSE_G} Gy/mm,
 * H = {@value #DOSE_H} Gy, R_H = {@value #DOSE_RH} mm.
 */
public final class Phantom {

    public static final double BODY_A = 110;
    public static final double BODY_B = 80;
    public static final double PTV_R = 25;
    public static final double SPINE_R = 12;
    public static final double SPINE_Y = 55;
    public static final double LUNG_X = 60;
    public static final double LUNG_AX = 30;
    public static final double LUNG_AY = 40;
    public static final double LUNG_AZ = 60;
    public static final int HU_AIR = -1000;
    public static final int HU_BODY = 0;
    public static final int HU_PTV = 40;
    public static final int HU_SPINE = 700;
    public static final int HU_LUNG = -800;

    public static final double RX_REFERENCE_GY = 50;
    public static final double DOSE_A = 10;
    public static final double DOSE_G = 0.05;
    public static final double DOSE_H = 40;
    public static final double DOSE_RH = 30;

    /** CT grid: {@value #CT_N} × {@value #CT_N} pixels of {@value #CT_PIXEL} mm, {@value #CT_SLICES} slices of
     * {@value #CT_SLICE} mm, centred on the origin. */
    public static final int CT_N = 128;
    public static final double CT_PIXEL = 2.0;
    public static final int CT_SLICES = 50;
    public static final double CT_SLICE = 3.0;

    private Phantom() {
    }

    public static double ctOrigin(int axis) {
        return axis < 2 ? -(CT_N - 1) * CT_PIXEL / 2 : -(CT_SLICES - 1) * CT_SLICE / 2;
    }

    public static boolean inBody(double x, double y) {
        return (x * x) / (BODY_A * BODY_A) + (y * y) / (BODY_B * BODY_B) <= 1;
    }

    /** HU at a point (organs in the order PTV, SPINE, LUNG, BODY). */
    public static int hu(double x, double y, double z) {
        if (!inBody(x, y)) {
            return HU_AIR;
        }
        if (x * x + y * y + z * z <= PTV_R * PTV_R) {
            return HU_PTV;
        }
        if (x * x + (y - SPINE_Y) * (y - SPINE_Y) <= SPINE_R * SPINE_R) {
            return HU_SPINE;
        }
        if (inLung(x - LUNG_X, y, z) || inLung(x + LUNG_X, y, z)) {
            return HU_LUNG;
        }
        return HU_BODY;
    }

    private static boolean inLung(double dx, double y, double z) {
        return dx * dx / (LUNG_AX * LUNG_AX) + y * y / (LUNG_AY * LUNG_AY) + z * z / (LUNG_AZ * LUNG_AZ) <= 1;
    }

    /** Dose in Gy of a plan with the given scale (Rx / 50 Gy). */
    public static double dose(double scale, double x, double y, double z) {
        if (!inBody(x, y)) {
            return 0;
        }
        double d = DOSE_A + DOSE_G * z + (x * x + y * y + z * z <= DOSE_RH * DOSE_RH ? DOSE_H : 0);
        return scale * d;
    }

    /** A closed polygon (x,y,z triples) approximating an ellipse in the plane z, {@code n} points. */
    public static double[] ellipse(double cx, double cy, double a, double b, double z, int n) {
        double[] p = new double[3 * n];
        for (int i = 0; i < n; i++) {
            double t = 2 * Math.PI * i / n;
            p[3 * i] = cx + a * Math.cos(t);
            p[3 * i + 1] = cy + b * Math.sin(t);
            p[3 * i + 2] = z;
        }
        return p;
    }

    /** Contours of one ROI on the CT slice planes: ROI name → list of (slice index, polygon). */
    public static List<double[]> contours(String roi, int points) {
        List<double[]> out = new ArrayList<>();
        for (int k = 0; k < CT_SLICES; k++) {
            double z = ctOrigin(2) + k * CT_SLICE;
            switch (roi) {
                case "BODY" -> out.add(ellipse(0, 0, BODY_A, BODY_B, z, points));
                case "PTV" -> {
                    if (Math.abs(z) < PTV_R) {
                        double r = Math.sqrt(PTV_R * PTV_R - z * z);
                        out.add(ellipse(0, 0, r, r, z, points));
                    }
                }
                case "SPINE" -> out.add(ellipse(0, SPINE_Y, SPINE_R, SPINE_R, z, points));
                case "LUNG_L", "LUNG_R" -> {
                    if (Math.abs(z) < LUNG_AZ) {
                        double f = Math.sqrt(1 - z * z / (LUNG_AZ * LUNG_AZ));
                        out.add(ellipse(roi.equals("LUNG_L") ? LUNG_X : -LUNG_X, 0, LUNG_AX * f, LUNG_AY * f, z,
                                points));
                    }
                }
                default -> throw new IllegalArgumentException("unknown ROI " + roi);
            }
        }
        return out;
    }

    /** The ROIs of the phantom, in RTSTRUCT order. */
    public static final List<String> ROIS = List.of("BODY", "PTV", "SPINE", "LUNG_L", "LUNG_R");
}
