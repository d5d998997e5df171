package rt.bench.phantom;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import rt.api.image.Grid;
import rt.api.image.Mask;
import rt.api.image.Quantity;
import rt.api.image.Volume;

/**
 * A realistic thorax course for benchmarks (not a truth phantom: {@code PHANTOM.md} describes the demo's): a CT with
 * CT-like texture (air, soft tissue and fat, lungs with vessels, spine, correlated and white noise) and 33 ROIs of
 * clinical sizes made of ellipsoids: 24 manual, 4 custom and 5 auto-segmented (the manual LUNGS and the custom LUNGS
 * are the same voxels, as when a custom structure rebuilds a planning-system contour). At full size the CT is
 * 512×512×140 voxels of 0.98×0.98×2.5 mm; smaller sizes keep the same anatomy (a field of view of 502 mm and a
 * length of 350 mm) at coarser spacing, so every ROI keeps its volume. A scale below 1 shrinks the whole patient
 * (anatomy, CT extent, dose) by that factor, as a smaller patient: volumes shrink by its cube, and with them the cost
 * of stages that resample to a fixed spacing (radiomics), which makes quick benchmarks possible. Shared by
 * {@code rt:bench} and the radiomics course benchmark. LPS mm centred on the origin, z superior.
 */
public final class ThoraxPhantom {

    /** The full clinical size: 512×512 pixels, 140 slices. */
    public static final int FULL_PIXELS = 512;
    public static final int FULL_SLICES = 140;
    /** Pixel and slice spacing at full size; other sizes scale them so that the extent stays. */
    public static final double FULL_PIXEL_MM = 0.98;
    public static final double FULL_SLICE_MM = 2.5;

    public static final String MANUAL = "Manual";
    public static final String CUSTOM = "Custom";
    public static final String AUTO = "AutoRTS_total";

    /** Prescription of the plan on the PTV. */
    public static final double RX_GY = 60;

    private ThoraxPhantom() {
    }

    /** An ROI made of ellipsoids (centre and semi-axes in mm), minus optional holes. */
    public record Shape(String source, String name, double[][] plus, double[][] minus) {

        /** RT ROI Interpreted Type as a planning system would set it. */
        public String interpretedType() {
            return name.equals("BODY") ? "EXTERNAL" : name.endsWith("TV") ? name.substring(name.length() - 3)
                    : "ORGAN";
        }

        /** This ROI in a patient scaled by {@code s} about the origin. */
        public Shape scaled(double s) {
            return new Shape(source, name, scale(plus, s), scale(minus, s));
        }

        private static double[][] scale(double[][] ellipsoids, double s) {
            double[][] out = new double[ellipsoids.length][];
            for (int i = 0; i < out.length; i++) {
                out[i] = ellipsoids[i].clone();
                for (int d = 0; d < 6; d++) {
                    out[i][d] *= s;
                }
            }
            return out;
        }
    }

    static double[] ell(double cx, double cy, double cz, double ax, double ay, double az) {
        return new double[] {cx, cy, cz, ax, ay, az};
    }

    /** Semi-axes of an ellipsoid of the given volume (cc) and aspect ratios. */
    static double[] sized(double cx, double cy, double cz, double cc, double rx, double ry, double rz) {
        double k = Math.cbrt(cc * 1000 * 3 / (4 * Math.PI * rx * ry * rz));
        return ell(cx, cy, cz, k * rx, k * ry, k * rz);
    }

    static double[] grow(double[] e, double mm) {
        return ell(e[0], e[1], e[2], e[3] + mm, e[4] + mm, e[5] + mm);
    }

    private static final double[] LUNG_L = sized(85, -10, 30, 1400, 0.8, 1, 1.8);
    private static final double[] LUNG_R = sized(-85, -10, 30, 1600, 0.85, 1, 1.8);
    private static final double[] HEART = sized(15, 20, -20, 650, 1.1, 0.9, 1);
    private static final double[] PTV = sized(70, 0, 40, 1000, 1, 1, 1.2);
    private static final double[] GTV = sized(72, 2, 40, 120, 1, 0.9, 1.1);
    private static final double[] BODY = ell(0, 0, 0, 170, 125, 175);

