package rt.dvh.internal.engine;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import rt.api.image.Grid;
import rt.api.image.Quantity;
import rt.api.image.Volume;

/**
 * A box ROI partly outside a dose grid, with the dose linear in z: the fraction outside and the DVH of each
 * {@link OutsideDose} mode have closed forms. Slab model (nearest + extrude): contours every 2 mm from z = 11 to 29
 * stand for the box z ∈ [10, 30]; the grid's planes run z = 0 … 20, so it covers z ≤ 21 (the outer half voxel holds
 * the last plane's dose) and 9 of the 20 mm lie outside.
 */
@ExtendWith(rt.testsupport.SurefireStyleSummary.class)
class GridDvhTest {

    static final DvhSampler.Options SLABS = DvhSampler.Options.defaults()
            .withModel(new DvhSampler.Model(DvhSampler.Between.NEAREST, DvhSampler.EndCaps.EXTRUDE));

    /** 41 × 41 × 11 voxels of 2 mm, x, y ∈ [-40, 40], z ∈ [0, 20]; dose 10 + 0.5·z Gy (15 Gy at z = 10, 20 at 20). */
    static Volume dose() {
        Grid g = Grid.axisAligned(41, 41, 11, new double[] {-40, -40, 0}, new double[] {2, 2, 2});
        float[] d = new float[(int) g.voxelCount()];
        for (int k = 0; k < g.nz(); k++) {
            for (int j = 0; j < g.ny(); j++) {
                for (int i = 0; i < g.nx(); i++) {
                    d[g.index(i, j, k)] = (float) (10 + 0.5 * 2 * k);
                }
            }
        }
        return new Volume(g, d, Quantity.DOSE_GY);
    }

    static RoiPlanes box(double x0, double x1, double y0, double y1, double zFirst, double zLast) {
        List<double[]> cs = new ArrayList<>();
        for (double z = zFirst; z <= zLast + 1e-9; z += 2) {
            cs.add(new double[] {x0, y0, z, x1, y0, z, x1, y1, z, x0, y1, z});
        }
        return RoiPlanes.of(cs);
    }

    @Test
    void boxBeyondTheLastDosePlaneHasItsClosedFormInEveryMode() {
        Volume dose = dose();
        RoiPlanes roi = box(-10, 10, -10, 10, 11, 29); // 20 × 20 × 20 mm = 8 cc, z ∈ [10, 30]
        // inside: ∫10..20 (10 + 0.5 z) dz = 175, plus 20 Gy × 1 mm (z 20..21) = 195 Gy·mm over 11 mm
        double inside = 195;
        GridDvh.Sampled zero = new GridDvh(dose, OutsideDose.ZERO).compute(roi, SLABS);
        GridDvh.Sampled clamp = new GridDvh(dose, OutsideDose.CLAMP).compute(roi, SLABS);
        GridDvh.Sampled exclude = new GridDvh(dose, OutsideDose.EXCLUDE).compute(roi, SLABS);
        assertAll(
                () -> assertEquals(0.45, zero.outsideFraction(), 1e-3, "9 of 20 mm outside"),
                () -> assertEquals(0.45, clamp.outsideFraction(), 1e-3),
                () -> assertEquals(0.45, exclude.outsideFraction(), 1e-3),
                () -> assertEquals(8.0, zero.dvh().volumeCc(), 0.01),
                () -> assertEquals(inside / 20, zero.dvh().meanGy(), 0.02, "zero: 0 Gy over 9 mm"),
                () -> assertEquals(0.0, zero.dvh().minGy(), 1e-9),
                () -> assertEquals(8.0, clamp.dvh().volumeCc(), 0.01),
                () -> assertEquals((inside + 20 * 9) / 20, clamp.dvh().meanGy(), 0.02, "clamp: 20 Gy over 9 mm"),
                () -> assertEquals(15.0, clamp.dvh().minGy(), 0.01),
                () -> assertEquals(20.0, clamp.dvh().maxGy(), 0.01),
                () -> assertEquals(8.0 * 11 / 20, exclude.dvh().volumeCc(), 0.01, "exclude: the covered 11 mm"),
                () -> assertEquals(inside / 11, exclude.dvh().meanGy(), 0.02),
                () -> assertEquals(15.0, exclude.dvh().minGy(), 0.01),
                () -> assertEquals(20.0, exclude.dvh().maxGy(), 0.01),
                () -> assertEquals(100.0 * 11 / 20, zero.dvh().volumeAtLeastPct(15.0), 0.1),
                () -> assertEquals(100.0, exclude.dvh().volumeAtLeastPct(15.0), 0.1));
    }

    @Test
    void boxBeyondTheInPlaneEdgeIsMeasuredToo() {
        // x ∈ [30, 50] against a grid covering x ≤ 41: 9 of 20 mm outside; z inside (planes 3 … 13, box 2 … 14)
        RoiPlanes roi = box(30, 50, -10, 10, 3, 13);
        GridDvh.Sampled clamp = new GridDvh(dose(), OutsideDose.CLAMP).compute(roi, SLABS);
        GridDvh.Sampled exclude = new GridDvh(dose(), OutsideDose.EXCLUDE).compute(roi, SLABS);
        assertAll(
                () -> assertEquals(0.45, clamp.outsideFraction(), 2e-3),
                () -> assertEquals(10 + 0.5 * 8, clamp.dvh().meanGy(), 0.02, "dose depends on z only"),
                () -> assertEquals(0.55 * 20 * 20 * 12 / 1000, exclude.dvh().volumeCc(), 0.01));
    }

    @Test
    void roiWellInsideSkipsTheCoveragePassAndOneNearTheEdgeMeasuresZero() {
        Volume dose = dose();
        RoiPlanes inside = box(-10, 10, -10, 10, 9, 11); // z ∈ [8, 12]: 9 mm (caps + jitter) from the faces
        assertTrue(GridDvh.surelyInside(inside, dose.grid(), SLABS));
        RoiPlanes edge = box(-10, 10, -10, 10, 1, 19); // z ∈ [0, 20]: within the grid, but its cap reaches z = 21+
        assertFalse(GridDvh.surelyInside(edge, dose.grid(), SLABS));
        GridDvh.Sampled s = new GridDvh(dose, OutsideDose.ZERO).compute(edge, SLABS);
        assertEquals(0.0, s.outsideFraction(), 0.0, "measured, none outside");
        assertEquals(15.0, s.dvh().meanGy(), 0.02);
    }

    @Test
    void modesParseFromTheirKeysAndRefuseOthers() {
        assertEquals(OutsideDose.CLAMP, OutsideDose.of(" Clamp "));
        assertEquals(OutsideDose.CLAMP, OutsideDose.DEFAULT);
        assertEquals("exclude", OutsideDose.EXCLUDE.key());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> OutsideDose.of("nearest"));
        assertTrue(e.getMessage().contains("exclude, clamp, zero"), e.getMessage());
    }

    @Test
    void centroidShiftOfAnObliqueStackBoundsTheCapsReach() {
        List<double[]> cs = new ArrayList<>();
        for (int k = 0; k < 5; k++) {
            double x = 3.0 * k; // each plane 3 mm further along x
            cs.add(new double[] {x - 5, -5, 2 * k, x + 5, -5, 2 * k, x + 5, 5, 2 * k, x - 5, 5, 2 * k});
        }
        assertEquals(3.0, GridDvh.largestShift(RoiPlanes.of(cs).polygons()), 1e-9);
    }
}
