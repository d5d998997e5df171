package rt.qc.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import rt.api.course.Role;
import rt.api.image.Grid;
import rt.testsupport.SurefireStyleSummary;

/** Each check once passing and once failing (or warning), on plain facts. */
@ExtendWith(SurefireStyleSummary.class)
class ChecksTest {

    static final String FOR = "1.2.3.4";

    /** A consistent, complete course: every check passes. */
    static CourseFacts good() {
        CourseFacts f = new CourseFacts();
        f.patientId = "P";
        f.courseId = "C";
        f.site = "prostate";
        f.prescriptionGy = 60.0;
        f.courseFrameOfReferenceUid = FOR;
        f.objects = new ArrayList<>(List.of(obj(Role.PLANNING_CT, "CT", FOR), obj(Role.RTSTRUCT, "RTSTRUCT", FOR),
                obj(Role.RTPLAN, "RTPLAN", FOR), obj(Role.RTDOSE, "RTDOSE", FOR)));
        f.ctSlicePositions = new double[60];
        for (int k = 0; k < 60; k++) {
            f.ctSlicePositions[k] = -90 + 3 * k;
        }
        // CT: 256 x 256 x 60, 2 mm in-plane, 3 mm slices, centred.
        f.ctGrid = Grid.axisAligned(256, 256, 60, new double[] {-255, -255, -90}, new double[] {2, 2, 3});
        // Dose: 100 x 100 x 40 at 2.5 mm, covering x,y in [-120, 127.5], z in [-60, 57].
        f.doseGrid = Grid.axisAligned(100, 100, 40, new double[] {-120, -120, -60}, new double[] {2.5, 2.5, 3});
        f.doseMaxGy = 63.0;
        f.structures = new ArrayList<>(List.of(
                new CourseFacts.Structure("PTV", "Manual", "PTV", box(-30, 30, -30, 30, -30, 30, 3)),
                new CourseFacts.Structure("Rectum", "Manual", "ORGAN", box(-10, 10, 35, 55, -40, 20, 3)),
                new CourseFacts.Structure("Couch", "Manual", "SUPPORT", box(-255, 255, 200, 255, -90, 87, 3))));
        f.segmentation = new ArrayList<>(List.of(seg("urinary_bladder", 250), seg("prostate", 35),
                seg("hip_left", 300), seg("hip_right", 310), seg("sacrum", 120), seg("vertebrae_L5", 45),
                seg("vertebrae_L4", 44), seg("femur_left", 200)));
        return f;
    }

    static CourseFacts.ObjectFact obj(Role role, String modality, String forUid) {
        return new CourseFacts.ObjectFact(role, modality, "uid." + role, forUid, "dicom/" + role + ".dcm", true);
    }

    static CourseFacts.SegLabel seg(String name, double cc) {
        return new CourseFacts.SegLabel("total", name, cc, false);
    }

    /** Axial rectangles from z0 to z1 every dz. */
    static List<double[]> box(double x0, double x1, double y0, double y1, double z0, double z1, double dz) {
        List<double[]> out = new ArrayList<>();
        for (double z = z0; z <= z1 + 1e-9; z += dz) {
            out.add(new double[] {x0, y0, z, x1, y0, z, x1, y1, z, x0, y1, z});
        }
        return out;
    }

    private static CheckResult run(QcCheck c, CourseFacts f) {
        return c.run(f);
    }

    private static void assertStatus(Status expected, CheckResult r) {
        assertEquals(expected, r.status(), r.id() + ": " + r.reasons());
    }

    @Test
    void goodCoursePassesEveryCheck() {
        QcRunner.Report rep = QcRunner.run(good(), QcRunner.CHECKS);
        for (CheckResult r : rep.checks()) {
            assertStatus(Status.PASS, r);
        }
        assertEquals(Status.PASS, rep.overall());
    }

