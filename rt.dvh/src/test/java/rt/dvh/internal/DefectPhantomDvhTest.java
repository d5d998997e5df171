package rt.dvh.internal;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import rt.api.StageResult;
import rt.api.course.Course;
import rt.api.course.Role;
import rt.course.CourseFolder;
import rt.organize.internal.OrganizeStage;
import rt.organize.internal.demo.DemoCohort;
import rt.organize.internal.demo.Phantom;
import rt.testsupport.TestStageContext;

/**
 * The demo's defect patient, written and organized by organize's own writers: its dose grid starts at z = −10.5 mm
 * (3 mm planes, so it covers z ≥ −12), which leaves the PTV sphere (r = 25 mm at the origin) partly outside. The
 * fraction outside and the PTV's Dmean in each {@code dvh.outside_dose} mode have closed forms from the phantom's
 * dose D = 50 + 0.05·z Gy (held at D(−10.5) = 49.475 Gy below the first plane); the provenance columns name the
 * course's own objects.
 */
@ExtendWith(rt.testsupport.SurefireStyleSummary.class)
class DefectPhantomDvhTest {

    static final double R = Phantom.PTV_R;
    static final double CUT = DemoCohort.DEFECT_DOSE_GRID.origin()[2] - DemoCohort.DEFECT_DOSE_GRID.spacing(2) / 2;
    static final double EDGE_GY = 50 + 0.05 * DemoCohort.DEFECT_DOSE_GRID.origin()[2];

    @TempDir
    static Path tmp;
    static Course course;
    static Path dir;
    static Course plain;

    @BeforeAll
    static void organizeTheDefectCohort() throws Exception {
        Path in = tmp.resolve("in");
        Path out = tmp.resolve("out");
        DemoCohort.write(in, 2, true); // DEMO001 plain, DEMO002 primary + boost (summed), DEMO003 the defects
        TestStageContext ctx = TestStageContext.builder(out).dicomRoot(in).build();
        StageResult r = new OrganizeStage().run(ctx);
        assertTrue(r.isOk(), r.toString());
        course = ctx.published().stream().filter(c -> c.patientId().equals("DEMO003")).findFirst().orElseThrow();
        dir = out.resolve(course.folder());
        plain = ctx.published().stream().filter(c -> c.patientId().equals("DEMO001")).findFirst().orElseThrow();
        boost = ctx.published().stream().filter(c -> c.patientId().equals("DEMO002")).findFirst().orElseThrow();
    }

    static Course boost;

    @Test
    void aSummedDoseNamesTheSumAndTheDosesItWasMadeOf() throws Exception {
        Path out = dir.getParent().getParent();
        StageResult r = new DvhStage().run(TestStageContext.builder(out).course(boost).build());
        assertEquals(StageResult.Status.OK, r.status(), r.reason());
        Map<String, String> ptv = rows(out.resolve(boost.folder())).get("manual/PTV");
        List<String> doses = boost.objects(Role.RTDOSE).stream().map(o -> o.sopInstanceUid()).sorted().toList();
        assertAll(
                () -> assertEquals("boost_summed", ptv.get("dose_decision")),
                () -> assertEquals(boost.objects(Role.RTDOSE_SUM).get(0).sopInstanceUid(),
                        ptv.get("dose_sop_instance_uid"), "organize's summed RTDOSE"),
                () -> assertEquals(doses, Arrays.stream(ptv.get("source_dose_sop_instance_uids").split(";")).sorted()
                        .toList()),
                () -> assertEquals("66", ptv.get("rx_gy")),
                () -> assertTrue(ptv.get("rx_source").contains("TargetPrescriptionDose"), ptv.get("rx_source")),
                () -> assertEquals("0", ptv.get("outside_dose_fraction"), "the boost grid covers the PTV"));
    }

    /** ∫ f(z)·π(R² − z²) dz over [a, b] (Simpson): the sphere's slices weighted by f. */
    static double sphere(double a, double b, DoubleUnaryOperator f) {
        int n = 20_000;
        double h = (b - a) / n;
        double s = 0;
        for (int i = 0; i <= n; i++) {
            double z = a + i * h;
            double w = i == 0 || i == n ? 1 : i % 2 == 1 ? 4 : 2;
            s += w * f.applyAsDouble(z) * Math.PI * (R * R - z * z);
        }
        return s * h / 3;
    }

