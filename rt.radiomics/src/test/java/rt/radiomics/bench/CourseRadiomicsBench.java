package rt.radiomics.bench;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import rt.api.image.Grid;
import rt.api.image.Mask;
import rt.api.image.Quantity;
import rt.api.image.Volume;
import rt.radiomics.PixelType;
import rt.radiomics.RadiomicsParams;
import rt.radiomics.internal.stage.CourseExtraction;
import rt.radiomics.internal.stage.CourseRois;
import rt.radiomics.internal.stage.RoiExtraction;
import rt.radiomics.internal.stage.RoiFilter;

/**
 * Benchmark (not a test): the radiomics of one realistic course, in memory. A thorax CT of 512×512×140 voxels at
 * 0.98×0.98×2.5 mm with CT-like texture (air, soft tissue, lungs, bone, correlated and white noise) and 33 ROIs of
 * clinical sizes (24 manual, 4 custom, 5 auto; one manual and one custom lung union are the same voxels, as when a
 * custom structure rebuilds a TPS contour), run with the bundled CT parameters the way the radiomics stage runs
 * them ({@link CourseExtraction} on the given number of cores). Prints the course's process CPU seconds and wall
 * time, which ROIs shared their voxels, and for chosen ROIs the CPU seconds of each image type run on its own
 * (Original includes shape) and of all of them, one ROI at a time.
 *
 * <p>Run: {@code java -cp <classes, test-classes, deps> rt.radiomics.bench.CourseRadiomicsBench [threads] [split]
 * [nocourse]},
 * split = {@code none}, {@code big} (the 1,000 cc PTV and the heart, default), {@code all} or ROI names separated by
 * commas; a third argument
 * {@code nocourse} skips the course run.
 */
public final class CourseRadiomicsBench {

    private static final int NX = 512;
    private static final int NY = 512;
    private static final int NZ = 140;
    private static final double[] SPACING = {0.98, 0.98, 2.5};

    private CourseRadiomicsBench() {
    }

    /** An ROI made of ellipsoids (centre and semi-axes in mm from the image centre), minus optional holes. */
    public record Shape(String source, String name, double[][] plus, double[][] minus) {
    }

    static double[] ell(double cx, double cy, double cz, double ax, double ay, double az) {
        return new double[] {cx, cy, cz, ax, ay, az};
    }

    /** Semi-axes of an ellipsoid of the given volume (cc) and aspect ratios. */
    static double[] sized(double cx, double cy, double cz, double cc, double rx, double ry, double rz) {
        double k = Math.cbrt(cc * 1000 * 3 / (4 * Math.PI * rx * ry * rz));
        return ell(cx, cy, cz, k * rx, k * ry, k * rz);
    }

    public static List<Shape> shapes() {
        double[] lungL = sized(85, -10, 30, 1400, 0.8, 1, 1.8);
        double[] lungR = sized(-85, -10, 30, 1600, 0.85, 1, 1.8);
        double[] heart = sized(15, 20, -20, 650, 1.1, 0.9, 1);
        double[] ptv = sized(70, 0, 40, 1000, 1, 1, 1.2);
        double[] body = ell(0, 0, 0, 170, 125, 175);
        double[] cord = ell(0, 70, 0, 6, 6, 160);
        double[] liver = sized(-60, 15, -130, 1500, 1.4, 1, 0.7);
        List<Shape> s = new ArrayList<>();
        String m = "Manual";
        s.add(new Shape(m, "BODY", new double[][] {body}, new double[][] {}));
        s.add(new Shape(m, "LUNG_L", new double[][] {lungL}, new double[][] {}));
        s.add(new Shape(m, "LUNG_R", new double[][] {lungR}, new double[][] {}));
        s.add(new Shape(m, "LUNGS", new double[][] {lungL, lungR}, new double[][] {}));
        s.add(new Shape(m, "HEART", new double[][] {heart}, new double[][] {}));
        s.add(new Shape(m, "PTV", new double[][] {ptv}, new double[][] {}));
        s.add(new Shape(m, "CTV", new double[][] {sized(70, 0, 40, 450, 1, 1, 1.2)}, new double[][] {}));
        s.add(new Shape(m, "GTV", new double[][] {sized(72, 2, 40, 120, 1, 0.9, 1.1)}, new double[][] {}));
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
        String c = "Custom";
        s.add(new Shape(c, "LUNGS", new double[][] {lungL, lungR}, new double[][] {}));
        s.add(new Shape(c, "LUNGS-GTV", new double[][] {lungL, lungR},
                new double[][] {sized(72, 2, 40, 120, 1, 0.9, 1.1)}));
        s.add(new Shape(c, "RING_PTV", new double[][] {sized(70, 0, 40, 1900, 1, 1, 1.2)}, new double[][] {ptv}));
        s.add(new Shape(c, "PRV_CORD_5MM", new double[][] {ell(0, 70, 0, 11.5, 11.5, 166)}, new double[][] {}));
        String a = "AutoRTS_total";
        s.add(new Shape(a, "lung", new double[][] {grow(lungL, 1.5), grow(lungR, 1.5)}, new double[][] {}));
        s.add(new Shape(a, "heart", new double[][] {grow(heart, 2)}, new double[][] {}));
        s.add(new Shape(a, "aorta", new double[][] {ell(-15, 35, 20, 15, 15, 112)}, new double[][] {}));
        s.add(new Shape(a, "esophagus", new double[][] {ell(5, 45, 20, 10, 9, 128)}, new double[][] {}));
        s.add(new Shape(a, "spinal_cord", new double[][] {ell(0, 70, 0, 6.5, 6.5, 158)}, new double[][] {}));
        return s;
    }

