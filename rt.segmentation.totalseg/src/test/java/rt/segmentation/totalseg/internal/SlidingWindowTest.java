package rt.segmentation.totalseg.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import rt.testsupport.SurefireStyleSummary;

@ExtendWith(SurefireStyleSummary.class)
class SlidingWindowTest {

    /** nnU-Net's formula by hand: 333 voxels, patch 128, step 0.5 → n = ceil(205 / 64) + 1 = 5 tiles, 51.25 apart. */
    @Test
    void stepsFollowNnUnetFormula() {
        // 51.25 * i = 0, 51.25, 102.5, 153.75, 205 → numpy rounds half to even: 0, 51, 102, 154, 205
        assertArrayEquals(new int[] {0, 51, 102, 154, 205}, Steps.compute(333, 128, 0.5));
        // step 0.8: ceil(205 / 102.4) + 1 = 4 tiles, 68.33 apart → 0, 68, 137, 205
        assertArrayEquals(new int[] {0, 68, 137, 205}, Steps.compute(333, 128, 0.8));
        assertArrayEquals(new int[] {0}, Steps.compute(64, 64, 0.5));
        // 65 voxels: ceil(1 / 32) + 1 = 2 tiles at 0 and 1
        assertArrayEquals(new int[] {0, 1}, Steps.compute(65, 64, 0.5));
    }

    @Test
    void gaussianPeaksAtTenInTheCentreAndUsesSigmaEighthOfThePatch() {
        int[] patch = {8, 16, 16};
        float[] g = Steps.gaussian(patch);
        // centre (4, 8, 8): exp(0) * 10
        assertEquals(10f, g[(4 * 16 + 8) * 16 + 8], 1e-6f);
        // one sigma (= 16 / 8 = 2 voxels) off along x: 10 * exp(-1/2)
        assertEquals(10 * Math.exp(-0.5), g[(4 * 16 + 8) * 16 + 10], 1e-5);
        // corner (0, 0, 0): 10 * exp(-(4²/(2·1²) + 8²/(2·2²) * 2)) = 10 * exp(-24)
        assertEquals(10 * Math.exp(-24), g[0], 1e-12);
    }

    /** A network computing logits {x, 0.5 - |x|·0.1, -x} per voxel: labels are a function of the voxel alone. */
    static class PointwiseNetwork implements TileNetwork {
        final FloatBuffer in;
        final FloatBuffer out;
        final int voxels;
        int runs;

        PointwiseNetwork(int[] patch) {
            voxels = patch[0] * patch[1] * patch[2];
            in = ByteBuffer.allocateDirect(voxels * 4).order(ByteOrder.nativeOrder()).asFloatBuffer();
            out = ByteBuffer.allocateDirect(voxels * 3 * 4).order(ByteOrder.nativeOrder()).asFloatBuffer();
        }

        static short expected(float x) {
            float[] l = {x, 0.5f - Math.abs(x) * 0.1f, -x};
            short best = 0;
            for (short c = 1; c < 3; c++) {
                if (l[c] > l[best]) {
                    best = c;
                }
            }
            return best;
        }

        @Override
        public FloatBuffer input() {
            return in;
        }

        @Override
        public FloatBuffer output() {
            return out;
        }

        @Override
        public int channels() {
            return 3;
        }

        @Override
        public void run() {
            runs++;
            for (int i = 0; i < voxels; i++) {
                float x = in.get(i);
                out.put(i, x);
                out.put(voxels + i, 0.5f - Math.abs(x) * 0.1f);
                out.put(2 * voxels + i, -x);
            }
        }

        @Override
        public void close() {
        }
    }

