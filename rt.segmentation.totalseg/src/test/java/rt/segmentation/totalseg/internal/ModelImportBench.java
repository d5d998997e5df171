package rt.segmentation.totalseg.internal;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import rt.segmentation.engine.ModelDescriptor;

/**
 * Benchmark (not a test): {@code rt:model-import --preset total} on a TotalSegmentator-sized set — five random-weight
 * parts with TotalSegmentator v2's shapes (old plans format, PlainConvUNet, 6 stages, 32→320 features, patch 128³,
 * 1.5 mm, NoMirroring trainer, class counts 24/26/18/23/26 + background; ~31 M parameters, ~250 MB checkpoint with
 * optimizer state each). The parts are written once by tools/make_nnunet_trained_model.py (PyTorch, ~1.3 GB under
 * target/bench/); the import itself is timed, with peak memory (VmHWM = peak resident set; Java heap pool peaks).
 *
 * <pre>
 * mvn -o -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt -pl rt.segmentation.totalseg
 * cd rt.segmentation.totalseg && java -Xmx4g -cp target/classes:target/test-classes:$(cat target/cp.txt) \
 *   rt.segmentation.totalseg.internal.ModelImportBench [--out target/bench/total | target/bench/total.jar]
 * </pre>
 */
public final class ModelImportBench {

    private ModelImportBench() {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of("target", "bench", "totalseg-full");
        String out = args.length > 1 && args[0].equals("--out") ? args[1] : "target/bench/total";
        long g0 = System.nanoTime();
        for (int i = 0; i < 5; i++) {
            Path dir = root.resolve(TotalSegPresetTest.DATASETS[i]).resolve(
                    "nnUNetTrainerNoMirroring__nnUNetPlans__3d_fullres");
            if (Files.isRegularFile(dir.resolve("fold_0/checkpoint_final.pth"))) {
                continue;
            }
            int[] slice = TotalSegPresetTest.SLICES[i];
            List<String> a = new ArrayList<>(List.of("--out", dir.toString(), "--arch", "plain", "--old-plans",
                    "--stages", "6", "--features", "32", "--max-features", "320", "--patch", "128", "128", "128",
                    "--spacing", "1.5", "1.5", "1.5", "--trainer", "nnUNetTrainerNoMirroring", "--seed",
                    String.valueOf(i), "--labels"));
            a.addAll(TotalSegPresets.TOTAL.subList(slice[0] - 1, slice[0] - 1 + slice[1]));
            System.out.print(PythonTools.run("make_nnunet_trained_model.py", a.toArray(String[]::new)));
        }
        System.out.printf(Locale.ROOT, "parts ready in %.1f s (written once, not part of the import)%n",
                (System.nanoTime() - g0) / 1e9);
        Path target = Path.of(out);
        NnUnetImport.deleteTree(target);
        Files.deleteIfExists(target);
        long t0 = System.nanoTime();
        // what rt:model-import ROOT --preset total --out OUT runs (the command class needs Gogo on the class path)
        ModelDescriptor d = TotalSegPresets.importPreset(TotalSegPresets.preset("total"), root, null, n -> target,
                System.out::println);
        double seconds = (System.nanoTime() - t0) / 1e9;
        long heapPeak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                heapPeak += pool.getPeakUsage().getUsed();
            }
        }
        long bytes;
        try (var s = Files.walk(target)) {
            bytes = s.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
        System.out.printf(Locale.ROOT, "model-import --preset total: %d labels (%s .. %s), %d parts, %.1f s, output "
                + "%.0f MB; peak RSS (VmHWM) %.0f MB; heap pool peaks %.0f MB; -Xmx %.0f MB%n", d.labels().size(),
                d.labels().get(1), d.labels().get(117), d.parts().size(), seconds, bytes / 1e6, vmHwm() / 1e6,
                heapPeak / 1e6, Runtime.getRuntime().maxMemory() / 1e6);
    }

    private static long vmHwm() throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        return -1;
    }
}