    /** All 33 ROIs: the 24 manual ones first (BODY, the lungs, heart and targets leading), then custom, then auto. */
    public static List<Shape> shapes() {
        double[] cord = ell(0, 70, 0, 6, 6, 160);
        double[] liver = sized(-60, 15, -130, 1500, 1.4, 1, 0.7);
        List<Shape> s = new ArrayList<>();
        String m = MANUAL;
        s.add(new Shape(m, "BODY", new double[][] {BODY}, new double[][] {}));
        s.add(new Shape(m, "LUNG_L", new double[][] {LUNG_L}, new double[][] {}));
        s.add(new Shape(m, "LUNG_R", new double[][] {LUNG_R}, new double[][] {}));
        s.add(new Shape(m, "LUNGS", new double[][] {LUNG_L, LUNG_R}, new double[][] {}));
        s.add(new Shape(m, "HEART", new double[][] {HEART}, new double[][] {}));
        s.add(new Shape(m, "PTV", new double[][] {PTV}, new double[][] {}));
        s.add(new Shape(m, "CTV", new double[][] {sized(70, 0, 40, 450, 1, 1, 1.2)}, new double[][] {}));
        s.add(new Shape(m, "GTV", new double[][] {GTV}, new double[][] {}));
        s.add(new Shape(m, "ITV", new double[][] {sized(72, 2, 42, 160, 1, 0.9, 1.3)}, new double[][] {}));
        s.add(new Shape(m, "SPINAL_CORD", new double[][] {cord}, new double[][] {}));
        s.add(new Shape(m, "PRV_CORD", new double[][] {ell(0, 70, 0, 11, 11, 165)}, new double[][] {}));
        s.add(new Shape(m, "ESOPHAGUS", new double[][] {ell(5, 45, 20, 9, 8, 130)}, new double[][] {}));
        s.add(new Shape(m, "TRACHEA", new double[][] {ell(0, 20, 110, 10, 10, 60)}, new double[][] {}));
        s.add(new Shape(m, "BRONCHUS_MAIN", new double[][] {ell(0, 20, 45, 25, 8, 10)}, new double[][] {}));
        s.add(new Shape(m, "AORTA", new double[][] {ell(-15, 35, 20, 14, 14, 110)}, new double[][] {}));
        s.add(new Shape(m, "GREAT_VESSELS", new double[][] {sized(10, 10, 70, 250, 1.5, 1, 1.2)},
                new double[][] {}));
        s.add(new Shape(m, "LIVER", new double[][] {liver}, new double[][] {}));
        s.add(new Shape(m, "STOMACH", new double[][] {sized(70, 0, -130, 300, 1.3, 1, 0.8)}, new double[][] {}));
        s.add(new Shape(m, "CHESTWALL_L", new double[][] {ell(95, -5, 30, 70, 110, 110)},
                new double[][] {ell(90, -10, 30, 58, 97, 112)}));
        s.add(new Shape(m, "BRACHIAL_PLEX_L", new double[][] {ell(75, 10, 150, 30, 6, 8)}, new double[][] {}));
        s.add(new Shape(m, "THYROID", new double[][] {sized(0, -10, 160, 20, 1.6, 0.7, 1)}, new double[][] {}));
        s.add(new Shape(m, "HUMERUS_L", new double[][] {ell(150, 0, 110, 18, 18, 60)}, new double[][] {}));
        s.add(new Shape(m, "HUMERUS_R", new double[][] {ell(-150, 0, 110, 18, 18, 60)}, new double[][] {}));
        s.add(new Shape(m, "SPLEEN", new double[][] {sized(90, 40, -140, 180, 1, 1.2, 1)}, new double[][] {}));
        String c = CUSTOM;
        s.add(new Shape(c, "LUNGS", new double[][] {LUNG_L, LUNG_R}, new double[][] {}));
        s.add(new Shape(c, "LUNGS-GTV", new double[][] {LUNG_L, LUNG_R}, new double[][] {GTV}));
        s.add(new Shape(c, "RING_PTV", new double[][] {sized(70, 0, 40, 1900, 1, 1, 1.2)}, new double[][] {PTV}));
        s.add(new Shape(c, "PRV_CORD_5MM", new double[][] {ell(0, 70, 0, 11.5, 11.5, 166)}, new double[][] {}));
        String a = AUTO;
        s.add(new Shape(a, "lung", new double[][] {grow(LUNG_L, 1.5), grow(LUNG_R, 1.5)}, new double[][] {}));
        s.add(new Shape(a, "heart", new double[][] {grow(HEART, 2)}, new double[][] {}));
        s.add(new Shape(a, "aorta", new double[][] {ell(-15, 35, 20, 15, 15, 112)}, new double[][] {}));
        s.add(new Shape(a, "esophagus", new double[][] {ell(5, 45, 20, 10, 9, 128)}, new double[][] {}));
        s.add(new Shape(a, "spinal_cord", new double[][] {ell(0, 70, 0, 6.5, 6.5, 158)}, new double[][] {}));
        return s;
    }

