package rt.radiomics.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The fused per-image set-up (a ROI's {@link RegionLayout} once, then {@link DiscretisedImage#of} per image) against
 * the route it replaces, step by step: crop the box ({@link Pipeline#cropRoi}), {@link Roi#maskedValues()},
 * {@link Discretizer#discretize}, {@link Gray#of} and {@code new Neighbours(gray, pad)}. Random working images and
 * masks (sparse to solid, boxes from one voxel thick, masks with gaps longer than a span's), bin widths and bin
 * counts, pads 1 to 3, and values of −0.0 beside an edge at 0.0 (those voxels get level 0 and leave the voxel list).
 * Everything must be equal exactly.
 */
@ExtendWith(rt.testsupport.SurefireStyleSummary.class)
class DiscretisedImageTest {

    @Test
    void fused_setup_equals_crop_discretise_and_pad() {
        Random rnd = new Random(20261203);
        int zeroLevelCases = 0;
        for (int trial = 0; trial < 300; trial++) {
            int[] size = {1 + rnd.nextInt(40), 1 + rnd.nextInt(12), 1 + rnd.nextInt(8)};
            int count = size[0] * size[1] * size[2];
            boolean signedZeros = rnd.nextInt(5) == 0;
            float[] image = new float[count];
            for (int i = 0; i < count; i++) {
                image[i] = signedZeros ? (rnd.nextBoolean() ? -0.0f : rnd.nextInt(3) * 10f)
                        : (float) (rnd.nextGaussian() * 300);
            }
            double density = rnd.nextDouble() < 0.3 ? 0.1 : 0.3 + 0.7 * rnd.nextDouble();
            boolean[] mask = new boolean[count];
            boolean any = false;
            for (int i = 0; i < count; i++) {
                // now and then a gap along x longer than Neighbours.GAP inside the box
                int x = i % size[0];
                mask[i] = rnd.nextDouble() < density && !(size[0] > 30 && x >= 5 && x < 25);
                any |= mask[i];
            }
            if (!any) {
                mask[rnd.nextInt(count)] = true;
            }
            int[] bb = Pipeline.boundingBox(mask, size);
            double binWidth = signedZeros ? 25 : new double[] {5, 25, 60}[rnd.nextInt(3)];
            int binCount = signedZeros || rnd.nextBoolean() ? 0 : 1 + rnd.nextInt(32);
            int pad = 1 + rnd.nextInt(3);
            String where = "trial " + trial;

            rt.api.image.Grid grid = new rt.api.image.Grid(size[0], size[1], size[2], new double[3],
                    new double[] {1, 1, 2}, new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1});
            Roi roi = Pipeline.cropRoi(grid, image, mask, bb);
            double[] values = roi.maskedValues();
            int[] g = Discretizer.discretize(roi, values, binWidth, binCount);
            Gray gray = Gray.of(roi.nx(), roi.ny(), roi.nz(), g);
            Neighbours nb = new Neighbours(gray, pad);

            DiscretisedImage d = DiscretisedImage.of(image, new RegionLayout(size, mask, bb, pad), binWidth, binCount,
                    true);
            assertArrayEquals(values, d.values, 0, where + " masked values");
            int[] levels = new int[values.length];
            int n = 0;
            for (int i = 0; i < g.length; i++) {
                if (roi.mask()[i]) {
                    levels[n++] = g[i];
                }
            }
            int[] counts = new int[d.levelCounts.length];
            for (int l : levels) {
                counts[l]++;
            }
            assertArrayEquals(counts, d.levelCounts, where + " voxels per level");
            assertEquals(gray.ng(), d.gray.ng(), where + " Ng");
            assertArrayEquals(gray.levels(), d.gray.levels(), where + " levels present");
            assertArrayEquals(gray.lut(), d.gray.lut(), where + " lut");
            assertEquals(gray.nx(), d.gray.nx(), where);
            assertEquals(gray.ny(), d.gray.ny(), where);
            assertEquals(gray.nz(), d.gray.nz(), where);
            assertArrayEquals(nb.g, d.nb.g, where + " padded levels");
            assertArrayEquals(nb.voxels, d.nb.voxels, where + " voxels");
            assertArrayEquals(nb.spanStart, d.nb.spanStart, where + " span starts");
            assertArrayEquals(nb.spanEnd, d.nb.spanEnd, where + " span ends");
            assertEquals(nb.pad, d.nb.pad, where);
            assertEquals(nb.strideY(), d.nb.strideY(), where);
            assertEquals(nb.strideZ(), d.nb.strideZ(), where);
            for (int l : levels) {
                if (l == 0) {
                    zeroLevelCases++;
                    break;
                }
            }
        }
        assertTrue(zeroLevelCases > 0, "some trials put −0.0 below an edge at 0.0");
    }
}
