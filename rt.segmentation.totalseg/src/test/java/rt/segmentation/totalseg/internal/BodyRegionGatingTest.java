package rt.segmentation.totalseg.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import rt.api.StageResult;
import rt.api.image.Grid;
import rt.api.image.Quantity;
import rt.api.image.Volume;
import rt.course.CourseFolder;
import rt.course.SegmentationManifest;
import rt.nifti.Nifti;
import rt.testsupport.SurefireStyleSummary;
import rt.testsupport.TestStageContext;

/**
 * Body-region gating: extra models declare the regions (or TotalSegmentator crop classes) they need and run only when
 * the course's {@code total} result shows them. The {@code total} result here is made by the segmentation stage itself
 * (a point-wise model with TotalSegmentator's class names, its outputs written by the engine's writer) on a CT whose
 * only bright object is a 1.7 cc "heart"; the extras are skipped or run through the same stage.
 */
@ExtendWith(SurefireStyleSummary.class)
class BodyRegionGatingTest {

    @TempDir
    static Path models;

    static final String COMMON = MultiPartAndNormalizationTest.COMMON + """
            normalization: {scheme: CTNormalization, mean: 0.0, std: 1.0, percentile_00_5: -10000.0,
                            percentile_99_5: 10000.0}
            """;

    /** Model folders: total (heart where v > 90.5, liver where v > 500), and four gated extras (x where v > 30.5). */
    @BeforeAll
    static void makeModels() throws Exception {
        PythonTools.assumeModules("numpy, onnx");
        for (String m : List.of("total", "thorax_extra", "abdomen_extra", "liver_extra", "small_extra",
                "crop_extra")) {
            Files.createDirectories(models.resolve(m));
        }
        PythonTools.run("make_pointwise_onnx.py", models.resolve("total/heart.onnx").toString(), "0,0", "1,-90.5",
                "--", models.resolve("total/liver.onnx").toString(), "0,0", "1,-500");
        Files.writeString(models.resolve("total/model.yaml"), "name: total\n" + COMMON + """
                labels: {5: liver, 51: heart, 32: vertebrae_T12}
                parts:
                  - {name: organs, folds: [liver.onnx], channels: 2, label_map: {1: liver}}
                  - {name: cardiac, folds: [heart.onnx], channels: 2, label_map: {1: heart}}
                """);
        extra("thorax_extra", "requires_regions: [thorax]\n");
        extra("abdomen_extra", "requires_regions: [thorax, abdomen]\n");
        extra("liver_extra", "requires_rois: [liver, spleen]\n");
        extra("small_extra", "requires_rois: [heart]\nrequires_min_cc: 2.0\n");
        extra("crop_extra", "requires_rois: [heart]\ncrop_margin: [1, 2, 0]\n");
    }

    private static void extra(String name, String gate) throws Exception {
        PythonTools.run("make_pointwise_onnx.py", models.resolve(name + "/x.onnx").toString(), "0,0", "1,-30.5");
        Files.writeString(models.resolve(name + "/model.yaml"), "name: " + name + "\n" + COMMON + gate + """
                labels: {1: x}
                folds: [x.onnx]
                channels: 2
                """);
    }

    static SegmentationServiceImpl service() {
        SegmentationServiceImpl.Config config = (SegmentationServiceImpl.Config) Proxy.newProxyInstance(
                BodyRegionGatingTest.class.getClassLoader(), new Class<?>[] {SegmentationServiceImpl.Config.class},
                (p, m, a) -> m.getName().equals("model_dirs") ? new String[0] : null);
        SegmentationServiceImpl s = new SegmentationServiceImpl(config);
        s.scanFolders(List.of(models));
        assertEquals(List.of(), s.problems());
        return s;
    }

    /** A course folder with a CT of 16 × 12 × 10 voxels of 2 mm at 50 HU and a 6³-voxel (1.728 cc) object at 100. */
    static CourseFolder course(Path root) throws IOException {
        CourseFolder course = new CourseFolder(root.resolve("P1/C1"));
        Grid g = Grid.axisAligned(16, 12, 10, new double[] {-5, 7, 30}, new double[] {2, 2, 2});
        float[] v = new float[16 * 12 * 10];
        for (int k = 0; k < 10; k++) {
            for (int j = 0; j < 12; j++) {
                for (int i = 0; i < 16; i++) {
                    v[g.index(i, j, k)] = i >= 5 && i < 11 && j >= 3 && j < 9 && k >= 2 && k < 8 ? 100 : 50;
                }
            }
        }
        Files.createDirectories(course.dir());
        Nifti.write(course.ctImage(), new Volume(g, v, Quantity.HU));
        return course;
    }

