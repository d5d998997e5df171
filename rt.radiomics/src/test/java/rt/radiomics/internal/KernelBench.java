package rt.radiomics.internal;

import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import rt.api.image.Grid;
import rt.api.image.Mask;
import rt.api.image.Volume;
import rt.bench.phantom.ThoraxPhantom;
import rt.radiomics.PixelType;
import rt.radiomics.RadiomicsParams;
import rt.radiomics.internal.stage.RoiExtraction;

/**
 * Benchmark (not a test): the CPU seconds of each step of one ROI's extraction on the realistic course's CT
 * ({@link rt.radiomics.bench.CourseRadiomicsBench}), one step at a time over the ROI's 13 images with the bundled CT parameters:
 * resampling, each filter, discretisation and each feature class, so that a change to one kernel is measured on its
 * own.
 * With {@code dump FILE} it writes every feature of the chosen ROIs (full precision, sorted) for comparing two builds.
 *
 * <p>Run: {@code java -cp <classes, test-classes, deps> rt.radiomics.internal.KernelBench [ROI,ROI…] [repeats]} or
 * {@code … KernelBench dump FILE [ROI,ROI…]}.
 */
public final class KernelBench {

    private KernelBench() {
    }

    static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    static double cpu() {
        return THREADS.getCurrentThreadCpuTime() / 1e9;
    }

    public static void main(String[] args) throws IOException {
        boolean dump = args.length > 0 && args[0].equals("dump");
        int a0 = dump ? 2 : 0;
        String names = args.length > a0 ? args[a0] : dump ? "GTV,PTV,ESOPHAGUS,CHESTWALL_L" : "PTV";
        int repeats = !dump && args.length > 1 ? Integer.parseInt(args[1]) : 2;
        Grid g = ThoraxPhantom.ctGrid();
        Volume ct = ThoraxPhantom.ct(g);
        RadiomicsParams params = RadiomicsParams.bundled("CT");
        Map<String, Mask> masks = new LinkedHashMap<>();
        for (ThoraxPhantom.Shape s : ThoraxPhantom.shapes()) {
            if (List.of(names.split(",")).contains(s.name()) && !masks.containsKey(s.name())) {
                masks.put(s.name(), ThoraxPhantom.mask(s, g));
            }
        }
        if (dump) {
            try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(Path.of(args[1])))) {
                for (Map.Entry<String, Mask> e : masks.entrySet()) {
                    Map<String, Object> f = RoiExtraction.extract(ct, PixelType.INT16, e.getValue(), params);
                    new java.util.TreeMap<>(f).forEach((k, v) -> {
                        if (!k.startsWith("diagnostics_Versions") && !k.startsWith("diagnostics_Configuration")) {
                            w.println(e.getKey() + " " + k + " " + (v instanceof Double d ? Double.toString(d) : v));
                        }
                    });
                }
            }
            return;
        }
        for (Map.Entry<String, Mask> e : masks.entrySet()) {
            for (int r = 0; r < repeats; r++) {
                time(ct, e.getKey(), e.getValue(), params);
            }
        }
    }

    private static void time(Volume ct, String name, Mask mask, RadiomicsParams params) {
        Map<String, Double> t = new LinkedHashMap<>();
        double c0 = cpu();
        RoiExtraction.Crop c = RoiExtraction.crop(ct, mask, new int[] {40, 40, 20});
        Settings s = new Settings(params.settings());
        Pipeline.Work w = new Pipeline.Work(c.grid(), c.voxels(), c.mask().inside(), PixelType.INT16);
        w = Pipeline.resample(w, s.getDoubles("resampledPixelSpacing"), Resampler.Interpolator.BSPLINE, 5);
        add(t, "resample", c0);
        int[] bb = Pipeline.boundingBox(w.mask(), w.size());
        c0 = cpu();
        Shape3D.compute(Pipeline.cropRoi(w.grid(), w.v(), w.mask(), bb).mask(), bb[3] - bb[0] + 1,
                bb[4] - bb[1] + 1, bb[5] - bb[2] + 1, w.grid().spacing());
        add(t, "shape", c0);
        List<Map.Entry<String, float[]>> images = new ArrayList<>();
        for (Map.Entry<String, Map<String, Object>> it : params.imageTypes().entrySet()) {
            Map<String, Object> merged = new LinkedHashMap<>(params.settings());
            merged.putAll(it.getValue());
            c0 = cpu();
            images.addAll(Pipeline.derivedImages(it.getKey(), w, new Settings(merged)).entrySet());
            add(t, "filter " + it.getKey(), c0);
        }
        int[] distances = s.getInts("distances", new int[] {1});
        c0 = cpu();
        RegionLayout layout = new RegionLayout(w.size(), w.mask(), bb, Neighbours.maxOffset(distances));
        add(t, "discretise", c0);
        double[] spZyx = {w.grid().spacing()[2], w.grid().spacing()[1], w.grid().spacing()[0]};
        for (Map.Entry<String, float[]> img : images) {
            c0 = cpu();
            DiscretisedImage d = DiscretisedImage.of(img.getValue(), layout, 25, 0, true);
            Gray gray = d.gray;
            Neighbours nb = d.nb;
            add(t, "discretise", c0);
            c0 = cpu();
            FirstOrder.compute(d.values, d.levelCounts, 0, 1);
            add(t, "firstorder", c0);
            c0 = cpu();
            int[][] angles = Angles.generate(gray.sizeZyx(), distances, false, -1);
            Glcm.cooccurrences(nb, nb.deltas(angles), gray.lut(), gray.levels().length);
            add(t, "glcm counts", c0);
            c0 = cpu();
            Glcm.compute(gray, nb, distances, true, -1, null, spZyx);
            add(t, "glcm all", c0);
            c0 = cpu();
            Glrlm.compute(gray, nb, -1, null, spZyx);
            add(t, "glrlm", c0);
            c0 = cpu();
            Glszm.compute(gray, nb, -1);
            add(t, "glszm", c0);
            c0 = cpu();
            Gldm.computeBoth(gray, nb, distances, -1, 0, true);
            add(t, "gldm+ngtdm", c0);
        }
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%-10s %7d vox:", name,
                Pipeline.countTrue(w.mask())));
        double total = 0;
        for (Map.Entry<String, Double> e : t.entrySet()) {
            sb.append(String.format(Locale.ROOT, " %s %.2f,", e.getKey(), e.getValue()));
            if (!e.getKey().equals("glcm counts")) {
                total += e.getValue();
            }
        }
        System.out.println(sb.append(String.format(Locale.ROOT, " total %.2f", total)));
    }

    private static void add(Map<String, Double> t, String key, double c0) {
        t.merge(key, cpu() - c0, Double::sum);
    }
}