    /** The manual ROIs only (24), in the order of {@link #shapes()}. */
    public static List<Shape> manualShapes() {
        return shapes().stream().filter(s -> s.source().equals(MANUAL)).toList();
    }

    /** The full-size CT grid (512×512×140 at 0.98×0.98×2.5 mm). */
    public static Grid ctGrid() {
        return ctGrid(FULL_PIXELS, FULL_SLICES);
    }

    /** A CT grid of {@code pixels}² × {@code slices} voxels over the full-size extent. */
    public static Grid ctGrid(int pixels, int slices) {
        return ctGrid(pixels, slices, 1);
    }

    /** A CT grid of {@code pixels}² × {@code slices} voxels over the extent of a patient scaled by {@code scale}. */
    public static Grid ctGrid(int pixels, int slices, double scale) {
        if (pixels < 8 || slices < 2) {
            throw new IllegalArgumentException("a CT needs at least 8×8 pixels and 2 slices, not " + pixels + "×"
                    + pixels + "×" + slices);
        }
        checkScale(scale);
        double px = FULL_PIXEL_MM * FULL_PIXELS / pixels * scale;
        double dz = FULL_SLICE_MM * FULL_SLICES / slices * scale;
        return Grid.axisAligned(pixels, pixels, slices, new double[] {-250 * scale, -250 * scale, -175 * scale},
                new double[] {px, px, dz});
    }

    private static void checkScale(double scale) {
        if (!(scale >= 0.1 && scale <= 2)) {
            throw new IllegalArgumentException("the patient scale must be 0.1..2, not " + scale);
        }
    }

    /** CT-like intensities (integral HU): air, body, lungs with vessels, spine, smooth texture and noise. */
    public static Volume ct(Grid g) {
        return ct(g, 1);
    }

    /** {@link #ct(Grid)} of a patient scaled by {@code scale} (textures and noise keep their size in voxels). */
    public static Volume ct(Grid g, double scale) {
        checkScale(scale);
        int nx = g.nx();
        int ny = g.ny();
        float[] v = new float[(int) g.voxelCount()];
        // one random stream per slice: the same CT whatever the number of threads
        IntStream.range(0, g.nz()).parallel().forEach(k -> {
            SplittableRandom rnd = new SplittableRandom(7L * 1_000_003 + k);
            for (int j = 0; j < ny; j++) {
                for (int i = 0; i < nx; i++) {
                    double[] w = g.indexToWorld(i, j, k);
                    v[i + nx * (j + ny * k)] = (float) hu(w[0] / scale, w[1] / scale, w[2] / scale, rnd);
                }
            }
        });
        return new Volume(g, v, Quantity.HU);
    }

    private static double hu(double x, double y, double z, SplittableRandom rnd) {
        double hu;
        if (!inside(BODY, x, y, z)) {
            hu = -1000 + 5 * rnd.nextGaussian();
        } else if (inside(LUNG_L, x, y, z) || inside(LUNG_R, x, y, z)) {
            double vessel = Math.sin(x / 3.1) * Math.sin(y / 2.7) * Math.sin(z / 4.3);
            hu = -830 + 60 * Math.max(0, vessel * vessel * vessel) * 10 + 25 * rnd.nextGaussian();
        } else if (Math.hypot(x, y - 75) < 18) {
            hu = 500 + 200 * Math.sin(z / 6.0) + 40 * rnd.nextGaussian();
        } else {
            double tex = 25 * Math.sin(x / 4.0) * Math.cos(y / 6.0) * Math.sin(z / 9.0)
                    + 15 * Math.sin((x + y) / 11.0);
            double fat = Math.hypot(x / 170, y / 125) > 0.85 ? -140 : 0;
            hu = 40 + fat + tex + 18 * rnd.nextGaussian();
        }
        return Math.max(-1024, Math.round(hu));
    }

