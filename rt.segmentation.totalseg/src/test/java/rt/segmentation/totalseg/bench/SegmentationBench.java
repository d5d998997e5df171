package rt.segmentation.totalseg.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import rt.api.image.Grid;
import rt.api.image.Quantity;
import rt.api.image.Volume;
import rt.dicom.rt.ImageSeriesReader;
import rt.nifti.Nifti;
import rt.segmentation.engine.ModelSource;
import rt.segmentation.engine.SegmentOptions;
import rt.segmentation.engine.SegmentationModel;
import rt.segmentation.engine.SegmentationResult;
import rt.segmentation.totalseg.internal.ModelYaml;
import rt.segmentation.totalseg.internal.Segmenter;

/**
 * Benchmark (not a test): the whole engine on a synthetic CT phantom at model spacing (TotalSegmentator style), with
 * a generated network. Prints ORT time, Java overhead (everything else: tile extraction, accumulation, export,
 * preprocessing, post-processing) and peak memory (VmHWM = peak resident set, Java heap pool peaks).
 *
 * <pre>
 * mvn -o -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt -pl rt.segmentation.totalseg
 * cd rt.segmentation.totalseg && java -Xmx3g -cp target/classes:target/test-classes:$(cat target/cp.txt) \
 *   rt.segmentation.totalseg.bench.SegmentationBench --shape 333,333,600 --classes 25 --stages 0
 * </pre>
 * Flags: {@code --shape X,Y,Z} voxels, {@code --classes C}, {@code --stages S} (0 = cheap 1x1x1-conv stand-in,
 * 6 = full nnU-Net-shaped network), {@code --features F}, {@code --patch P}, {@code --step s}, {@code --threads T},
 * {@code --onnx FILE} (use an existing model instead of generating one into target/bench/), {@code --ct PATH} (a real
 * CT, NIfTI file or DICOM series folder, instead of the phantom; {@code --shape} is then ignored).
 */
public final class SegmentationBench {

    private SegmentationBench() {
    }

