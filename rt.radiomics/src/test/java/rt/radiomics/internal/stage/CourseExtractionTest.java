package rt.radiomics.internal.stage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import rt.api.image.Grid;
import rt.api.image.Mask;
import rt.api.image.Quantity;
import rt.api.image.Volume;
import rt.imaging.Grids;
import rt.radiomics.PixelType;
import rt.radiomics.RadiomicsParams;

/**
 * A course's ROIs: the same voxels from two sources (on differently cropped grids) are extracted once and reported
 * under both names; one voxel more is another ROI; a mask that cannot be made is that ROI's error only; the work
 * runs on no more threads than granted.
 */
@ExtendWith(rt.testsupport.SurefireStyleSummary.class)
class CourseExtractionTest {

    private static Mask box(Grid ct, int x0, int y0, int z0, int n, int margin, boolean extraVoxel) {
        Grid crop = ct.crop(x0 - margin, y0 - margin, z0 - margin, n + 2 * margin + 1, n + 2 * margin,
                n + 2 * margin);
        boolean[] in = new boolean[(int) crop.voxelCount()];
        for (int k = 0; k < n; k++) {
            for (int j = 0; j < n; j++) {
                for (int i = 0; i < n; i++) {
                    in[crop.index(i + margin, j + margin, k + margin)] = true;
                }
            }
        }
        if (extraVoxel) {
            in[crop.index(n + margin, margin, margin)] = true;
        }
        return new Mask(crop, in);
    }

    private static Mask noted(Set<String> threads, Mask m) {
        threads.add(Thread.currentThread().getName());
        return m;
    }

    @Test
    void identical_voxels_are_extracted_once_and_reported_under_each_name() throws Exception {
        Grid g = Grid.axisAligned(40, 40, 30, new double[] {0, 0, 0}, new double[] {1, 1, 2});
        float[] v = new float[(int) g.voxelCount()];
        Random rnd = new Random(5);
        for (int i = 0; i < v.length; i++) {
            v[i] = Math.round(40 + 30 * rnd.nextGaussian());
        }
        Volume ct = new Volume(g, v, Quantity.HU);
        Set<String> threads = ConcurrentHashMap.newKeySet();
        List<CourseRois.RoiRef> rois = new ArrayList<>();
        rois.add(new CourseRois.RoiRef("Manual", "LUNGS", () -> noted(threads, box(g, 10, 10, 8, 12, 0, false))));
        rois.add(new CourseRois.RoiRef("Custom", "LUNGS", () -> noted(threads, box(g, 10, 10, 8, 12, 3, false))));
        rois.add(new CourseRois.RoiRef("AutoRTS_total", "lung", () -> noted(threads, box(g, 10, 10, 8, 12, 1, true))));
        rois.add(new CourseRois.RoiRef("Manual", "BROKEN", () -> {
            throw new IllegalStateException("contour outside the CT");
        }));
        rois.add(new CourseRois.RoiRef("Manual", "TINY", () -> box(g, 30, 30, 20, 2, 0, false)));
        RadiomicsParams params = RadiomicsParams.bundled("CT").with(Map.of("Original", Map.of()),
                Map.of("shape", List.of(), "firstorder", List.of(), "glcm", List.of()));
        List<CourseExtraction.Outcome> out = CourseExtraction.run(ct, PixelType.INT16, rois, 64, (r, m) -> params, 2,
                60, o -> { });
        assertEquals(5, out.size());
        CourseExtraction.Outcome manual = out.get(0);
        CourseExtraction.Outcome custom = out.get(1);
        CourseExtraction.Outcome auto = out.get(2);
        assertNull(manual.error());
        assertSame(manual.features(), custom.features(), "same voxels: one extraction");
        assertEquals("Manual/LUNGS", custom.sameAs());
        assertEquals("Custom", custom.roi().source());
        assertNull(auto.sameAs());
        assertNotEquals(manual.features().get("original_shape_VoxelVolume"),
                auto.features().get("original_shape_VoxelVolume"), "one voxel more is another ROI");
        assertEquals(new RoiExtractionResult(custom.features()),
                new RoiExtractionResult(RoiExtraction.extract(ct, PixelType.INT16, box(g, 10, 10, 8, 12, 3, false),
                        params)), "shared result equals the ROI's own extraction");
        assertTrue(out.get(3).error().contains("contour outside the CT"), out.get(3).error());
        assertTrue(out.get(4).skipped(), "below min_voxels");
        assertTrue(threads.size() <= 2, "at most the granted threads: " + threads);
    }

    /** The cube of box() less the voxels strictly inside a smaller cube, or only the eight corners of the cube. */
    private static Mask carved(Grid ct, int x0, int y0, int z0, int n, boolean cornersOnly) {
        boolean[] in = box(ct, x0, y0, z0, n, 0, false).inside().clone();
        Grid crop = box(ct, x0, y0, z0, n, 0, false).grid();
        for (int k = 0; k < n; k++) {
            for (int j = 0; j < n; j++) {
                for (int i = 0; i < n; i++) {
                    boolean corner = (i == 0 || i == n - 1) && (j == 0 || j == n - 1) && (k == 0 || k == n - 1);
                    boolean inner = i > 2 && j > 3 && k > 2 && i < n - 4 && j < n - 3 && k < n - 5;
                    if (cornersOnly ? !corner : inner) {
                        in[crop.index(i, j, k)] = false;
                    }
                }
            }
        }
        return new Mask(crop, in);
    }

