package rt.organize.internal;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import rt.api.StageResult;
import rt.api.course.Course;
import rt.api.course.Role;
import rt.course.CourseFolder;
import rt.course.Csv;
import rt.dicom.DicomReader;
import rt.dicom.rt.PatientStudy;
import rt.dicom.rt.RtRecordWriter;
import rt.organize.internal.demo.DemoCohort;
import rt.organize.internal.io.HeaderScanner;
import rt.organize.internal.io.Json;
import rt.organize.internal.plan.DicomSummary;
import rt.testsupport.SurefireStyleSummary;
import rt.testsupport.TestStageContext;

/** A demo course with treatment records through the stage: case.json and one fractions row per fraction. */
@ExtendWith(SurefireStyleSummary.class)
class MetadataOrganizeTest {

    @TempDir
    Path tmp;

    @Test
    void aCourseWithTreatmentRecordsGetsItsCaseMetadataAndOneFractionRowEach() throws Exception {
        Path in = tmp.resolve("input");
        Path out = tmp.resolve("out");
        DemoCohort.write(in, 1);
        Path patientDir = in.resolve("DEMO001");
        DicomSummary plan;
        try (Stream<Path> files = Files.list(patientDir)) {
            List<DicomSummary> all = files.filter(f -> f.toString().endsWith(".dcm")).map(f -> {
                try {
                    return HeaderScanner.scan(f);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).toList();
            plan = all.stream().filter(s -> s.plan() != null).findFirst().orElseThrow();
        }
        PatientStudy ps = PatientStudy.of(DicomReader.readHeader(Path.of(plan.path())).dataset());
        for (int f = 1; f <= 3; f++) {
            new RtRecordWriter(ps, plan.sopInstanceUid(), "2024031" + f, "0800" + (10 + f), f).machine("TB1")
                    .addBeam(1, "b1", 100, 100).addBeam(2, "b2", 90, 90 + f).write(patientDir.resolve("RT" + f + ".dcm"));
        }
        TestStageContext ctx = TestStageContext.builder(out).dicomRoot(in).build();
        StageResult r = new OrganizeStage().run(ctx);
        assertTrue(r.isOk(), r.toString());
        Course c = ctx.published().get(0);
        CourseFolder layout = new CourseFolder(out.resolve(c.folder()));
        List<Map<String, String>> rows = Csv.read(layout.fractions());
        JsonNode meta = Json.MAPPER.readTree(layout.caseMetadata().toFile());
        JsonNode course = Json.MAPPER.readTree(layout.courseJson().toFile());
        assertAll(
                () -> assertEquals(3, c.objects(Role.RT_RECORD).size(), "the records are kept with their course"),
                () -> assertEquals(3, rows.size()),
                () -> assertEquals(List.of("1", "2", "3"), rows.stream().map(x -> x.get("fraction_number")).toList()),
                () -> assertEquals(List.of("191", "192", "193"),
                        rows.stream().map(x -> x.get("delivered_meterset")).toList()),
                () -> assertEquals("TB1", rows.get(0).get("machine")),
                () -> assertEquals(DemoCohort.PLAN_LABEL, rows.get(0).get("plan_label")),
                () -> assertEquals(DemoCohort.PLAN_LABEL, meta.path("plans").path(0).path("label").asText()),
                () -> assertEquals(25, meta.path("plans").path(0).path("fractions_planned").asInt()),
                () -> assertEquals(3, meta.path("summary").path("fractions_delivered").asInt()),
                () -> assertEquals("20240311", meta.path("course_dates").path("start_date").asText()),
                () -> assertEquals("20240313", meta.path("course_dates").path("end_date").asText()),
                () -> assertEquals(50.0, meta.path("summary").path("prescription_gy").asDouble(), 1e-9),
                () -> assertEquals("metadata/case.json", course.path("metadata").path("case").asText()));

        // Unchanged input: the course (metadata included) is not rewritten; a lost case.json brings it back.
        Organizer.Summary again = new Organizer(TestStageContext.builder(out).dicomRoot(in).build(),
                OrganizeStage.VERSION).run();
        assertEquals(0, again.written());
        Files.delete(layout.caseMetadata());
        Organizer.Summary repaired = new Organizer(TestStageContext.builder(out).dicomRoot(in).build(),
                OrganizeStage.VERSION).run();
        assertAll(() -> assertEquals(1, repaired.written()), () -> assertTrue(Files.isRegularFile(layout.caseMetadata())));
    }
}