    static double[] grow(double[] e, double mm) {
        return ell(e[0], e[1], e[2], e[3] + mm, e[4] + mm, e[5] + mm);
    }

    public static Grid ctGrid() {
        return Grid.axisAligned(NX, NY, NZ, new double[] {-250, -250, -175}, SPACING);
    }

    /** CT-like intensities (integral HU): air, body, lungs with vessels, spine, smooth texture and noise. */
    public static Volume ct(Grid g) {
        float[] v = new float[NX * NY * NZ];
        SplittableRandom rnd = new SplittableRandom(7);
        double[] body = ell(0, 0, 0, 170, 125, 175);
        List<Shape> all = shapes();
        double[] lungL = all.get(1).plus()[0];
        double[] lungR = all.get(2).plus()[0];
        for (int k = 0; k < NZ; k++) {
            for (int j = 0; j < NY; j++) {
                for (int i = 0; i < NX; i++) {
                    double[] w = g.indexToWorld(i, j, k);
                    double x = w[0];
                    double y = w[1];
                    double z = w[2];
                    double hu;
                    if (!inside(body, x, y, z)) {
                        hu = -1000 + 5 * rnd.nextGaussian();
                    } else if (inside(lungL, x, y, z) || inside(lungR, x, y, z)) {
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
                    v[i + NX * (j + NY * k)] = (float) Math.max(-1024, Math.round(hu));
                }
            }
        }
        return new Volume(g, v, Quantity.HU);
    }

    static boolean inside(double[] e, double x, double y, double z) {
        double dx = (x - e[0]) / e[3];
        double dy = (y - e[1]) / e[4];
        double dz = (z - e[2]) / e[5];
        return dx * dx + dy * dy + dz * dz <= 1;
    }

    /** The ROI's mask on a grid cropped to its bounding box (on the CT lattice), as the stage gets it. */
    public static Mask mask(Shape s, Grid g) {
        int[] lo = {Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE};
        int[] hi = {-1, -1, -1};
        for (double[] e : s.plus()) {
            for (int d = 0; d < 3; d++) {
                double a = (e[d] - e[d + 3] - g.origin()[d]) / SPACING[d];
                double b = (e[d] + e[d + 3] - g.origin()[d]) / SPACING[d];
                int size = d == 0 ? NX : d == 1 ? NY : NZ;
                lo[d] = Math.max(0, Math.min(lo[d], (int) Math.floor(a)));
                hi[d] = Math.min(size - 1, Math.max(hi[d], (int) Math.ceil(b)));
            }
        }
        Grid crop = g.crop(lo[0], lo[1], lo[2], hi[0] - lo[0] + 1, hi[1] - lo[1] + 1, hi[2] - lo[2] + 1);
        boolean[] in = new boolean[(int) crop.voxelCount()];
        for (int k = 0; k < crop.nz(); k++) {
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
        }
        return new Mask(crop, in);
    }

    static double processCpuSeconds() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime() / 1e9;
    }

