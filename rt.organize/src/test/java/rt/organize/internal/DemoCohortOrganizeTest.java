package rt.organize.internal;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import rt.api.StageResult;
import rt.api.course.Course;
import rt.api.course.CourseObject;
import rt.api.course.Role;
import rt.api.image.Quantity;
import rt.api.image.Volume;
import rt.dicom.rt.RtDoseReader;
import rt.nifti.Nifti;
import rt.organize.internal.demo.DemoCohort;
import rt.organize.internal.demo.Phantom;
import rt.organize.internal.io.Json;
import rt.testsupport.SurefireStyleSummary;
import rt.testsupport.TestStageContext;

/** The demo cohort end to end through the stage (no OSGi): courses, dose decisions, outputs, resume. */
@ExtendWith(SurefireStyleSummary.class)
class DemoCohortOrganizeTest {

    @TempDir
    Path tmp;

    private JsonNode courseJson(Path out, Course c) throws Exception {
        return Json.MAPPER.readTree(out.resolve(c.folder()).resolve("course.json").toFile());
    }

    @Test
    void aCourseThatCannotBeWrittenIsAFailedCourseNamingTheFileAndTheOthersGoOn() throws Exception {
        Path in = tmp.resolve("input");
        Path out = tmp.resolve("out");
        DemoCohort.write(in, 2);
        // DEMO002's course folder cannot be made: a plain file stands where its folder goes.
        Files.createDirectories(out);
        Path blocker = Files.writeString(out.resolve("DEMO002"), "not a folder");
        TestStageContext ctx = TestStageContext.builder(out).dicomRoot(in).build();
        StageResult r = new OrganizeStage().run(ctx);
        assertTrue(r.isOk(), r.toString());
        assertEquals(List.of("DEMO001"), ctx.published().stream().map(Course::patientId).toList());
        assertEquals(1, ctx.failedCourses().size(), ctx.failedCourses().toString());
        String failure = ctx.failedCourses().get(0);
        assertTrue(failure.startsWith("DEMO002/") && failure.contains(blocker.toString()), failure);

        // When no course can be written, the stage fails with that reason, not with "no course found".
        Files.delete(out.resolve("DEMO001").resolve("2024-03").resolve("course.json"));
        Path blockerOne = out.resolve("DEMO001");
        deleteTree(blockerOne);
        Files.writeString(blockerOne, "not a folder");
        TestStageContext again = TestStageContext.builder(out).dicomRoot(in).build();
        StageResult failed = new OrganizeStage().run(again);
        assertFalse(failed.isOk());
        assertTrue(failed.reason().startsWith("no course could be written: DEMO00"), failed.reason());
        assertEquals(2, again.failedCourses().size());
    }

