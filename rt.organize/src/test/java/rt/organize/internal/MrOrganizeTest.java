package rt.organize.internal;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import rt.api.StageResult;
import rt.api.course.Course;
import rt.api.course.Role;
import rt.api.image.Volume;
import rt.course.CourseFolder;
import rt.course.CourseImage;
import rt.course.StructureSet;
import rt.nifti.Nifti;
import rt.organize.internal.demo.DemoCohort;
import rt.organize.internal.demo.DemoMr;
import rt.organize.internal.io.Json;
import rt.testsupport.SurefireStyleSummary;
import rt.testsupport.TestStageContext;

/**
 * A demo patient with an MR in its own study and frame, an RTSTRUCT on the MR and a REG MR → CT (all from our
 * writers): organize keeps them in the CT's course, publishes the MR as NIfTI with its structure set, keeps the
 * planning CT, and records the registration (frames, matrix) in course.json.
 */
@ExtendWith(SurefireStyleSummary.class)
class MrOrganizeTest {

    @TempDir
    Path tmp;

    @Test
    void anMrRegisteredToThePlanningCtJoinsItsCourseWithItsStructureSet() throws Exception {
        Path in = tmp.resolve("input");
        Path out = tmp.resolve("out");
        DemoCohort.write(in, 1, false, true);
        TestStageContext ctx = TestStageContext.builder(out).dicomRoot(in).build();
        StageResult r = new OrganizeStage().run(ctx);
        assertTrue(r.isOk(), r.toString());
        assertEquals(1, ctx.published().size(), "the MR, its RTSTRUCT and the REG make no course of their own");
        Course c = ctx.published().get(0);
        CourseFolder layout = new CourseFolder(out.resolve(c.folder()));
        JsonNode json = Json.MAPPER.readTree(layout.courseJson().toFile());
        List<CourseImage> images = CourseImage.list(layout);
        CourseImage mr = images.stream().filter(i -> "MR".equals(i.modality())).findFirst().orElseThrow();
        CourseImage ct = images.stream().filter(CourseImage::planning).findFirst().orElseThrow();
        Volume mrVolume = Nifti.readVolume(mr.file(layout), rt.api.image.Quantity.INTENSITY);
        List<StructureSet> sets = StructureSet.onEveryImage(c, layout);
        JsonNode reg = json.path("registrations").path(0);
        assertAll(
                () -> assertEquals("CT", c.objects(Role.PLANNING_CT).get(0).modality(), "the planning CT stays CT"),
                () -> assertEquals(1, c.objects(Role.IMAGE).size()),
                () -> assertEquals(2, c.objects(Role.RTSTRUCT).size()),
                () -> assertEquals(1, c.objects(Role.REGISTRATION).size()),
                () -> assertEquals("ct.nii.gz", ct.nifti()),
                () -> assertTrue(mr.registration().startsWith("REG "), mr.registration()),
                () -> assertEquals(1, mr.structureSets().size()),
                () -> assertTrue(Files.isRegularFile(mr.file(layout))),
                () -> assertEquals(64 * 48 * 20, mrVolume.voxels().length),
                () -> {
                    double[] w = mrVolume.grid().indexToWorld(33, 23, 10); // inside the PTV: the stored MR signal
                    assertEquals(Math.round(DemoMr.signal(w[0], w[1], w[2])),
                            mrVolume.voxels()[mrVolume.grid().index(33, 23, 10)], 0);
                    assertTrue(mrVolume.voxels()[mrVolume.grid().index(33, 23, 10)] > DemoMr.MR_BODY);
                },
                () -> assertEquals(2, sets.size()),
                () -> assertEquals(List.of(ct, mr), sets.stream().map(StructureSet::image).toList()),
                () -> assertEquals(1, StructureSet.of(c, layout).size(), "DVH and QC see the CT's set only"),
                () -> assertEquals(2, reg.path("frames").size()),
                () -> assertEquals(-DemoMr.SHIFT_MM[0], reg.path("frames").path(1).path("matrix").path(3).asDouble(),
                        1e-9),
                () -> assertEquals(mr.frameOfReferenceUid(),
                        reg.path("frames").path(1).path("frame_of_reference_uid").asText()),
                () -> assertEquals(List.of(), toList(json.path("problems"))));
    }

    private static List<String> toList(JsonNode a) {
        List<String> out = new java.util.ArrayList<>();
        a.forEach(n -> out.add(n.asText()));
        return out;
    }
}