    @Test
    void filesPresent() {
        assertStatus(Status.PASS, run(new FilesPresentCheck(), good()));
        CourseFacts f = good();
        f.objects.set(2, new CourseFacts.ObjectFact(Role.RTPLAN, "RTPLAN", "x", FOR, "dicom/RP.dcm", false));
        CheckResult r = run(new FilesPresentCheck(), f);
        assertStatus(Status.FAIL, r);
        assertTrue(r.reasons().get(0).contains("dicom/RP.dcm"));
        CourseFacts noPlan = good();
        noPlan.objects.remove(2);
        assertStatus(Status.WARNING, run(new FilesPresentCheck(), noPlan));
        CourseFacts noCt = good();
        noCt.objects.remove(0);
        assertStatus(Status.FAIL, run(new FilesPresentCheck(), noCt));
    }

    @Test
    void ctSlices() {
        assertStatus(Status.PASS, run(new CtSliceCheck(), good()));
        CourseFacts missing = good();
        double[] z = new double[59];
        for (int k = 0, n = 0; k < 60; k++) {
            if (k != 30) {
                z[n++] = -90 + 3 * k;
            }
        }
        missing.ctSlicePositions = z;
        CheckResult r = run(new CtSliceCheck(), missing);
        assertStatus(Status.FAIL, r);
        assertTrue(r.reasons().get(0).contains("about 1 missing slice"), r.reasons().toString());
        CourseFacts dup = good();
        dup.ctSlicePositions[5] = dup.ctSlicePositions[4];
        assertStatus(Status.FAIL, run(new CtSliceCheck(), dup));
        CourseFacts variable = good();
        for (int k = 40; k < 60; k++) {
            variable.ctSlicePositions[k] = -90 + 3 * 40 + 5 * (k - 40);
        }
        assertStatus(Status.WARNING, run(new CtSliceCheck(), variable));
    }

    @Test
    void frameOfReference() {
        assertStatus(Status.PASS, run(new FrameOfReferenceCheck(), good()));
        CourseFacts f = good();
        f.objects.set(3, obj(Role.RTDOSE, "RTDOSE", "9.9.9"));
        CheckResult r = run(new FrameOfReferenceCheck(), f);
        assertStatus(Status.FAIL, r);
        assertTrue(r.reasons().get(0).contains("RTDOSE"));
        CourseFacts mr = good();
        mr.objects.add(new CourseFacts.ObjectFact(Role.RTSTRUCT, "RTSTRUCT", "uid.mr", "7.7.7",
                "dicom/RTSTRUCT/RS.mr.dcm", true));
        assertStatus(Status.FAIL, run(new FrameOfReferenceCheck(), mr));
        mr.setsOnOtherImages.put("dicom/RTSTRUCT/RS.mr.dcm", "MR 1.2 (registered to the planning CT: REG 8.8.8)");
        assertStatus(Status.PASS, run(new FrameOfReferenceCheck(), mr));
    }

    @Test
    void doseCoverage() {
        assertStatus(Status.PASS, run(new DoseCoverageCheck(), good()));
        CourseFacts f = good();
        // PTV from x=100 to 160: the grid ends at x=127.5 → (160-127.5)/60 = 54 % outside.
        f.structures.set(0, new CourseFacts.Structure("PTV", "Manual", "PTV", box(100, 160, -30, 30, -30, 30, 3)));
        CheckResult r = run(new DoseCoverageCheck(), f);
        assertStatus(Status.FAIL, r);
        assertEquals(32.5 / 60, (double) r.details().get("PTV"), 1e-6);
        CourseFacts z = good();
        // 2 of 21 planes beyond the last dose plane (z = 57): ~9.5 % outside.
        z.structures.set(0, new CourseFacts.Structure("PTV", "Manual", "PTV", box(-30, 30, -30, 30, 3, 63, 3)));
        assertEquals(2.0 / 21, (double) run(new DoseCoverageCheck(), z).details().get("PTV"), 1e-6);
        CourseFacts slight = good();
        // 0.5 mm of 60 mm outside in x on every plane: 0.83 % → WARNING.
        slight.structures.set(0, new CourseFacts.Structure("PTV", "Manual", "PTV",
                box(68, 128, -30, 30, -30, 30, 3)));
        assertStatus(Status.WARNING, run(new DoseCoverageCheck(), slight));
    }

