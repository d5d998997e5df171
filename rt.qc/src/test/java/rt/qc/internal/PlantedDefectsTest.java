package rt.qc.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import rt.api.course.Course;
import rt.api.course.CourseObject;
import rt.api.course.Role;
import rt.api.image.Grid;
import rt.api.image.Quantity;
import rt.api.image.Volume;
import rt.dicom.Uids;
import rt.dicom.rt.Contour;
import rt.dicom.rt.CtSeriesWriter;
import rt.dicom.rt.PatientStudy;
import rt.dicom.rt.ReferencedSeries;
import rt.dicom.rt.RtDoseWriter;
import rt.dicom.rt.RtStructWriter;
import rt.testsupport.SurefireStyleSummary;

/**
 * A synthetic course written as DICOM with the three planted defects of the demo (a missing CT slice, a target partly
 * outside the dose grid, an empty contour), read back by {@link FactsLoader}: each defect gives its verdict.
 */
@ExtendWith(SurefireStyleSummary.class)
class PlantedDefectsTest {

    @TempDir
    Path dir;

    private Course write(boolean defects) throws Exception {
        PatientStudy ps = PatientStudy.newStudy("QC01", "Qc^Test");
        String forUid = Uids.create();
        Grid ctGrid = Grid.axisAligned(48, 48, 20, new double[] {-47, -47, -28.5}, new double[] {2, 2, 3});
        float[] hu = new float[(int) ctGrid.voxelCount()];
        CtSeriesWriter ct = new CtSeriesWriter(ps, forUid, new Volume(ctGrid, hu, Quantity.HU));
        List<Path> ctFiles = ct.write(dir.resolve("dicom/CT"));
        RtStructWriter rs = new RtStructWriter(ps, ReferencedSeries.of(ct.build()));
        List<Contour> ptv = new ArrayList<>();
        for (int k = 5; k <= 14; k++) {
            double z = -28.5 + 3 * k;
            ptv.add(Contour.closed(new double[] {-10, -10, z, 10, -10, z, 10, 10, z, -10, 10, z}));
        }
        rs.addRoi("PTV", "PTV", new int[] {255, 0, 0}, ptv);
        if (defects) {
            rs.addRoi("Bladder", "ORGAN", new int[] {0, 255, 0}, List.of());
        }
        Path rsPath = dir.resolve("dicom/RS.dcm");
        String rsUid = rs.write(rsPath);
        // dose grid: x from -20 to 20 (covers the PTV), or from 0 to 20 with the defect (half of the PTV outside)
        double x0 = defects ? 0 : -20;
        int nx = defects ? 11 : 21;
        Grid doseGrid = Grid.axisAligned(nx, 21, 16, new double[] {x0, -20, -28.5 + 6}, new double[] {2, 2, 3});
        float[] dose = new float[(int) doseGrid.voxelCount()];
        java.util.Arrays.fill(dose, 2.0f);
        dose[dose.length / 2] = 2.1f;
        Path rdPath = dir.resolve("dicom/RD.dcm");
        String rdUid = new RtDoseWriter(ps, forUid, new Volume(doseGrid, dose, Quantity.DOSE_GY))
                .summation("PLAN", List.of()).write(rdPath);
        List<CourseObject> objects = new ArrayList<>();
        if (defects) {
            Files.delete(ctFiles.get(10)); // the missing slice: neither on disk nor in the series folder
        }
        // As organize publishes it: one object per image series, its path the series folder.
        objects.add(new CourseObject(Role.PLANNING_CT, "CT", null, ct.seriesInstanceUid(), forUid,
                dir.relativize(ctFiles.get(0).getParent()).toString(), null));
        objects.add(new CourseObject(Role.RTSTRUCT, "RTSTRUCT", rsUid, null, forUid, "dicom/RS.dcm", null));
        objects.add(new CourseObject(Role.RTDOSE, "RTDOSE", rdUid, null, forUid, "dicom/RD.dcm", null));
        return new Course("QC01", "C1", "QC01/C1", "prostate", objects.size(), forUid, ct.seriesInstanceUid(), 2.0,
                "single", objects, Map.of());
    }

    @Test
    void cleanCourseHasNoFail() throws Exception {
        Course c = write(false);
        CourseFacts f = FactsLoader.load(c, dir);
        assertNotNull(f.ctSlicePositions, f.loadProblems.toString());
        assertEquals(20, f.ctSlicePositions.length);
        assertNotNull(f.structures, f.loadProblems.toString());
        assertNotNull(f.doseGrid, f.loadProblems.toString());
        QcRunner.Report r = QcRunner.run(f, QcRunner.CHECKS);
        Map<String, Status> s = statuses(r);
        assertEquals(Status.PASS, s.get("ct_slices"), r.checks().toString());
        assertEquals(Status.PASS, s.get("dose_coverage"), r.checks().toString());
        assertEquals(Status.PASS, s.get("contours"), r.checks().toString());
        assertEquals(Status.PASS, s.get("frame_of_reference"), r.checks().toString());
        assertEquals(Status.PASS, s.get("dose_plausibility"), r.checks().toString());
    }

    @Test
    void plantedDefectsAreFound() throws Exception {
        Course c = write(true);
        CourseFacts f = FactsLoader.load(c, dir);
        QcRunner.Report r = QcRunner.run(f, QcRunner.CHECKS);
        Map<String, Status> s = statuses(r);
        assertEquals(Status.FAIL, s.get("ct_slices"), r.checks().toString());
        assertEquals(Status.FAIL, s.get("dose_coverage"), r.checks().toString());
        assertEquals(Status.WARNING, s.get("contours"), r.checks().toString());
        assertEquals(Status.FAIL, r.overall());
        Path json = dir.resolve("qc/qc.json");
        QcStage.write(json, QcRunner.toJson(f, r, QcStage.VERSION));
        JsonNode root = new ObjectMapper().readTree(json.toFile());
        assertEquals("FAIL", root.path("overall").asText());
        assertTrue(root.path("checks").toString().contains("missing slice"), root.toString());
    }

    private static Map<String, Status> statuses(QcRunner.Report r) {
        Map<String, Status> m = new java.util.HashMap<>();
        r.checks().forEach(c -> m.put(c.id(), c.status()));
        return m;
    }
}