    /**
     * A planned dose (Gy): {@link #RX_GY} inside the PTV with a 2 % ripple, a penumbra of about 8 mm and a shoulder
     * falling over some 40 mm beyond it, a low-dose bath along an AP-PA beam pair through the target, 0 outside the
     * body.
     */
    public static double dose(double x, double y, double z) {
        if (!inside(BODY, x, y, z)) {
            return 0;
        }
        double r = Math.sqrt(norm2(PTV, x, y, z));
        double beyondMm = Math.max(0, r - 1) * PTV[3];
        double target = beyondMm == 0 ? 1 + 0.02 * Math.sin(x / 7.0) * Math.sin(z / 5.0)
                : 0.85 * Math.exp(-beyondMm * beyondMm / (2 * 8.0 * 8.0)) + 0.15 * Math.exp(-beyondMm / 40.0);
        double lateral = Math.hypot(x - PTV[0], (z - PTV[2]) / 1.2);
        double beam = lateral < PTV[3] * 1.2 ? 0.25 * Math.exp(-Math.abs(y - PTV[1]) / 150.0) : 0;
        return RX_GY * Math.max(target, beam);
    }

    /** A dose grid of {@code spacingMm} covering the body (the planning system's calculation volume). */
    public static Grid doseGrid(double spacingMm) {
        return doseGrid(spacingMm, 1);
    }

    /** A dose grid of {@code spacingMm} covering the body of a patient scaled by {@code scale}. */
    public static Grid doseGrid(double spacingMm, double scale) {
        if (!(spacingMm >= 0.5 && spacingMm <= 20)) {
            throw new IllegalArgumentException("the dose grid spacing must be 0.5..20 mm, not " + spacingMm);
        }
        checkScale(scale);
        int nx = (int) Math.ceil(2 * BODY[3] * scale / spacingMm) + 1;
        int ny = (int) Math.ceil(2 * BODY[4] * scale / spacingMm) + 1;
        int nz = (int) Math.ceil(2 * BODY[5] * scale / spacingMm) + 1;
        double[] origin = {-(nx - 1) * spacingMm / 2, -(ny - 1) * spacingMm / 2, -(nz - 1) * spacingMm / 2};
        return Grid.axisAligned(nx, ny, nz, origin, new double[] {spacingMm, spacingMm, spacingMm});
    }

    /** {@link #dose} of a patient scaled by {@code scale}, sampled at the voxel centres of {@code g}. */
    public static Volume doseVolume(Grid g, double scale) {
        float[] v = new float[(int) g.voxelCount()];
        IntStream.range(0, g.nz()).parallel().forEach(k -> {
            for (int j = 0; j < g.ny(); j++) {
                for (int i = 0; i < g.nx(); i++) {
                    double[] w = g.indexToWorld(i, j, k);
                    v[g.index(i, j, k)] = (float) dose(w[0] / scale, w[1] / scale, w[2] / scale);
                }
            }
        });
        return new Volume(g, v, Quantity.DOSE_GY);
    }

    static double norm2(double[] e, double x, double y, double z) {
        double dx = (x - e[0]) / e[3];
        double dy = (y - e[1]) / e[4];
        double dz = (z - e[2]) / e[5];
        return dx * dx + dy * dy + dz * dz;
    }

    static boolean inside(double[] e, double x, double y, double z) {
        return norm2(e, x, y, z) <= 1;
    }

    /** The ROI's mask on a grid cropped to its bounding box (on the lattice of {@code g}), as a stage gets it. */
    public static Mask mask(Shape s, Grid g) {
        int[] size = {g.nx(), g.ny(), g.nz()};
        int[] lo = {Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE};
        int[] hi = {-1, -1, -1};
        for (double[] e : s.plus()) {
            for (int d = 0; d < 3; d++) {
                double a = (e[d] - e[d + 3] - g.origin()[d]) / g.spacing(d);
                double b = (e[d] + e[d + 3] - g.origin()[d]) / g.spacing(d);
                lo[d] = Math.max(0, Math.min(lo[d], (int) Math.floor(a)));
                hi[d] = Math.min(size[d] - 1, Math.max(hi[d], (int) Math.ceil(b)));
            }
        }
        Grid crop = g.crop(lo[0], lo[1], lo[2], hi[0] - lo[0] + 1, hi[1] - lo[1] + 1, hi[2] - lo[2] + 1);
        boolean[] in = new boolean[(int) crop.voxelCount()];
        IntStream.range(0, crop.nz()).parallel().forEach(k -> {
            for (int j = 0; j < crop.ny(); j++) {
                for (int i = 0; i < crop.nx(); i++) {
                    double[] w = crop.indexToWorld(i, j, k);
                    boolean b = false;
                    for (double[] e : s.plus()) {
                        b |= inside(e, w[0], w[1], w[2]);
                    }
                    for (double[] e : s.minus()) {
                        b &= !inside(e, w[0], w[1], w[2]);
                    }
                    in[crop.index(i, j, k)] = b;
                }
            }
        });
        return new Mask(crop, in);
    }
}