    @Test
    void doseCoverageWarnsForEveryStructurePartlyOutsideNotOnlyTargets() {
        CourseFacts f = good();
        // Rectum one plane beyond each end of the dose grid (z planes −60 … 57): 2 of 42 planes outside → WARNING
        f.structures.set(1, new CourseFacts.Structure("Rectum", "Manual", "ORGAN", box(-10, 10, 35, 55, -63, 60, 3)));
        CheckResult r = run(new DoseCoverageCheck(), f);
        assertStatus(Status.WARNING, r);
        assertEquals(2.0 / 42, (double) r.details().get("Rectum"), 1e-6);
        assertTrue(r.reasons().stream().anyMatch(m -> m.startsWith("WARNING: Rectum: 4.76 % of the volume outside")),
                r.reasons().toString());
        assertTrue(r.reasons().stream().noneMatch(m -> m.startsWith("WARNING: Couch")), "support is not judged: "
                + r.reasons());
        // a large part of an organ outside is still a warning; the same of a target fails
        CourseFacts half = good();
        half.structures.set(1, new CourseFacts.Structure("Lung", "Manual", "ORGAN", box(100, 160, -30, 30, -30, 30,
                3)));
        assertStatus(Status.WARNING, run(new DoseCoverageCheck(), half));
        half.structures.set(1, new CourseFacts.Structure("GTV", "Manual", "GTV", box(100, 160, -30, 30, -30, 30, 3)));
        assertStatus(Status.FAIL, run(new DoseCoverageCheck(), half));
    }

    @Test
    void borderTouch() {
        assertStatus(Status.PASS, run(new BorderTouchCheck(), good()));
        CourseFacts f = good();
        f.structures.add(new CourseFacts.Structure("BODY", "Manual", "EXTERNAL", box(-255, 200, -200, 200, -90, 87,
                3)));
        CheckResult r = run(new BorderTouchCheck(), f);
        assertStatus(Status.WARNING, r);
        assertTrue(r.reasons().get(0).contains("BODY"));
        CourseFacts z = good();
        z.structures.set(0, new CourseFacts.Structure("PTV", "Manual", "PTV", box(-30, 30, -30, 30, 60, 87, 3)));
        assertStatus(Status.WARNING, run(new BorderTouchCheck(), z));
    }

    @Test
    void contours() {
        assertStatus(Status.PASS, run(new ContourCheck(), good()));
        CourseFacts empty = good();
        empty.structures.add(new CourseFacts.Structure("Bladder", "Manual", "ORGAN", List.of()));
        assertStatus(Status.WARNING, run(new ContourCheck(), empty));
        CourseFacts emptyTarget = good();
        emptyTarget.structures.add(new CourseFacts.Structure("PTV_boost", "Manual", "PTV", List.of()));
        assertStatus(Status.FAIL, run(new ContourCheck(), emptyTarget));
        CourseFacts degenerate = good();
        degenerate.structures.add(new CourseFacts.Structure("Line", "Manual", "ORGAN",
                List.of(new double[] {0, 0, 0, 10, 0, 0}, new double[] {0, 0, 3, 10, 0, 3, 20, 0, 3})));
        CheckResult r = run(new ContourCheck(), degenerate);
        assertStatus(Status.WARNING, r);
        assertTrue(r.reasons().toString().contains("fewer than 3 points"), r.reasons().toString());
    }

    @Test
    void dosePlausibility() {
        assertStatus(Status.PASS, run(new DosePlausibilityCheck(), good()));
        CourseFacts cgy = good();
        cgy.doseMaxGy = 6300.0;
        assertStatus(Status.FAIL, run(new DosePlausibilityCheck(), cgy));
        CourseFacts beam = good();
        beam.doseMaxGy = 12.0;
        assertStatus(Status.FAIL, run(new DosePlausibilityCheck(), beam));
        CourseFacts cold = good();
        cold.doseMaxGy = 50.0;
        assertStatus(Status.WARNING, run(new DosePlausibilityCheck(), cold));
        CourseFacts unknown = good();
        unknown.prescriptionGy = null;
        assertStatus(Status.NOT_RUN, run(new DosePlausibilityCheck(), unknown));
    }