    /** The rows of one DVH run, keyed by source/ROI. */
    static Map<String, Map<String, String>> rows(Path courseDir) throws Exception {
        List<String> lines = Files.readAllLines(new CourseFolder(courseDir).dvhMetrics());
        List<String> header = Arrays.asList(lines.get(0).split(",", -1));
        Map<String, Map<String, String>> rows = new HashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            List<String> cells = Arrays.asList(line.split(",", -1));
            Map<String, String> row = new HashMap<>();
            for (int i = 0; i < header.size(); i++) {
                row.put(header.get(i), cells.get(i));
            }
            rows.put(row.get("source") + "/" + row.get("roi_name"), row);
        }
        return rows;
    }

    @Test
    void useCroppedCtClipsEveryRoiToTheSlabCropCtKept() throws Exception {
        Path out = dir.getParent().getParent();
        CourseFolder folder = new CourseFolder(out.resolve(plain.folder()));
        // the crop of the plain course's CT (50 slices at z = −73.5 + 3k) to slices 5 … 44: z ∈ [−60, 60]
        new rt.course.CtCrop("thorax", "test", -58.5, 58.5, -60, 60, 5, 44, 50, 0, 0, List.of(), List.of(), List.of())
                .write(folder);
        StageResult r = new DvhStage().run(TestStageContext.builder(out).course(plain)
                .config("use_cropped_ct", true).build());
        assertEquals(StageResult.Status.OK, r.status(), r.reason());
        Map<String, Map<String, String>> rows = rows(folder.dir());
        Map<String, String> body = rows.get("manual/BODY");
        Map<String, String> spine = rows.get("manual/SPINE");
        Map<String, String> ptv = rows.get("manual/PTV");
        double bodyPerMm = 4146.90 / 150; // PHANTOM.md: BODY over the whole 150 mm CT
        assertAll(
                () -> assertEquals("yes", body.get("structure_cropped")),
                () -> assertEquals(bodyPerMm * 120, Double.parseDouble(body.get("volume_cc")), 0.01 * bodyPerMm * 120,
                        "BODY over the 120 mm slab"),
                () -> assertEquals("yes", spine.get("structure_cropped")),
                () -> assertEquals(Math.PI * 12 * 12 * 120 / 1000, Double.parseDouble(spine.get("volume_cc")),
                        0.02 * Math.PI * 12 * 12 * 120 / 1000, "SPINE cylinder r = 12 mm over 120 mm"),
                () -> assertEquals("no", ptv.get("structure_cropped")),
                () -> assertEquals("no", rows.get("manual/LUNG_L").get("structure_cropped"), "lungs end at ±60 mm"));
        StageResult without = new DvhStage().run(TestStageContext.builder(out).course(plain).build());
        assertEquals(StageResult.Status.OK, without.status(), without.reason());
        Map<String, Map<String, String>> whole = rows(folder.dir());
        assertEquals("", whole.get("manual/BODY").get("structure_cropped"));
        assertEquals(Double.parseDouble(ptv.get("volume_cc")), Double.parseDouble(whole.get("manual/PTV")
                .get("volume_cc")), 1e-9, "an ROI inside the slab is unchanged");
        assertTrue(Double.parseDouble(whole.get("manual/BODY").get("volume_cc")) > bodyPerMm * 145);
    }

    static Map<String, String> ptvRow(String mode) throws Exception {
        if (PTV.containsKey(mode)) {
            return PTV.get(mode);
        }
        StageResult r = new DvhStage().run(TestStageContext.builder(dir.getParent().getParent()).course(course)
                .config("outside_dose", mode).build());
        assertEquals(StageResult.Status.OK, r.status(), r.reason());
        List<String> lines = Files.readAllLines(new CourseFolder(dir).dvhMetrics());
        List<String> header = Arrays.asList(lines.get(0).split(",", -1));
        Map<String, Map<String, String>> rows = new HashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            List<String> cells = Arrays.asList(line.split(",", -1));
            Map<String, String> row = new HashMap<>();
            for (int i = 0; i < header.size(); i++) {
                row.put(header.get(i), cells.get(i));
            }
            rows.put(row.get("source") + "/" + row.get("roi_name"), row);
        }
        BODY.put(mode, rows.get("manual/BODY"));
        PTV.put(mode, rows.get("manual/PTV"));
        return rows.get("manual/PTV");
    }

    /** Rows of one run per mode (the stage rewrites the course's table each time). */
    static final Map<String, Map<String, String>> PTV = new HashMap<>();
    static final Map<String, Map<String, String>> BODY = new HashMap<>();

    @Test
    void ptvPartlyOutsideTheDoseGridHasItsClosedFormInEveryMode() throws Exception {
        DoubleUnaryOperator dose = z -> 50 + 0.05 * Math.max(z, DemoCohort.DEFECT_DOSE_GRID.origin()[2]);
        double volume = sphere(-R, R, z -> 1);
        double outside = sphere(-R, CUT, z -> 1);
        double inside = sphere(CUT, R, dose);
        double fraction = outside / volume; // (R − 12)²(2R + 12) / (4R³) = 0.16765
        Map<String, Double> dmean = Map.of("zero", inside / volume, "clamp", (inside + EDGE_GY * outside) / volume,
                "exclude", inside / (volume - outside));
        List<String> failures = new ArrayList<>();
        for (String mode : List.of("clamp", "zero", "exclude")) {
            Map<String, String> ptv = ptvRow(mode);
            double f = Double.parseDouble(ptv.get("outside_dose_fraction"));
            double mean = Double.parseDouble(ptv.get("dmean_gy"));
            double cc = Double.parseDouble(ptv.get("volume_cc"));
            double ccTruth = (mode.equals("exclude") ? volume - outside : volume) / 1000;
            System.out.printf("[DefectPhantomDvhTest] %-7s fraction outside %.4f (truth %.4f), Dmean %.3f Gy (truth"
                    + " %.3f), volume %.2f cc (truth %.2f)%n", mode, f, fraction, mean, dmean.get(mode), cc, ccTruth);
            if (Math.abs(f - fraction) > 0.005 || Math.abs(mean - dmean.get(mode)) > 0.01 * dmean.get(mode)
                    || Math.abs(cc - ccTruth) > 0.01 * ccTruth || !mode.equals(ptv.get("outside_dose"))) {
                failures.add(mode + ": " + ptv);
            }
        }
        assertEquals(List.of(), failures);
    }

    @Test
    void rowsNameTheCoursesObjectsAndWhereTheCtCutsThem() throws Exception {
        Map<String, String> ptv = ptvRow("clamp");
        String rsUid = course.objects(Role.RTSTRUCT).get(0).sopInstanceUid();
        String rdUid = course.objects(Role.RTDOSE).get(0).sopInstanceUid();
        Map<String, String> body = BODY.get("clamp");
        assertAll(
                () -> assertEquals(rsUid, ptv.get("rtstruct_sop_instance_uid")),
                () -> assertEquals(rdUid, ptv.get("dose_sop_instance_uid"), "one plan: its RTDOSE"),
                () -> assertEquals(rdUid, ptv.get("source_dose_sop_instance_uids")),
                () -> assertEquals(course.doseClassification(), ptv.get("dose_decision")),
                () -> assertTrue(ptv.get("rx_source").contains("TargetPrescriptionDose"), ptv.get("rx_source")),
                () -> assertEquals("50", ptv.get("rx_gy")),
                () -> assertEquals("no", ptv.get("ct_border")),
                () -> assertEquals("z", body.get("ct_border"), "BODY runs over the whole CT, inside its field"),
                // BODY: z ∈ [−75, 75] (CT slices ± half a slice) against a grid from z = −12: 63 of 150 mm outside
                () -> assertEquals(63.0 / 150, Double.parseDouble(body.get("outside_dose_fraction")), 0.01));
    }
}
