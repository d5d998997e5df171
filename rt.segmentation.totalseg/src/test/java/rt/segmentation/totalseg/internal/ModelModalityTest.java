package rt.segmentation.totalseg.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import rt.api.StageResult;
import rt.api.course.Course;
import rt.api.image.Grid;
import rt.api.image.Quantity;
import rt.api.image.Volume;
import rt.course.CourseFolder;
import rt.course.CourseImage;
import rt.course.SegmentationManifest;
import rt.nifti.Nifti;
import rt.segmentation.engine.SegmentationModel;
import rt.testsupport.SurefireStyleSummary;
import rt.testsupport.TestStageContext;

/**
 * A model runs on the image of the modality it declares: the rule network declared MR skips a course that has only
 * its planning CT (saying why) and runs on the course's MR when organize published one (course contract).
 */
@ExtendWith(SurefireStyleSummary.class)
class ModelModalityTest {

    @TempDir
    Path tmp;

    private SegmentationModel mrModel() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("models/mrrules"));
        Path rules = RuleModelDiceTest.rulesModel();
        Files.copy(rules.resolve("rules.onnx"), dir.resolve("rules.onnx"));
        Files.writeString(dir.resolve("model.yaml"), Files.readString(rules.resolve("model.yaml"))
                .replace("name: rules", "name: mrrules").replace("modality: CT", "modality: MR"));
        SegmentationServiceImpl s = SegmentCommandTest.serviceWithRulesModel();
        s.scanFolders(List.of(dir));
        return s.model("mrrules").orElseThrow();
    }

    @Test
    void anMrModelSkipsACourseWithoutMrAndRunsOnItsMr() throws Exception {
        SegmentationServiceImpl service = SegmentCommandTest.serviceWithRulesModel();
        SegmentationModel model = mrModel();
        assertEquals("MR", model.descriptor().modality());
        CourseFolder course = CourseFolder.of(tmp, "P/C");
        Files.createDirectories(course.dir());
        Grid g = Grid.axisAligned(40, 40, 20, new double[] {-60, -60, -30}, new double[] {3, 3, 3});
        float[] v = new float[(int) g.voxelCount()];
        for (int k = 0; k < g.nz(); k++) {
            for (int j = 0; j < g.ny(); j++) {
                for (int i = 0; i < g.nx(); i++) {
                    double[] w = g.indexToWorld(i, j, k);
                    v[g.index(i, j, k)] = w[0] * w[0] + w[1] * w[1] < 45 * 45 ? 40 : -1000;
                }
            }
        }
        Nifti.write(course.ctImage(), new Volume(g, v, Quantity.HU));
        Course c = new Course("P", "C", "P/C", null, 0, null, null, null, null, List.of(), Map.of());
        TestStageContext ctx = TestStageContext.builder(tmp).course(c).workDir(course.dir()).build();

        StageResult none = service.runForCourse(ctx, model);
        assertEquals(StageResult.Status.SKIPPED, none.status());
        assertTrue(none.reason().contains("no MR image"), none.reason());

        Path mr = course.image("MR", "1.2.3");
        Files.createDirectories(mr.getParent());
        Nifti.write(mr, new Volume(g, v.clone(), Quantity.INTENSITY));
        new com.fasterxml.jackson.databind.ObjectMapper().writeValue(course.courseJson().toFile(),
                Map.of(CourseImage.COURSE_JSON_KEY, List.of(new CourseImage("1.2.3", "1.2.3", "MR", "9.9",
                        course.relative(mr), false, "REG 4.5", List.of()).toJson())));
        StageResult ran = service.runForCourse(ctx, model);
        assertTrue(ran.isOk(), ran.toString());
        SegmentationManifest m = SegmentationManifest.read(course.model("mrrules")).orElseThrow();
        assertEquals(mr.normalize(), course.resolve(m.input()).normalize(), "the MR model ran on the MR");
    }
}