    @Test
    void segmentationPlausibility() {
        assertStatus(Status.PASS, run(new SegmentationCheck(), good()));
        CourseFacts f = good();
        f.segmentation.add(seg("liver", 9000));
        CheckResult r = run(new SegmentationCheck(), f);
        assertStatus(Status.WARNING, r);
        assertTrue(r.reasons().get(0).contains("liver"));
        CourseFacts small = good();
        small.segmentation.add(seg("kidney_left", 5));
        assertStatus(Status.WARNING, run(new SegmentationCheck(), small));
        CourseFacts cut = good();
        cut.segmentation.add(new CourseFacts.SegLabel("total", "kidney_left", 5, true));
        assertStatus(Status.PASS, run(new SegmentationCheck(), cut));
        CourseFacts lungs = good();
        lungs.segmentation.add(seg("lung_upper_lobe_left", 300));
        lungs.segmentation.add(seg("lung_lower_lobe_left", 300));
        assertStatus(Status.WARNING, run(new SegmentationCheck(), lungs), "600 cc of lung in total");
        CourseFacts none = good();
        none.segmentation = List.of();
        assertStatus(Status.WARNING, run(new SegmentationCheck(), none));
    }

    private static void assertStatus(Status expected, CheckResult r, String why) {
        assertEquals(expected, r.status(), why + ": " + r.reasons());
    }

    @Test
    void bodyRegion() {
        CheckResult ok = run(new BodyRegionCheck(), good());
        assertStatus(Status.PASS, ok);
        assertEquals(List.of("ABDOMEN", "PELVIS"), ok.details().get("regions"));
        CourseFacts thorax = good();
        thorax.segmentation = List.of(seg("lung_upper_lobe_left", 900), seg("heart", 600), seg("vertebrae_T5", 20),
                seg("vertebrae_T6", 20), seg("vertebrae_T7", 21));
        CheckResult r = run(new BodyRegionCheck(), thorax);
        assertStatus(Status.WARNING, r, "prostate course, thoracic scan");
        assertEquals(List.of("THORAX"), r.details().get("regions"));
        CourseFacts nothing = good();
        nothing.segmentation = List.of(seg("femur_left", 200));
        assertStatus(Status.WARNING, run(new BodyRegionCheck(), nothing));
    }

    @Test
    void bodyRegionConfidenceFollowsUpstreamWeights() {
        var regions = BodyRegions.detect(List.of(seg("vertebrae_C2", 5), seg("vertebrae_C3", 0.5), seg("brain", 40),
                seg("vertebrae_T1", 10), seg("vertebrae_T2", 10), seg("lung_upper_lobe_right", 250)));
        assertEquals(0.7, regions.get("HEAD_NECK").confidence(), 1e-9, "C2 counts, C3 < 1 mL, brain < 50 mL");
        assertEquals(List.of("C2"), regions.get("HEAD_NECK").vertebrae());
        assertEquals(0.3, regions.get("THORAX").confidence(), 1e-9, "2 of 3 thoracic vertebrae, lungs > 200 mL");
        assertTrue(regions.get("THORAX").present());
        assertTrue(!regions.get("PELVIS").present());
    }

    @Test
    void overallIsTheWorstAndACrashingCheckFails() {
        CourseFacts f = good();
        f.doseMaxGy = 50.0;
        assertEquals(Status.WARNING, QcRunner.run(f, QcRunner.CHECKS).overall());
        f.ctSlicePositions = new double[] {0, 3, 9, 12, 15};
        assertEquals(Status.FAIL, QcRunner.run(f, QcRunner.CHECKS).overall());
        QcCheck boom = new QcCheck() {
            public String id() {
                return "boom";
            }

            public String name() {
                return "Boom";
            }

            public CheckResult run(CourseFacts facts) {
                throw new IllegalStateException("bad");
            }
        };
        QcRunner.Report rep = QcRunner.run(good(), List.of(new CtSliceCheck(), boom));
        assertEquals(Status.FAIL, rep.overall());
        assertTrue(rep.checks().get(1).reasons().get(0).contains("bad"));
    }

    @Test
    void missingInputsGiveNotRunAndDoNotChangeTheVerdict() {
        CourseFacts f = new CourseFacts();
        QcRunner.Report rep = QcRunner.run(f, QcRunner.CHECKS);
        for (CheckResult r : rep.checks()) {
            assertStatus(Status.NOT_RUN, r);
        }
        assertEquals(Status.PASS, rep.overall());
        String json = QcRunner.toJson(f, rep, "1");
        assertTrue(json.contains("\"not_run\""), json);
    }
}
