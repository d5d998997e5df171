package rt.radiomics.bench;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import rt.api.image.Grid;
import rt.api.image.Mask;
import rt.api.image.Volume;
import rt.bench.phantom.ThoraxPhantom;
import rt.radiomics.PixelType;
import rt.radiomics.RadiomicsParams;
import rt.radiomics.internal.stage.CourseExtraction;
import rt.radiomics.internal.stage.CourseRois;
import rt.radiomics.internal.stage.RoiExtraction;
import rt.radiomics.internal.stage.RoiFilter;

/**
 * Benchmark (not a test): the radiomics of one realistic course, in memory: the {@link ThoraxPhantom} at full size
 * (a thorax CT of 512×512×140 voxels at 0.98×0.98×2.5 mm with CT-like texture and 33 ROIs of clinical sizes, 24
 * manual, 4 custom, 5 auto; one manual and one custom lung union are the same voxels, as when a custom structure
 * rebuilds a TPS contour; {@code rt:bench} runs the same course through the whole pipeline), run with the bundled CT parameters the way the radiomics stage runs
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

    private CourseRadiomicsBench() {
    }

    static double processCpuSeconds() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime() / 1e9;
    }

    public static void main(String[] args) throws Exception {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : Runtime.getRuntime().availableProcessors();
        String split = args.length > 1 ? args[1] : "big";
        Grid g = ThoraxPhantom.ctGrid();
        double t0 = processCpuSeconds();
        Volume ct = ThoraxPhantom.ct(g);
        List<ThoraxPhantom.Shape> shapes = ThoraxPhantom.shapes();
        List<Mask> masks = new ArrayList<>();
        for (ThoraxPhantom.Shape s : shapes) {
            masks.add(ThoraxPhantom.mask(s, g));
        }
        System.out.printf(Locale.ROOT, "CT %dx%dx%d at %.2fx%.2fx%.1f mm, %d ROIs, %d threads; set-up %.1f CPU-s%n",
                g.nx(), g.ny(), g.nz(), g.spacing(0), g.spacing(1), g.spacing(2), shapes.size(), threads,
                processCpuSeconds() - t0);
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
