package rt.bench.phantom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import rt.api.image.Grid;
import rt.api.image.Mask;
import rt.dicom.rt.ImageSeriesReader;
import rt.dicom.rt.RtDose;
import rt.dicom.rt.RtDoseReader;
import rt.dicom.rt.RtStruct;
import rt.dicom.rt.RtStructReader;

@ExtendWith(rt.testsupport.SurefireStyleSummary.class)
class ThoraxCourseTest {

    /** The sized ROIs keep their clinical volumes whatever the CT size (ellipsoid volume 4/3·π·abc). */
    @Test
    void roi_volumes_follow_the_ellipsoids_at_any_ct_size() {
        for (int pixels : new int[] {96, 192}) {
            Grid g = ThoraxPhantom.ctGrid(pixels, 56);
            for (ThoraxPhantom.Shape s : ThoraxPhantom.manualShapes()) {
                if (!List.of("PTV", "HEART", "LUNG_L", "LIVER").contains(s.name())) {
                    continue;
                }
                double[] e = s.plus()[0];
                double cc = 4.0 / 3 * Math.PI * e[3] * e[4] * e[5] / 1000;
                Mask m = ThoraxPhantom.mask(s, g);
                assertEquals(cc, m.volumeCc(), 0.04 * cc, s.name() + " at " + pixels + " px");
            }
        }
        // a half-size patient: an eighth of the volume
        ThoraxPhantom.Shape ptv = ThoraxPhantom.manualShapes().get(5);
        double full = ThoraxPhantom.mask(ptv, ThoraxPhantom.ctGrid(192, 56)).volumeCc();
        assertEquals(full / 8, ThoraxPhantom.mask(ptv.scaled(0.5), ThoraxPhantom.ctGrid(192, 56, 0.5)).volumeCc(),
                0.02 * full / 8);
        assertEquals(33, ThoraxPhantom.shapes().size());
        assertEquals(24, ThoraxPhantom.manualShapes().size());
    }

    /** Written with our writers and read back with our readers: CT geometry, ROI names and contours, dose and Rx. */
    @Test
    void a_small_course_reads_back_as_written(@TempDir Path tmp) throws Exception {
        ThoraxCourse course = ThoraxCourse.of(48, 12, 6, 6, 1);
        ThoraxCourse.Written a = course.write(tmp.resolve("A"), "BENCH001");
        ThoraxCourse.Written b = course.write(tmp.resolve("B"), "BENCH002");
        assertEquals(12 + 3, a.files());
        var ct = ImageSeriesReader.readFolder(tmp.resolve("A"), null).volume();
        assertEquals(48, ct.grid().nx());
        assertEquals(12, ct.grid().nz());
        assertEquals(350.0 / 12, ct.grid().spacing(2), 1e-6);
        RtStruct rs = RtStructReader.read(a.rtstruct());
        assertEquals(List.of("BODY", "LUNG_L", "LUNG_R", "LUNGS", "HEART", "PTV"),
                rs.rois().stream().map(r -> r.name()).toList());
        assertTrue(rs.roi("LUNGS").orElseThrow().contours().size() >= 2 * rs.roi("LUNG_L").orElseThrow()
                .contours().size(), "both lungs' outlines on the planes of LUNGS");
        RtDose rd = RtDoseReader.read(a.rtdose());
        float max = 0;
        for (float v : rd.volume().voxels()) {
            max = Math.max(max, v);
        }
        assertEquals(ThoraxPhantom.RX_GY, max, 0.03 * ThoraxPhantom.RX_GY);
        assertEquals(6.0, rd.volume().grid().spacing(0), 1e-6);
        // copies are distinct courses: other UIDs, other patient
        assertNotEquals(rs.sopInstanceUid(), RtStructReader.read(b.rtstruct()).sopInstanceUid());
        assertEquals("BENCH002", RtStructReader.read(b.rtstruct()).patientId());
        try (Stream<Path> s = Files.list(tmp.resolve("B"))) {
            assertEquals(a.files(), s.count());
        }
    }

    @Test
    void sizes_out_of_range_are_refused() {
        assertThrows(IllegalArgumentException.class, () -> ThoraxCourse.of(48, 12, 25, 3, 1));
        assertThrows(IllegalArgumentException.class, () -> ThoraxPhantom.ctGrid(48, 12, 0.01));
        assertThrows(IllegalArgumentException.class, () -> ThoraxPhantom.doseGrid(0.1));
        assertThrows(IllegalArgumentException.class, () -> ThoraxPhantom.ctGrid(4, 12));
    }
}