    public static void main(String[] args) throws Exception {
        int[] shape = {333, 333, 600};
        int classes = 25;
        int stages = 6;
        int features = 32;
        int patch = 128;
        double step = 0.5;
        int threads = Runtime.getRuntime().availableProcessors();
        String onnx = null;
        Path ctPath = null;
        for (int i = 0; i + 1 < args.length; i += 2) {
            String v = args[i + 1];
            switch (args[i]) {
                case "--shape" -> {
                    String[] p = v.split(",");
                    shape = new int[] {Integer.parseInt(p[0]), Integer.parseInt(p[1]), Integer.parseInt(p[2])};
                }
                case "--classes" -> classes = Integer.parseInt(v);
                case "--stages" -> stages = Integer.parseInt(v);
                case "--features" -> features = Integer.parseInt(v);
                case "--patch" -> patch = Integer.parseInt(v);
                case "--step" -> step = Double.parseDouble(v);
                case "--threads" -> threads = Integer.parseInt(v);
                case "--onnx" -> onnx = v;
                case "--ct" -> ctPath = Path.of(v);
                default -> throw new IllegalArgumentException("unknown flag " + args[i]);
            }
        }
        Path dir = Files.createDirectories(Path.of("target", "bench"));
        String file = onnx != null ? onnx : "net_s" + stages + "_f" + features + "_c" + classes + ".onnx";
        Path model = dir.resolve(file);
        if (onnx == null && !Files.isRegularFile(model)) {
            Process p = new ProcessBuilder("/usr/bin/python3", "tools/make_nnunet_onnx.py", "--onnx",
                    model.toString(), "--stages", "" + stages, "--features", "" + features, "--classes", "" + classes)
                    .inheritIO().start();
            if (p.waitFor() != 0) {
                throw new IllegalStateException("model generation failed");
            }
        }
        StringBuilder labels = new StringBuilder();
        for (int c = 1; c < classes; c++) {
            labels.append(c).append(": c").append(c).append(c + 1 < classes ? ", " : "");
        }
        String yaml = "name: bench\nspacing: [1.5, 1.5, 1.5]\npatch_size: [" + patch + ", " + patch + ", " + patch
                + "]\nnormalization: {scheme: CTNormalization, mean: 0, std: 300, percentile_00_5: -1000, "
                + "percentile_99_5: 1500}\nlabels: {" + labels + "}\nstep_size: " + step + "\nfolds: [" + file
                + "]\n";
        Files.writeString(dir.resolve("model.yaml"), yaml);
        ModelSource src = ModelSource.folder(dir);
        SegmentationModel m = new SegmentationModel(ModelYaml.load(src), src, "folder");

        Volume ct = ctPath == null ? phantom(shape) : Files.isDirectory(ctPath)
                ? ImageSeriesReader.readFolder(ctPath, null).volume() : Nifti.readVolume(ctPath, Quantity.HU);
        if (ctPath != null) {
            shape = new int[] {ct.grid().nx(), ct.grid().ny(), ct.grid().nz()};
        }
        System.gc();
        long t0 = System.nanoTime();
        SegmentationResult r = Segmenter.onnxRuntime().segment(ct, m, SegmentOptions.cpu(threads),
                w -> System.out.println("warning: " + w), () -> { });
        double wall = (System.nanoTime() - t0) / 1e9;
        Map<String, Double> t = r.timings();
        double ort = t.getOrDefault("ort", 0.0);
        double load = t.getOrDefault("load", 0.0);
        double overhead = wall - ort - load;
        long heapPeak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                heapPeak += pool.getPeakUsage().getUsed();
            }
        }
        System.out.printf(Locale.ROOT, "bench: %s, %dx%dx%d voxels, %d classes, network %s, patch %d, step %.2f, "
                + "%d threads, %d forward passes%n", ctPath == null ? "phantom" : ctPath.getFileName(), shape[0], shape[1],
                shape[2], classes,
                stages == 0 ? "stand-in 1x1x1 conv" : stages + " stages/" + features + " features", patch, step,
                threads, r.tiles());
        System.out.printf(Locale.ROOT, "  wall %.2f s = session load %.2f s + ORT run %.2f s + Java %.2f s "
                + "(overhead %.1f %% of ORT); phases %s%n", wall, load, ort, overhead, 100 * overhead / ort, t);
        System.out.printf(Locale.ROOT, "  peak memory: resident (VmHWM) %.2f GB, Java heap pools %.2f GB%n",
                vmHwmKb() / 1048576.0, heapPeak / 1073741824.0);
    }

    /** A CT-like phantom: air, an elliptic body (soft tissue + noise), two lungs and a spine, HU. */
    static Volume phantom(int[] s) {
        Grid g = Grid.axisAligned(s[0], s[1], s[2], new double[] {0, 0, 0}, new double[] {1.5, 1.5, 1.5});
        float[] v = new float[s[0] * s[1] * s[2]];
        Random rnd = new Random(1);
        double cx = s[0] / 2.0;
        double cy = s[1] / 2.0;
        for (int k = 0; k < s[2]; k++) {
            for (int j = 0; j < s[1]; j++) {
                for (int i = 0; i < s[0]; i++) {
                    double x = (i - cx) / (0.45 * s[0]);
                    double y = (j - cy) / (0.35 * s[1]);
                    float hu = -1000;
                    if (x * x + y * y < 1) {
                        hu = 40;
                        double lx = (Math.abs(x) - 0.45) / 0.3;
                        double ly = y / 0.6;
                        if (lx * lx + ly * ly < 1 && k > s[2] / 2) {
                            hu = -850;
                        }
                        double sx = x / 0.08;
                        double sy = (y - 0.6) / 0.12;
                        if (sx * sx + sy * sy < 1) {
                            hu = 700;
                        }
                    }
                    v[g.index(i, j, k)] = hu + (float) (rnd.nextGaussian() * 20);
                }
            }
        }
        return new Volume(g, v, Quantity.HU);
    }

    private static long vmHwmKb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (Exception e) {
            // not Linux
        }
        return -1;
    }
}