    private static void deleteTree(Path dir) throws java.io.IOException {
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    @Test
    void demoCohortGivesTheExpectedCoursesAndDoseDecisions() throws Exception {
        Path in = tmp.resolve("input");
        Path out = tmp.resolve("out");
        DemoCohort.write(in, 3);
        TestStageContext ctx = TestStageContext.builder(out).dicomRoot(in).build();
        StageResult r = new OrganizeStage().run(ctx);
        assertTrue(r.isOk(), r.toString());
        List<Course> courses = ctx.published();
        assertEquals(3, courses.size(), "one course per demo patient");
        Course plain = courses.stream().filter(c -> c.patientId().equals("DEMO001")).findFirst().orElseThrow();
        Course boost = courses.stream().filter(c -> c.patientId().equals("DEMO002")).findFirst().orElseThrow();
        Course replan = courses.stream().filter(c -> c.patientId().equals("DEMO003")).findFirst().orElseThrow();
        assertAll(
                () -> assertEquals("single", plain.doseClassification()),
                () -> assertEquals("boost_summed", boost.doseClassification()),
                () -> assertEquals("replan_first", replan.doseClassification()),
                () -> assertEquals("2024-03", plain.courseId()),
                () -> assertEquals("DEMO001/2024-03", plain.folder()),
                () -> assertEquals("thorax", plain.site(), "BodyPartExamined CHEST of the lung phantom"),
                () -> assertEquals(50.0, plain.prescriptionGy(), 1e-9),
                () -> assertEquals(66.0, boost.prescriptionGy(), 1e-9, "50 Gy primary + 16 Gy boost"),
                () -> assertEquals(50.0, replan.prescriptionGy(), 1e-9, "the first plan only"),
                () -> assertEquals(1, plain.objects(Role.PLANNING_CT).size(), "one model object per image volume"),
                () -> assertEquals(4, plain.objects().size(), "CT volume, RTSTRUCT, RTPLAN, RTDOSE"),
                () -> assertNotNull(plain.planningCtSeriesUid()),
                () -> assertEquals(1, boost.objects(Role.RTDOSE_SUM).size()),
                () -> assertEquals(0, replan.objects(Role.RTDOSE_SUM).size()));

        // The planning CT object names the volume's folder; its slices are listed in course.json only.
        CourseObject ctObject = plain.objects(Role.PLANNING_CT).get(0);
        assertAll(() -> assertNull(ctObject.sopInstanceUid()),
                () -> assertEquals(plain.planningCtSeriesUid(), ctObject.seriesInstanceUid()),
                () -> assertEquals("dicom/CT/" + plain.planningCtSeriesUid(), ctObject.path()),
                () -> assertEquals(plain.frameOfReferenceUid(), ctObject.frameOfReferenceUid()),
                () -> assertEquals(in.resolve("DEMO001").toString(), ctObject.sourcePath()));
        try (var files = Files.list(out.resolve(plain.folder()).resolve(ctObject.path()))) {
            assertEquals(Phantom.CT_SLICES, files.filter(f -> f.toString().endsWith(".dcm")).count());
        }
        JsonNode pj = courseJson(out, plain);
        int sliceEntries = 0;
        for (JsonNode o : pj.path("objects")) {
            if (o.path("role").asText().equals("PLANNING_CT")) {
                sliceEntries++;
                assertTrue(o.path("path").asText().startsWith(ctObject.path() + "/"), o.toString());
                assertFalse(o.path("sop_instance_uid").asText().isBlank());
            }
        }
        assertEquals(Phantom.CT_SLICES, sliceEntries, "per-slice detail kept in course.json");
        assertEquals(ctObject.path(), pj.path("planning_ct").path("folder").asText());

        // Every decision explained in course.json.
        JsonNode b = courseJson(out, boost);
        assertTrue(b.path("dose").path("reason").asText().contains("boost keyword"), b.path("dose").toString());
        assertEquals(2, b.path("dose").path("selected").size());
        JsonNode rp = courseJson(out, replan);
        assertTrue(rp.path("dose").path("reason").asText().contains("replan keyword 'replan'"),
                rp.path("dose").toString());
        assertEquals(1, rp.path("dose").path("excluded").size(), "the replan's dose is excluded with a reason");
        for (Course c : courses) {
            JsonNode j = courseJson(out, c);
            assertFalse(j.path("planning_ct").path("reason").asText().isBlank());
            assertTrue(j.path("decisions").size() >= 4);
            for (JsonNode o : j.path("objects")) {
                assertFalse(o.path("reason").asText().isBlank(), "object without reason: " + o);
                assertTrue(Files.isRegularFile(out.resolve(c.folder()).resolve(o.path("path").asText())));
            }
        }

        // The CT and dose NIfTIs hold the phantom's values. PTV centre: HU 40; dose A + H = 50 Gy per 50 Gy plan.
        Volume ct = Nifti.readVolume(out.resolve(plain.folder()).resolve("ct.nii.gz"), Quantity.HU);
        double[] c0 = ct.grid().worldToIndex(0, 0, 0);
        int ic = (int) Math.round(c0[0]);
        int jc = (int) Math.round(c0[1]);
        int kc = (int) Math.round(c0[2]);
        double[] w = ct.grid().indexToWorld(ic, jc, kc);
        assertEquals(Phantom.hu(w[0], w[1], w[2]), ct.get(ic, jc, kc), 0.5);
        assertEquals(Phantom.HU_AIR, ct.get(0, 0, 0), 0.5);

        // Summed boost dose: 1.32 × the analytic dose inside the PTV (both doses are linear there; trilinear is
        // exact on a linear field). Check at voxels of the sum grid well inside the high-dose sphere.
        Volume sum = Nifti.readVolume(out.resolve(boost.folder()).resolve("dose.nii.gz"), Quantity.DOSE_GY);
        double scale = (50.0 + 16.0) / Phantom.RX_REFERENCE_GY;
        int checked = 0;
        for (int k = 0; k < sum.grid().nz(); k += 3) {
            for (int j = 0; j < sum.grid().ny(); j += 3) {
                for (int i = 0; i < sum.grid().nx(); i += 3) {
                    double[] p = sum.grid().indexToWorld(i, j, k);
                    if (Math.sqrt(p[0] * p[0] + p[1] * p[1] + p[2] * p[2]) < Phantom.PTV_R) {
                        assertEquals(Phantom.dose(scale, p[0], p[1], p[2]), sum.get(i, j, k), 0.01,
                                "summed dose at " + java.util.Arrays.toString(p));
                        checked++;
                    }
                }
            }
        }
        assertTrue(checked > 50, "checked " + checked + " voxels");
        assertEquals(2.0, sum.grid().spacing(0), 1e-9, "summed on the finest (2 mm boost) grid");
        // The new RTDOSE reads back as the same dose.
        Course bc = boost;
        Path rd = out.resolve(bc.folder()).resolve(bc.objects(Role.RTDOSE_SUM).get(0).path());
        var sumDicom = RtDoseReader.read(rd);
        assertEquals("PLAN_SUM", sumDicom.summationType());
        assertEquals(2, sumDicom.referencedPlanUids().size());
        assertEquals(sum.get(30, 30, 30), sumDicom.volume().get(30, 30, 30), 1e-3);

        // Replan: dose.nii.gz is the first plan's dose, unscaled.
        Volume rdose = Nifti.readVolume(out.resolve(replan.folder()).resolve("dose.nii.gz"), Quantity.DOSE_GY);
        double[] q = rdose.grid().indexToWorld(37, 27, 25);
        assertEquals(Phantom.dose(1.0, q[0], q[1], q[2]), rdose.get(37, 27, 25), 1e-3);
    }

    @Test
    void secondRunRewritesNothingAndATouchedFileRedoesOnlyItsCourse() throws Exception {
        Path in = tmp.resolve("input");
        Path out = tmp.resolve("out");
        DemoCohort.write(in, 3);
        OrganizeStage stage = new OrganizeStage();
        TestStageContext first = TestStageContext.builder(out).dicomRoot(in).build();
        Organizer.Summary s1 = new Organizer(first, OrganizeStage.VERSION).run();
        assertEquals(3, s1.written());
        Path json = out.resolve("DEMO002/2024-03/course.json");
        FileTime before = Files.getLastModifiedTime(json);
        String fingerprint1 = stage.inputFingerprint(first);

        Organizer.Summary s2 = new Organizer(TestStageContext.builder(out).dicomRoot(in).build(),
                OrganizeStage.VERSION).run();
        assertAll(() -> assertEquals(0, s2.written()), () -> assertEquals(3, s2.unchanged()),
                () -> assertEquals(s2.files(), s2.fromCache(), "every header from the cache"),
                () -> assertEquals(before, Files.getLastModifiedTime(json)),
                () -> assertEquals(fingerprint1, stage.inputFingerprint(first), "unchanged input, same fingerprint"));

        Path touched = in.resolve("DEMO002/RP.2.dcm");
        Files.setLastModifiedTime(touched, FileTime.fromMillis(Files.getLastModifiedTime(touched).toMillis()
                + 5000));
        Organizer.Summary s3 = new Organizer(TestStageContext.builder(out).dicomRoot(in).build(),
                OrganizeStage.VERSION).run();
        assertAll(() -> assertEquals(1, s3.written(), "only the touched file's course"),
                () -> assertEquals(2, s3.unchanged()),
                () -> assertEquals(s3.files() - 1, s3.fromCache()));
        assertFalse(fingerprint1.equals(stage.inputFingerprint(first)));
    }
}
