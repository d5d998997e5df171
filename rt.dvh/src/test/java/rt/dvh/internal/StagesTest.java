package rt.dvh.internal;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import rt.api.StageResult;
import rt.api.course.Course;
import rt.api.course.CourseObject;
import rt.api.course.Role;
import rt.api.image.Grid;
import rt.api.image.Quantity;
import rt.api.image.Volume;
import rt.dicom.Uids;
import rt.dicom.rt.Contour;
import rt.dicom.rt.PatientStudy;
import rt.dicom.rt.ReferencedSeries;
import rt.dicom.rt.RtDoseWriter;
import rt.dicom.rt.RtStruct;
import rt.dicom.rt.RtStructReader;
import rt.dicom.rt.RtStructWriter;
import rt.testsupport.TestStageContext;

/** structures then dvh on a synthetic course: a box PTV and a box OAR, dose uniform 2 Gy + a gradient along x. */
@ExtendWith(rt.testsupport.SurefireStyleSummary.class)
class StagesTest {

    static List<Contour> box(double x0, double x1, double y0, double y1, double z0, double z1) {
        List<Contour> cs = new ArrayList<>();
        for (double z = z0; z <= z1 + 1e-9; z += 2) {
            cs.add(Contour.closed(new double[] {x0, y0, z, x1, y0, z, x1, y1, z, x0, y1, z}));
        }
        return cs;
    }

    @Test
    void custom_structures_then_dvh_for_every_source(@TempDir Path out) throws Exception {
        Path dir = out.resolve("P1/C1");
        Files.createDirectories(dir.resolve("dicom"));
        PatientStudy ps = PatientStudy.newStudy("P1", "Test^Patient");
        String forUid = Uids.create();
        RtStructWriter rs = new RtStructWriter(ps, ReferencedSeries.frameOnly(ps.studyInstanceUid(), forUid));
        rs.addRoi("PTV", "PTV", new int[] {255, 0, 0}, box(-10, 10, -10, 10, -9, 9));   // 20 × 20 × 20 mm = 8 cc
        rs.addRoi("Rectum", "ORGAN", new int[] {0, 255, 0}, box(5, 25, -5, 5, -9, 9)); // 20 × 10 × 20 = 4 cc
        rs.write(dir.resolve("dicom/RS.dcm"));
        int n = 41;
        Grid g = Grid.axisAligned(n, n, n, new double[] {-40, -40, -40}, new double[] {2, 2, 2});
        float[] dose = new float[n * n * n];
        for (int k = 0; k < n; k++) {
            for (int j = 0; j < n; j++) {
                for (int i = 0; i < n; i++) {
                    dose[g.index(i, j, k)] = (float) (50 + 0.5 * (-40 + 2 * i)); // 50 Gy + 0.5 Gy/mm along x
                }
            }
        }
        new RtDoseWriter(ps, forUid, new Volume(g, dose, Quantity.DOSE_GY)).write(dir.resolve("dicom/RD.dcm"));
        Course course = new Course("P1", "C1", "P1/C1", null, 2, forUid, null, 50.0, "single", List.of(
                new CourseObject(Role.RTSTRUCT, "RTSTRUCT", "1", null, forUid, "dicom/RS.dcm", null),
                new CourseObject(Role.RTDOSE, "RTDOSE", "2", null, forUid, "dicom/RD.dcm", null)), Map.of());

        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("name", "PTV_minus_rectum");
        entry.put("operation", "subtract");
        entry.put("source_structures", List.of("ptv", "Rectum"));
        Map<String, Object> ring = new LinkedHashMap<>();
        ring.put("name", "PTV_plus_rectum");
        ring.put("operation", "union");
        ring.put("source_structures", List.of("PTV", "Rectum", "Bladder"));
        ring.put("margin", Map.of("superior_mm", 2));
        TestStageContext sctx = TestStageContext.builder(out).course(course)
                .config(Map.of("custom_structures", List.of(entry, ring))).build();
        StageResult sr = new StructuresStage().run(sctx);
        assertEquals(StageResult.Status.OK, sr.status(), sr.reason());
        RtStruct custom = RtStructReader.read(dir.resolve("structures/RS_custom.dcm"));
        assertEquals(List.of("PTV_minus_rectum", "PTV_plus_rectum__partial"),
                custom.rois().stream().map(r -> r.name()).toList());
        assertTrue(Files.isRegularFile(dir.resolve("structures/masks/PTV_minus_rectum.nii.gz")));
        assertTrue(Files.readString(dir.resolve("structures/manifest.json")).contains("\"partial\""));

        TestStageContext dctx = TestStageContext.builder(out).course(course)
                .config("metrics", List.of("D95", "V50Gy", "V95%Rx", "CI")).build();
        StageResult dr = new DvhStage().run(dctx);
        assertEquals(StageResult.Status.OK, dr.status(), dr.reason());
        List<String> lines = Files.readAllLines(dir.resolve("dvh/dvh_metrics.csv"));
        List<String> header = Arrays.asList(lines.get(0).split(","));
        assertEquals(List.of("patient_id", "course_id", "source", "roi_name", "volume_cc", "dmin_gy", "dmean_gy",
                "dmax_gy", "d95_gy", "v50gy_pct", "v95pct_rx_pct", "ci_paddick"), header.subList(0, 12));
        Map<String, String[]> rows = new LinkedHashMap<>();
        lines.stream().skip(1).map(l -> l.split(",", -1)).forEach(c -> rows.put(c[2] + "/" + c[3], c));
        assertEquals(List.of("manual/PTV", "manual/Rectum", "custom/PTV_minus_rectum",
                "custom/PTV_plus_rectum__partial"), new ArrayList<>(rows.keySet()));
        String[] ptv = rows.get("manual/PTV");
        String[] cut = rows.get("custom/PTV_minus_rectum");
        assertAll(
                // PTV: x ∈ [-10, 10], y ∈ [-10, 10], z ∈ [-10, 10] with caps → 8 cc, dose 45 … 55 Gy
                () -> assertEquals(8.0, Double.parseDouble(ptv[4]), 0.05),
                () -> assertEquals(50.0, Double.parseDouble(ptv[6]), 0.02),
                () -> assertEquals(45.5, Double.parseDouble(ptv[8]), 0.05, "D95 = 45 + 0.05·10"),
                () -> assertEquals(50.0, Double.parseDouble(ptv[9]), 0.5, "half the PTV above 50 Gy"),
                () -> assertEquals("P1", ptv[0]),
                // PTV − rectum: x ∈ [-10, 5] on a 1 mm raster of the contours (y band of the rectum only)
                () -> assertTrue(Double.parseDouble(cut[4]) < 8.0 && Double.parseDouble(cut[4]) > 6.0, cut[4]),
                () -> assertTrue(Double.parseDouble(ptv[11]) > 0 && Double.parseDouble(ptv[11]) <= 1, ptv[11]),
                () -> assertEquals("", rows.get("manual/Rectum")[11], "CI only for targets"));
        String curves = Files.readString(dir.resolve("dvh/dvh_curves.json"));
        assertTrue(curves.contains("\"roi_name\":\"PTV\"") && curves.contains("\"source\":\"custom\""));
    }