    @Test
    void rois_with_one_bounding_box_share_their_filtered_images_and_get_their_own_values() throws Exception {
        Grid g = Grid.axisAligned(40, 40, 30, new double[] {0, 0, 0}, new double[] {1, 1, 2});
        float[] v = new float[(int) g.voxelCount()];
        Random rnd = new Random(7);
        for (int i = 0; i < v.length; i++) {
            v[i] = Math.round(40 + 30 * rnd.nextGaussian() + (i % 40) * 3);
        }
        Volume ct = new Volume(g, v, Quantity.HU);
        List<CourseRois.RoiRef> rois = new ArrayList<>();
        rois.add(new CourseRois.RoiRef("Manual", "LUNGS", () -> box(g, 10, 10, 8, 14, 2, false)));
        rois.add(new CourseRois.RoiRef("Custom", "LUNGS-GTV", () -> carved(g, 10, 10, 8, 14, false)));
        rois.add(new CourseRois.RoiRef("Custom", "CORNERS", () -> carved(g, 10, 10, 8, 14, true)));
        rois.add(new CourseRois.RoiRef("Manual", "SHIFTED", () -> box(g, 11, 10, 8, 14, 0, false)));
        RadiomicsParams params = RadiomicsParams.bundled("CT").with(Map.of("Original", Map.of(), "LoG",
                Map.of("sigma", List.of(1.0, 2.0)), "Wavelet", Map.of("wavelet", "coif1", "level", 1)),
                Map.of("shape", List.of(), "firstorder", List.of(), "glcm", List.of(), "glszm", List.of()));
        List<CourseExtraction.Outcome> out = CourseExtraction.run(ct, PixelType.INT16, rois, 1, (r, m) -> params, 2,
                60, o -> { });
        for (int i : new int[] {0, 1, 3}) {
            assertNull(out.get(i).error(), out.get(i).roi().name());
            Map<String, Object> alone = RoiExtraction.extract(ct, PixelType.INT16, rois.get(i).mask().get(), params);
            assertEquals(new java.util.TreeMap<>(alone), new java.util.TreeMap<>(out.get(i).features()),
                    rois.get(i).name() + ": the same values as its own extraction, bit for bit");
        }
        assertNotEquals(out.get(0).features().get("wavelet-HLH_glcm_Contrast"),
                out.get(1).features().get("wavelet-HLH_glcm_Contrast"), "each ROI its own voxels");
        assertTrue(out.get(2).error().contains("too small"), "one ROI's failure is its own: " + out.get(2).error());
    }

    /** Features without the diagnostics (which carry versions and timings that may differ run to run). */
    private record RoiExtractionResult(Map<String, Object> features) {
        @Override
        public boolean equals(Object o) {
            return o instanceof RoiExtractionResult r && strip(features).equals(strip(r.features));
        }

        @Override
        public int hashCode() {
            return strip(features).hashCode();
        }

        private static Map<String, Object> strip(Map<String, Object> m) {
            Map<String, Object> out = new java.util.TreeMap<>(m);
            out.keySet().removeIf(k -> k.startsWith("diagnostics"));
            return out;
        }
    }
    /**
     * A task that runs out of heap while others run beside it runs again alone once they have ended; one that runs out
     * alone too is that ROI's error, saying so, and the others keep their features.
     */
    @Test
    void a_roi_that_runs_out_of_heap_beside_others_runs_again_alone() throws Exception {
        Grid g = Grid.axisAligned(60, 40, 20, new double[] {0, 0, 0}, new double[] {1, 1, 2});
        Volume ct = new Volume(g, new float[(int) g.voxelCount()], Quantity.HU);
        List<CourseRois.RoiRef> rois = new ArrayList<>();
        for (String name : List.of("BONE", "HEART", "HUGE", "CORD")) {
            int x0 = 2 + 14 * rois.size();
            rois.add(new CourseRois.RoiRef("Manual", name, () -> box(g, x0, 10, 5, 6, 0, false)));
        }
        RadiomicsParams params = RadiomicsParams.bundled("CT").with(Map.of("Original", Map.of()),
                Map.of("firstorder", List.of()));
        java.util.concurrent.atomic.AtomicInteger running = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.CountDownLatch together = new java.util.concurrent.CountDownLatch(2);
        Map<Integer, Integer> calls = new ConcurrentHashMap<>();
        List<Integer> aloneWhenRetried = java.util.Collections.synchronizedList(new ArrayList<>());
        CourseExtraction.Extractor stand = (image, type, masks, p) -> {
            int x = Grids.offset(g, masks.get(0).grid())[0];
            int attempt = calls.merge(x, 1, Integer::sum);
            int beside = running.incrementAndGet();
            try {
                if (x == 2 + 14 * 2) {
                    throw new OutOfMemoryError("Java heap space"); // HUGE: even alone
                }
                if (x == 2 && attempt == 1) {
                    together.countDown();
                    together.await(10, java.util.concurrent.TimeUnit.SECONDS);
                    throw new OutOfMemoryError("Java heap space"); // BONE: only beside another task
                }
                if (x == 2) {
                    aloneWhenRetried.add(beside);
                } else {
                    together.countDown();
                }
                return List.of(Map.of("original_firstorder_Mean", (double) x));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            } finally {
                running.decrementAndGet();
            }
        };
        List<CourseExtraction.Outcome> out = CourseExtraction.run(ct, PixelType.INT16, rois, 1, (r, m) -> params, 2,
                60, o -> { }, stand, Long.MAX_VALUE);
        assertNull(out.get(0).error(), "BONE ran again alone: " + out.get(0).error());
        assertEquals(2.0, out.get(0).features().get("original_firstorder_Mean"));
        assertEquals(List.of(1), aloneWhenRetried, "nothing else ran during the retry");
        assertEquals(2, calls.get(2));
        assertNull(out.get(1).error());
        assertTrue(out.get(2).error().startsWith("out of memory even alone (heap "), out.get(2).error());
        assertEquals(2, calls.get(2 + 28), "HUGE tried beside the others, then alone");
        assertNull(out.get(3).error());
        assertEquals(44.0, out.get(3).features().get("original_firstorder_Mean"));
    }

