package rt.crop.internal;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import rt.api.image.Grid;
import rt.course.CtCrop;

/** Crop boxes from synthetic landmark extents on a CT of 3 mm slices, z = −300 … 198 mm (slice centres). */
@ExtendWith(rt.testsupport.SurefireStyleSummary.class)
class CropBoxTest {

    static final Grid CT = Grid.axisAligned(4, 4, 167, new double[] {0, 0, -300}, new double[] {1, 1, 3});

    static StructureExtent seg(String name, double lo, double hi) {
        return new StructureExtent("segmentation:total", name, lo, hi);
    }

    @Test
    void pelvisRunsFromTheTopOfL1ToTenCentimetresBelowTheFemurs() {
        List<StructureExtent> e = List.of(seg("vertebrae_L2", 70, 99), seg("vertebrae_L1", 100, 129),
                seg("femur_left", -120, -40), seg("femur_right", -123, -42), seg("urinary_bladder", -90, -40));
        CtCrop c = CropBox.compute(Region.PELVIS, "test", e, 0, 100, CT);
        assertAll(
                () -> assertEquals(129, c.requestedSuperiorMm(), 1e-9),
                () -> assertEquals(-223, c.requestedInferiorMm(), 1e-9, "lowest femur − 100 mm"),
                () -> assertEquals(26, c.firstSlice(), "z = −222 is the first centre ≥ −223"),
                () -> assertEquals(143, c.lastSlice(), "z = 129"),
                () -> assertEquals(-223.5, c.inferiorMm(), 1e-9),
                () -> assertEquals(130.5, c.superiorMm(), 1e-9),
                () -> assertEquals(List.of(), c.fallbacks()),
                () -> assertEquals("femur_left+femur_right", c.landmarks().get(1).structure()),
                () -> assertTrue(c.contains(-223.5) && !c.contains(131)));
    }

    @Test
    void aMissingLandmarkFallsBackToTheCtsEndAndSaysSo() {
        CtCrop c = CropBox.compute(Region.PELVIS, "test", List.of(seg("vertebrae_L1", 100, 129)), 20, 100, CT);
        assertEquals(0, c.firstSlice());
        assertEquals(149, c.lastSlice(), "z = 147 ≤ 149");
        assertEquals(1, c.fallbacks().size(), c.fallbacks().toString());
        assertTrue(c.fallbacks().get(0).startsWith("inferior: no femur among the course's structures"));
        CtCrop none = CropBox.compute(null, "the course's site is unknown", List.of(), 0, 0, CT);
        assertTrue(none.keepsWholeCt());
        assertEquals("none", none.region());
    }

    @Test
    void organsStandInForVertebraeAndTheFirstSourceWithALandmarkWins() {
        List<StructureExtent> e = List.of(seg("lung_upper_lobe_left", -10, 150), seg("lung_lower_lobe_right", -60,
                90), new StructureExtent("manual", "L1", -120, -90), new StructureExtent("manual", "Lung_L", -70, 160));
        CtCrop c = CropBox.compute(Region.THORAX, "test", e, 0, 0, CT);
        assertEquals(150, c.requestedSuperiorMm(), 1e-9, "no C7: the top of the segmented lungs");
        assertEquals(-120, c.requestedInferiorMm(), 1e-9, "L1 from the manual structures");
        assertEquals("segmentation:total", c.landmarks().get(0).source());
        assertEquals("manual", c.landmarks().get(1).source());
    }

    @Test
    void aCtStoredFeetFirstCropsTheSameSlab() {
        // the same slices stored from the top down: slice k at z = 198 − 3k
        Grid flipped = new Grid(4, 4, 167, new double[] {0, 0, 198}, new double[] {1, 1, 3},
                new double[] {1, 0, 0, 0, 1, 0, 0, 0, -1});
        CtCrop c = CropBox.compute(Region.BRAIN, "test", List.of(seg("brain", 0, 120)), 10, 10, flipped);
        assertEquals(23, c.firstSlice(), "z = 129, the first centre at or below 120 + 10 mm");
        assertEquals(69, c.lastSlice(), "z = −9");
        assertEquals(-10.5, c.inferiorMm(), 1e-9);
        assertEquals(130.5, c.superiorMm(), 1e-9);
    }

    @Test
    void crossedBoundariesAndABoxOutsideTheScanAreRefused() {
        IllegalArgumentException crossed = assertThrows(IllegalArgumentException.class, () -> CropBox.compute(
                Region.ABDOMEN, "test", List.of(seg("vertebrae_T12", -200, -180), seg("vertebrae_L5", 0, 30)), 0, 0,
                CT));
        assertTrue(crossed.getMessage().contains("abdomen boundaries cross"), crossed.getMessage());
        IllegalArgumentException outside = assertThrows(IllegalArgumentException.class, () -> CropBox.compute(
                Region.BRAIN, "test", List.of(seg("brain", 400, 500)), 10, 10, CT));
        assertTrue(outside.getMessage().contains("holds no CT slice"), outside.getMessage());
    }

    @Test
    void landmarkNamesFromSegmentationAndManualStructures() {
        assertTrue(Landmark.L1.matches("vertebrae_L1") && Landmark.L1.matches("L1") && !Landmark.L1.matches("L10"));
        assertTrue(Landmark.FEMUR.matches("femur_right") && Landmark.FEMUR.matches("FemoralHead_L")
                && Landmark.FEMUR.matches("Femur_Head_Lt"));
        assertTrue(Landmark.LUNG.matches("lung_middle_lobe_right") && Landmark.LUNG.matches("LUNG_L")
                && Landmark.LUNG.matches("Lungs") && !Landmark.LUNG.matches("lung_trachea_bronchia"));
        assertFalse(Landmark.BRAIN.matches("brainstem"));
        assertEquals(Region.HEAD_NECK, Region.of("Head-and-Neck"));
        assertEquals(Region.THORAX, Region.ofSite("breast"));
        assertEquals(Region.PELVIS, Region.ofSite("prostate"));
        assertThrows(IllegalArgumentException.class, () -> Region.of("knee"));
    }
}
