package rt.radiomics.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.Map;
import java.util.Random;
import rt.api.image.Grid;
import rt.api.image.Mask;
import rt.radiomics.PixelType;
import rt.radiomics.RadiomicsExtractor;
import rt.radiomics.RadiomicsImage;
import rt.radiomics.RadiomicsParams;

/**
 * Benchmark (not a test): the bundled CT parameters (Original + LoG σ 1, 2, 3, 5 + wavelet coif1, all classes,
 * distances 1 and 2) on a 100 cc sphere in a synthetic 1 mm CT. Prints time per extraction and peak heap.
 * Run: {@code java -cp target/classes:target/test-classes:<deps> rt.radiomics.bench.RadiomicsBench [iterations]}.
 */
public final class RadiomicsBench {

    private RadiomicsBench() {
    }

    public static void main(String[] args) {
        int iterations = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int n = 160;
        int nz = 120;
        Grid grid = Grid.axisAligned(n, n, nz, new double[] {0, 0, 0}, new double[] {1, 1, 1});
        float[] v = new float[n * n * nz];
        boolean[] m = new boolean[v.length];
        Random rnd = new Random(1);
        double r = Math.cbrt(100_000 * 3 / (4 * Math.PI)); // 100 cc in mm³
        int count = 0;
        for (int z = 0; z < nz; z++) {
            for (int y = 0; y < n; y++) {
                for (int x = 0; x < n; x++) {
                    int i = x + n * (y + n * z);
                    double dx = x - n / 2.0;
                    double dy = y - n / 2.0;
                    double dz = z - nz / 2.0;
                    double d = Math.sqrt(dx * dx + dy * dy + dz * dz);
                    v[i] = (float) Math.round(40 + 30 * Math.sin(x / 5.0) * Math.cos(y / 7.0) + 20 * rnd.nextGaussian()
                            - (d > r + 10 ? 900 : 0));
                    if (d <= r) {
                        m[i] = true;
                        count++;
                    }
                }
            }
        }
        RadiomicsParams params = RadiomicsParams.bundled("CT");
        RadiomicsImage image = new RadiomicsImage(grid, v, PixelType.INT16);
        Mask mask = new Mask(grid, m);
        RadiomicsExtractor ex = new RadiomicsExtractor(params);
        System.out.printf("ROI %d voxels (%.1f cc), params %s%n", count, count / 1000.0, params.hash());
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            p.resetPeakUsage();
        }
        long baseline = heapPeak();
        double best = Double.MAX_VALUE;
        int features = 0;
        for (int it = 0; it < iterations; it++) {
            long t0 = System.nanoTime();
            Map<String, Object> f = ex.execute(image, mask);
            double s = (System.nanoTime() - t0) / 1e9;
            best = Math.min(best, s);
            features = (int) f.keySet().stream().filter(k -> !k.startsWith("diagnostics")).count();
            System.out.printf("iteration %d: %.3f s, %d features%n", it + 1, s, features);
        }
        System.out.printf("best %.3f s for %d features; peak heap %.0f MB (input image %.0f MB before start)%n", best,
                features, heapPeak() / 1e6, baseline / 1e6);
    }

    private static long heapPeak() {
        long sum = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) {
                sum += p.getPeakUsage().getUsed();
            }
        }
        return sum;
    }
}