    static TestStageContext context(Path root, CourseFolder course, List<String> modelNames) {
        return TestStageContext.builder(root).workDir(course.dir()).config(Map.of("models", modelNames)).build();
    }

    @Test
    void extrasRunOnlyWhenTheTotalResultShowsTheirRegionsAndSaySoWhenNot(@TempDir Path root) throws Exception {
        SegmentationServiceImpl service = service();
        CourseFolder course = course(root);
        TestStageContext ctx = context(root, course, List.of("total", "thorax_extra", "abdomen_extra",
                "liver_extra", "small_extra", "crop_extra"));
        StageResult r = new SegmentationStage(service).run(ctx);

        assertEquals(StageResult.Status.OK, r.status(), r.toString());
        SegmentationManifest total = SegmentationManifest.read(course.model("total")).orElseThrow();
        assertEquals(1.728, total.rois().stream().filter(x -> x.name().equals("heart")).findFirst().orElseThrow()
                .volumeCc(), 1e-9);
        assertTrue(course.model("thorax_extra").isComplete(), "thorax is shown by the heart");
        for (String gated : List.of("abdomen_extra", "liver_extra", "small_extra")) {
            assertFalse(Files.exists(course.model(gated).dir()), gated + " must not run");
        }
        // never silent: each skip and its reason is in the stage result
        assertEquals("abdomen_extra gated off: needs regions thorax + abdomen; the course's CT does not show abdomen "
                + "in total (at least 1.00 cc); liver_extra gated off: needs one of [liver, spleen]; the course's CT "
                + "does not show any of [liver, spleen] in total (at least 1.00 cc); small_extra gated off: needs one "
                + "of [heart]; the course's CT does not show any of [heart] in total (at least 2.00 cc)", r.reason());
        assertTrue(ctx.logLines().stream().anyMatch(l -> l.contains("thorax_extra runs: the course's CT shows thorax "
                + "(heart) in total")), ctx.logLines().toString());

        // the extra that crops, as TotalSegmentator runs a task on its crop classes plus crop_addon: 'x' (every
        // voxel > 30.5, i.e. all of the CT) only in the heart's box widened by 1, 2, 0 voxels
        rt.api.image.LabelMap x = Nifti.readLabels(course.model("crop_extra").labels(), Map.of(1, "x"));
        Grid g = x.grid();
        for (int k = 0; k < g.nz(); k++) {
            for (int j = 0; j < g.ny(); j++) {
                for (int i = 0; i < g.nx(); i++) {
                    boolean inBox = i >= 4 && i < 12 && j >= 1 && j < 11 && k >= 2 && k < 8;
                    assertEquals(inBox ? 1 : 0, x.labels()[g.index(i, j, k)], i + "," + j + "," + k);
                }
            }
        }
        assertEquals(8 * 10 * 6 * 8 / 1000.0, SegmentationManifest.read(course.model("crop_extra")).orElseThrow()
                .rois().get(0).volumeCc(), 1e-9);
    }

    @Test
    void withoutATotalResultAGatedModelIsSkippedWithTheReason(@TempDir Path root) throws Exception {
        CourseFolder course = course(root);
        StageResult r = new SegmentationStage(service()).run(context(root, course, List.of("thorax_extra")));
        assertEquals(StageResult.Status.SKIPPED, r.status());
        assertTrue(r.reason().startsWith("thorax_extra needs region thorax, but the course has no finished "
                + "total-style segmentation to decide from"), r.reason());
    }

    @Test
    void rtModelsSaysWhatEachGatedModelNeeds() {
        String table = SegmentCommands.modelsTable(service().models(), List.of());
        assertTrue(table.contains("thorax_extra") && table.contains("    runs only when the course's total result "
                + "shows thorax\n"), table);
        assertTrue(table.contains("shows thorax + abdomen\n"), table);
        assertTrue(table.contains("shows one of [heart], on their crop\n"), table);
    }

    @Test
    void aCropMarginNeedsRequiredRois() {
        IOException e = assertThrows(IOException.class, () -> ModelYaml.parse("y/model.yaml", "name: y\n" + COMMON
                + "labels: {1: a}\nfolds: [a.onnx]\nrequires_regions: [head]\ncrop_margin: 3\n"));
        assertEquals("y/model.yaml: crop_margin: crops to requires_rois, which is empty", e.getMessage());
    }

    @Test
    void anUnknownRegionIsOneLineNamingTheFile() {
        IOException e = assertThrows(IOException.class, () -> ModelYaml.parse("x/model.yaml", "name: x\n" + COMMON
                + "labels: {1: a}\nfolds: [a.onnx]\nrequires_regions: [torso]\n"));
        assertEquals("x/model.yaml: requires_regions: unknown region 'torso' (known: [head, neck, thorax, abdomen, "
                + "pelvis])", e.getMessage());
    }
}