    public static void main(String[] args) throws Exception {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : Runtime.getRuntime().availableProcessors();
        String split = args.length > 1 ? args[1] : "big";
        Grid g = ctGrid();
        double t0 = processCpuSeconds();
        Volume ct = ct(g);
        List<Shape> shapes = shapes();
        List<Mask> masks = new ArrayList<>();
        for (Shape s : shapes) {
            masks.add(mask(s, g));
        }
        System.out.printf(Locale.ROOT, "CT %dx%dx%d at %.2fx%.2fx%.1f mm, %d ROIs, %d threads; set-up %.1f CPU-s%n",
                NX, NY, NZ, SPACING[0], SPACING[1], SPACING[2], shapes.size(), threads, processCpuSeconds() - t0);
        RadiomicsParams params = RadiomicsParams.bundled("CT");
        List<CourseRois.RoiRef> rois = new ArrayList<>();
        for (int i = 0; i < shapes.size(); i++) {
            Mask m = masks.get(i);
            rois.add(new CourseRois.RoiRef(shapes.get(i).source(), shapes.get(i).name(), () -> m));
        }
        boolean course = args.length < 3 || !args[2].equals("nocourse");
        // warm-up on a small ROI so that the JIT does not count against the first large one
        CourseExtraction.run(ct, PixelType.INT16, rois.subList(rois.size() - 1, rois.size()), 64,
                (r, m) -> params, threads, 600, o -> { });
        double cpu0 = processCpuSeconds();
        long wall0 = System.nanoTime();
        List<CourseExtraction.Outcome> results = !course ? List.of() : CourseExtraction.run(ct, PixelType.INT16,
                rois, 64, (r, m) -> RoiFilter.isBody(r.name()) ? RoiExtraction.reduced(params) : params, threads,
                600, o -> { });
        double wall = (System.nanoTime() - wall0) / 1e9;
        double cpu = processCpuSeconds() - cpu0;
        System.out.printf(Locale.ROOT, "%-14s %-16s %9s %8s %s%n", "source", "roi", "cc", "features", "note");
        for (int i = 0; i < results.size(); i++) {
            CourseExtraction.Outcome o = results.get(i);
            long n = o.features() == null ? 0
                    : o.features().keySet().stream().filter(k -> !k.startsWith("diagnostics")).count();
            System.out.printf(Locale.ROOT, "%-14s %-16s %9.1f %8d %s%n", shapes.get(i).source(), shapes.get(i).name(),
                    masks.get(i).volumeCc(), n, o.error() != null ? o.error()
                            : o.sameAs() != null ? "same voxels as " + o.sameAs() : "");
        }
        if (course) {
            System.out.printf(Locale.ROOT, "COURSE radiomics: %.1f CPU-s, %.1f s wall (%d ROIs, %d threads)%n", cpu,
                    wall, shapes.size(), threads);
        }
        if (!split.equals("none")) {
            System.out.println("per ROI, split by image type (each type alone, one ROI at a time; CPU-s):");
            System.out.printf(Locale.ROOT, "%-16s %9s %9s %9s %9s %9s%n", "roi", "cc", "Original", "LoG", "Wavelet",
                    "all");
            for (int i = 0; i < shapes.size(); i++) {
                String name = shapes.get(i).name();
                boolean chosen = split.equals("all") || split.equals("big") ? !name.equals("BODY")
                        && (split.equals("all") || name.equals("PTV") || name.equals("HEART"))
                        : List.of(split.split(",")).contains(name);
                if (!chosen) {
                    continue;
                }
                double[] t = new double[4];
                String[] types = {"Original", "LoG", "Wavelet", null};
                for (int k = 0; k < 4; k++) {
                    RadiomicsParams p = types[k] == null ? params
                            : params.with(Map.of(types[k], params.imageTypes().get(types[k])),
                                    params.featureClasses());
                    double c0 = processCpuSeconds();
                    RoiExtraction.extract(ct, PixelType.INT16, masks.get(i), p);
                    t[k] = processCpuSeconds() - c0;
                }
                System.out.printf(Locale.ROOT, "%-16s %9.1f %9.2f %9.2f %9.2f %9.2f%n", name, masks.get(i).volumeCc(),
                        t[0], t[1], t[2], t[3]);
            }
        }
    }

}