    /**
     * ROI tasks run side by side only while their heap estimates fit the budget: a large box that fits alone never
     * runs beside another task, while small ones still run two at a time (and go first while it waits).
     */
    @Test
    void rois_run_side_by_side_only_while_their_heap_estimates_fit() throws Exception {
        Grid g = Grid.axisAligned(60, 40, 20, new double[] {0, 0, 0}, new double[] {1, 1, 2});
        Volume ct = new Volume(g, new float[(int) g.voxelCount()], Quantity.HU);
        RadiomicsParams params = RadiomicsParams.bundled("CT").with(Map.of("Original", Map.of()),
                Map.of("firstorder", List.of())).withSetting("resampledPixelSpacing", List.of(0.2, 0.2, 0.2));
        List<CourseRois.RoiRef> rois = new ArrayList<>();
        rois.add(new CourseRois.RoiRef("Manual", "SMALL1", () -> box(g, 20, 10, 5, 2, 0, false)));
        rois.add(new CourseRois.RoiRef("Manual", "BIG", () -> box(g, 2, 10, 4, 12, 0, false)));
        rois.add(new CourseRois.RoiRef("Manual", "SMALL2", () -> box(g, 30, 10, 5, 2, 0, false)));
        rois.add(new CourseRois.RoiRef("Manual", "SMALL3", () -> box(g, 40, 10, 5, 2, 0, false)));
        long big = RoiExtraction.heapEstimateMb(box(g, 2, 10, 4, 12, 0, false), params);
        long small = RoiExtraction.heapEstimateMb(box(g, 20, 10, 5, 2, 0, false), params);
        assertTrue(2 * small <= big && big + small > big, "estimates " + big + " / " + small + " MB");
        java.util.concurrent.atomic.AtomicInteger running = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger bigBeside = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger bigRunning = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger smallPairs = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.CountDownLatch pair = new java.util.concurrent.CountDownLatch(2);
        CourseExtraction.Extractor stand = (image, type, masks, p) -> {
            boolean isBig = masks.get(0).count() > 100;
            int beside = running.incrementAndGet() - 1;
            try {
                if (isBig) {
                    bigRunning.incrementAndGet();
                    bigBeside.accumulateAndGet(beside, Math::max);
                    Thread.sleep(300);
                } else {
                    if (bigRunning.get() > 0) {
                        bigBeside.accumulateAndGet(1, Math::max);
                    }
                    pair.countDown();
                    if (pair.await(10, java.util.concurrent.TimeUnit.SECONDS) && running.get() >= 2
                            && bigRunning.get() == 0) {
                        smallPairs.incrementAndGet();
                    }
                    Thread.sleep(100);
                }
                return List.of(Map.of("original_firstorder_Mean", (double) masks.get(0).count()));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            } finally {
                if (isBig) {
                    bigRunning.decrementAndGet();
                }
                running.decrementAndGet();
            }
        };
        List<CourseExtraction.Outcome> out = CourseExtraction.run(ct, PixelType.INT16, rois, 1, (r, m) -> params, 2,
                60, o -> { }, stand, big);
        for (CourseExtraction.Outcome o : out) {
            assertNull(o.error(), o.roi().name() + ": " + o.error());
        }
        assertEquals(0, bigBeside.get(), "the large box ran beside another task");
        assertTrue(smallPairs.get() >= 1, "small ROIs still ran two at a time");
    }
}
