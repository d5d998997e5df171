package rt.course;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import rt.api.course.Course;
import rt.api.course.CourseObject;
import rt.api.course.Role;
import rt.testsupport.SurefireStyleSummary;

@ExtendWith(SurefireStyleSummary.class)
class StructureSetTest {

    @TempDir
    Path out;

    @Test
    void manifestRoundTripsAndNamesLabels() throws IOException {
        ModelFolder m = CourseFolder.of(out, "P/C").model("total");
        SegmentationManifest written = new SegmentationManifest("total", "TotalSegmentator total", "bundle:x", "ct",
                "2026-12-03T00:00:00Z", "cpu", 12, "1.2.3", List.of(new SegmentationManifest.Roi(1, " spleen ", 10, 1.5),
                        new SegmentationManifest.Roi(2, "", 0, 0)), Map.of("ort", 1.25));
        written.write(m);
        SegmentationManifest read = SegmentationManifest.read(m).orElseThrow();
        assertEquals(written, read);
        assertEquals(Map.of(1, "spleen", 2, "label_2"), read.labelNames());
        assertEquals("segmentation:total", read.source().id());
    }

    @Test
    void aManifestOfAnotherModelOrWithoutRoisIsRefusedNamingTheFile() throws IOException {
        ModelFolder m = CourseFolder.of(out, "P/C").model("a");
        Files.createDirectories(m.dir());
        Files.writeString(m.manifest(), "{\"labels\":{\"1\":\"liver\"}}");
        IOException e = assertThrows(IOException.class, () -> SegmentationManifest.read(m));
        assertTrue(e.getMessage().startsWith(m.manifest().toString()), e.getMessage());
        new SegmentationManifest("b", null, null, null, null, null, 0, null, List.of(), Map.of()).write(
                new ModelFolder("b", m.dir()));
        assertThrows(IOException.class, () -> SegmentationManifest.read(m));
    }

    @Test
    void listsManualThenFinishedModelsThenCustom() throws IOException {
        CourseFolder course = CourseFolder.of(out, "P/C");
        Path rs = course.dicom().resolve("RTSTRUCT/RS.1.dcm");
        Files.createDirectories(rs.getParent());
        Files.writeString(rs, "dicom");
        ModelFolder done = course.model("rules");
        Files.createDirectories(done.dir());
        Files.writeString(done.labels(), "nifti");
        Files.writeString(done.rtStruct(), "dicom");
        new SegmentationManifest("rules", null, null, null, null, "cpu", 1, null,
                List.of(new SegmentationManifest.Roi(1, "body", 5, 1)), Map.of()).write(done);
        ModelFolder interrupted = course.model("slow");
        Files.createDirectories(interrupted.dir());
        Files.writeString(interrupted.labels(), "half");
        Files.createDirectories(course.structures());
        Files.writeString(course.customStructures(), "dicom");
        Course c = new Course("P", "C", "P/C", null, 1, null, null, null, null,
                List.of(new CourseObject(Role.RTSTRUCT, "RTSTRUCT", "1", null, null, "dicom/RTSTRUCT/RS.1.dcm", null)),
                Map.of());

        List<StructureSet> sets = StructureSet.of(c, course);
        assertEquals(List.of("manual", "segmentation:rules", "custom"),
                sets.stream().map(s -> s.source().id()).toList());
        assertEquals(rs, sets.get(0).rtStruct());
        assertEquals(done.labels(), sets.get(1).labels());
        assertEquals(List.of(interrupted), StructureSet.unfinishedModels(course));
    }

    @Test
    void severalManualSetsAreToldApartByFile() throws IOException {
        CourseFolder course = CourseFolder.of(out, "P/C");
        Course c = new Course("P", "C", "P/C", null, 2, null, null, null, null, List.of(
                new CourseObject(Role.RTSTRUCT, "RTSTRUCT", "1", null, null, "dicom/RTSTRUCT/RS.a.dcm", null),
                new CourseObject(Role.RTSTRUCT, "RTSTRUCT", "2", null, null, "dicom/RTSTRUCT/RS.b.dcm", null)),
                Map.of());
        assertEquals(List.of("manual:RS.a", "manual:RS.b"),
                StructureSet.of(c, course).stream().map(s -> s.source().id()).toList());
    }

    @Test
    void setsOnAnotherImageAreKeptApartFromThePlanningCt() throws IOException {
        CourseFolder course = CourseFolder.of(out, "P/C");
        String ctRs = "dicom/RTSTRUCT/RS.ct.dcm";
        String mrRs = "dicom/RTSTRUCT/RS.mr.dcm";
        String lost = "dicom/RTSTRUCT/RS.lost.dcm";
        CourseImage ct = new CourseImage("1.1", "1.1", "CT", "F.CT", "ct.nii.gz", true, null, List.of(ctRs));
        CourseImage mr = new CourseImage("2.2", "2.2", "MR", "F.MR",
                course.relative(course.image("MR", "2.2")), false, "REG 9.9", List.of(mrRs));
        Files.createDirectories(course.dir());
        new com.fasterxml.jackson.databind.ObjectMapper().writeValue(course.courseJson().toFile(),
                Map.of(CourseImage.COURSE_JSON_KEY, List.of(ct.toJson(), mr.toJson())));
        assertEquals(List.of(ct, mr), CourseImage.list(course));
        ModelFolder onMr = course.model("total_mr");
        new SegmentationManifest("total_mr", null, null, course.image("MR", "2.2").toString(), null, "cpu", 1,
                null, List.of(new SegmentationManifest.Roi(1, "liver", 5, 1)), Map.of()).write(onMr);
        Course c = new Course("P", "C", "P/C", null, 3, "F.CT", "1.1", null, null, List.of(
                new CourseObject(Role.RTSTRUCT, "RTSTRUCT", "1", null, "F.CT", ctRs, null),
                new CourseObject(Role.RTSTRUCT, "RTSTRUCT", "2", null, "F.MR", mrRs, null),
                new CourseObject(Role.RTSTRUCT, "RTSTRUCT", "3", null, "F.OTHER", lost, null)), Map.of());

        List<StructureSet> all = StructureSet.onEveryImage(c, course);
        assertEquals(List.of("manual", "manual:RS.mr", "manual:RS.lost", "segmentation:total_mr"),
                all.stream().map(s -> s.source().id()).toList());
        assertEquals(ct, all.get(0).image());
        assertEquals(mr, all.get(1).image());
        assertEquals(null, all.get(2).image().nifti(), "no image recorded on its frame: nothing to analyse");
        assertEquals(mr, all.get(3).image(), "a model that ran on the MR is on the MR");
        assertEquals(List.of("manual"), StructureSet.of(c, course).stream().map(s -> s.source().id()).toList(),
                "the CT's one set keeps the plain name beside an MR set");
    }

    @Test
    void modelNamesMustBeFolderNames() {
        CourseFolder course = CourseFolder.of(out, "P/C");
        assertThrows(IllegalArgumentException.class, () -> course.model("../x"));
        assertThrows(IllegalArgumentException.class, () -> course.model(".hidden"));
    }
}