    @Test
    void course_dose_from_dose_nii_gz(@TempDir Path out) throws Exception {
        Path dir = out.resolve("P2/C1");
        Files.createDirectories(dir.resolve("dicom"));
        PatientStudy ps = PatientStudy.newStudy("P2", "Test^Patient");
        String forUid = Uids.create();
        RtStructWriter rs = new RtStructWriter(ps, ReferencedSeries.frameOnly(ps.studyInstanceUid(), forUid));
        rs.addRoi("PTV", "PTV", new int[] {255, 0, 0}, box(-10, 10, -20, 0, 1, 19)); // x, y ∈ [-20, 0], z ∈ [0, 20]
        rs.write(dir.resolve("dicom/RS.dcm"));
        int n = 41;
        Grid g = Grid.axisAligned(n, n, n, new double[] {-40, -40, -40}, new double[] {2, 2, 2});
        float[] dose = new float[n * n * n];
        for (int k = 0; k < n; k++) {
            for (int j = 0; j < n; j++) {
                for (int i = 0; i < n; i++) {
                    // 10 Gy + 1 Gy/mm along y (posterior) + 0.1 Gy/mm along z: tells axis flips apart
                    dose[g.index(i, j, k)] = (float) (40 + (-40 + 2 * j) + 0.1 * (-40 + 2 * k));
                }
            }
        }
        rt.nifti.Nifti.write(dir.resolve("dose.nii.gz"), new Volume(g, dose, Quantity.DOSE_GY));
        Course course = new Course("P2", "C1", "P2/C1", null, 1, forUid, null, null, "single", List.of(
                new CourseObject(Role.RTSTRUCT, "RTSTRUCT", "1", null, forUid, "dicom/RS.dcm", null)), Map.of());
        StageResult r = new DvhStage().run(TestStageContext.builder(out).course(course)
                .config("metrics", List.of("D50")).build());
        assertEquals(StageResult.Status.OK, r.status(), r.reason());
        List<String> lines = Files.readAllLines(dir.resolve("dvh/dvh_metrics.csv"));
        List<String> header = Arrays.asList(lines.get(0).split(","));
        String[] row = lines.get(1).split(",", -1);
        // centre (0, -10, 10): 40 − 10 + 1 = 31 Gy; y spans 20 mm → 20 … 40 Gy (+ z part 0 … 2 Gy)
        assertEquals(31.0, Double.parseDouble(row[6]), 0.05, "Dmean");
        assertEquals(20.0, Double.parseDouble(row[5]), 0.05, "Dmin");
        assertEquals(42.0, Double.parseDouble(row[7]), 0.05, "Dmax");
        assertEquals("dose.nii.gz", row[header.indexOf("dose_file")]);
    }

    @Test
    void no_definitions_means_nothing_is_built(@TempDir Path out) throws Exception {
        Course course = new Course("P", "C", "P/C", null, 0, null, null, null, null, List.of(), Map.of());
        StageResult r = new StructuresStage().run(TestStageContext.builder(out).course(course).build());
        assertEquals(StageResult.Status.SKIPPED, r.status());
        assertTrue(r.reason().contains("no custom structures configured"), r.reason());
    }

    @Test
    void several_doses_without_a_course_dose_fail_naming_organizes_decision(@TempDir Path out) {
        String forUid = Uids.create();
        Course course = new Course("P3", "C1", "P3/C1", null, 2, forUid, null, null, "ambiguous_no_sum", List.of(
                new CourseObject(Role.RTDOSE, "RTDOSE", "1", null, forUid, "dicom/RD1.dcm", null),
                new CourseObject(Role.RTDOSE, "RTDOSE", "2", null, forUid, "dicom/RD2.dcm", null)), Map.of());
        IOException e = assertThrows(IOException.class,
                () -> CourseInputs.dose(course, out.resolve("P3/C1")));
        assertTrue(e.getMessage().endsWith("2 RTDOSE objects and no dose.nii.gz from organize; cannot tell which dose "
                + "to use (organize's dose decision: ambiguous_no_sum; why: course.json dose.reason and problems)"),
                e.getMessage());
    }
}