    @Test
    void streamedSlidingWindowWithMirroringAndFoldsEqualsPointwiseLabels() throws Exception {
        int[] dims = {37, 29, 41};
        int[] patch = {16, 16, 16};
        Random rnd = new Random(7);
        float[] data = new float[dims[0] * dims[1] * dims[2]];
        for (int i = 0; i < data.length; i++) {
            data[i] = (float) (rnd.nextGaussian() * 3);
        }
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            for (int threads : new int[] {1, 3}) {
                short[] labels = new short[data.length];
                PointwiseNetwork a = new PointwiseNetwork(patch);
                PointwiseNetwork b = new PointwiseNetwork(patch);
                SlidingWindow w = new SlidingWindow(dims, patch, 0.5, new int[] {0, 2}, pool, threads, new Timings());
                w.run(data, List.of(a, b), new ArgmaxSink(dims, new int[3], dims, 3, labels), () -> { });
                // tiles: ceil(21/8)+1 = 4, ceil(13/8)+1 = 3, ceil(25/8)+1 = 5; × 4 mirrorings per fold
                assertEquals(4 * 3 * 5, w.tileCount());
                assertEquals(4 * 3 * 5 * 4, a.runs);
                int wrong = 0;
                for (int i = 0; i < data.length; i++) {
                    if (labels[i] != PointwiseNetwork.expected(data[i])) {
                        wrong++;
                    }
                }
                assertEquals(0, wrong, "threads " + threads);
            }
        } finally {
            pool.shutdown();
        }
    }

    /** Logits that depend on the whole tile (its mean), so the result depends on every tile's accumulation. */
    static final class TileMeanNetwork extends PointwiseNetwork {
        TileMeanNetwork(int[] patch) {
            super(patch);
        }

        @Override
        public void run() {
            runs++;
            double sum = 0;
            for (int i = 0; i < voxels; i++) {
                sum += in.get(i);
            }
            float mean = (float) (sum / voxels);
            for (int c = 0; c < 3; c++) {
                for (int i = 0; i < voxels; i++) {
                    out.put(c * voxels + i, in.get(i) * (c + 1) + mean * (c - 1));
                }
            }
        }
    }

    /** Copies every emitted slice's accumulators (3 channels + weights), in padded coordinates. */
    static final class RecordingSink implements SliceSink {
        final float[][] seen;
        final int plane;

        RecordingSink(int[] dims) {
            plane = dims[1] * dims[2];
            seen = new float[dims[0]][];
        }

        @Override
        public void slice(int z, float[][] acc, int offset, int runsPerTile) {
            float[] copy = new float[acc.length * plane];
            for (int c = 0; c < acc.length; c++) {
                System.arraycopy(acc[c], offset, copy, c * plane, plane);
            }
            seen[z] = copy;
        }

        @Override
        public void finish() {
        }
    }

    @Test
    void paddingSlicesAreNotAccumulatedAndImageSlicesAreUnchanged() throws Exception {
        // 10 image slices padded to the patch's 16 (3 before, 3 after), several tiles in y and x, mirroring on axis 0
        int[] dims = {16, 21, 19};
        int[] patch = {16, 8, 8};
        Random rnd = new Random(3);
        float[] data = new float[dims[0] * dims[1] * dims[2]];
        for (int i = 0; i < data.length; i++) {
            int z = i / (dims[1] * dims[2]);
            data[i] = z < 3 || z >= 13 ? 0f : (float) rnd.nextGaussian();
        }
        RecordingSink all = new RecordingSink(dims);
        new SlidingWindow(dims, patch, 0.5, new int[] {0}, null, 1, new Timings())
                .run(data, List.of(new TileMeanNetwork(patch)), all, () -> { });
        RecordingSink image = new RecordingSink(dims);
        new SlidingWindow(dims, 3, 13, patch, 0.5, new int[] {0}, null, 1, new Timings())
                .run(data, List.of(new TileMeanNetwork(patch)), image, () -> { });
        for (int z = 0; z < dims[0]; z++) {
            if (z < 3 || z >= 13) {
                assertEquals(null, image.seen[z], "padding slice " + z + " emitted");
            } else {
                assertArrayEquals(all.seen[z], image.seen[z], "slice " + z);
            }
        }
    }

    @Test
    void caseWithPaddingCropAndResamplingKeepsThePointwiseLabelsOfAThresholdImage() throws Exception {
        // A 40 x 30 x 20 image at 2 mm with a bright block; model at 3 mm, patch 16^3 > resampled z (≈ 13 → padded).
        int[] dims = {20, 30, 40};
        float[] img = new float[dims[0] * dims[1] * dims[2]];
        for (int z = 0; z < dims[0]; z++) {
            for (int y = 0; y < dims[1]; y++) {
                for (int x = 0; x < dims[2]; x++) {
                    boolean inside = z >= 5 && z < 15 && y >= 8 && y < 22 && x >= 10 && x < 30;
                    img[(z * dims[1] + y) * dims[2] + x] = inside ? 5f : -5f;
                }
            }
        }
        var d = ModelYaml.parse("test.yaml", """
                name: t
                spacing: [3, 3, 3]
                patch_size: [16, 16, 16]
                normalization: {scheme: NoNormalization}
                labels: {1: a, 2: b}
                folds: [x.onnx]
                """);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            short[] out = NnUnetCase.predict(img, dims, new double[] {2, 2, 2}, d,
                    List.of(new PointwiseNetwork(d.patchSize())), 0.5, new int[0], pool, 2, new Timings(), () -> { });
            // block (value 5) → channel 0, background (-5) → channel 2; only voxels near the edges may blur
            int wrong = 0;
            for (int i = 0; i < img.length; i++) {
                if (out[i] != (img[i] > 0 ? 0 : 2)) {
                    wrong++;
                }
            }
            assertTrue(wrong < img.length * 0.05, wrong + " voxels changed");
        } finally {
            pool.shutdown();
        }
    }
}
