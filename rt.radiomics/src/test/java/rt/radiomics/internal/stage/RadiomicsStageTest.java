package rt.radiomics.internal.stage;

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
import rt.api.image.LabelMap;
import rt.api.image.Quantity;
import rt.api.image.Volume;
import rt.course.CourseFolder;
import rt.course.ModelFolder;
import rt.course.SegmentationManifest;
import rt.nifti.Nifti;
import rt.testsupport.TestStageContext;

@ExtendWith(rt.testsupport.SurefireStyleSummary.class)
class RadiomicsStageTest {

    /**
     * A synthetic course: a 40³ CT at 1 mm (int16 HU) and a model segmentation with two labelled cubes (12³ and 3³
     * voxels); minimum 64 voxels drops the small one; the CSV carries provenance and pyradiomics-named features.
     */
    @Test
    void writes_one_row_per_roi_with_provenance(@TempDir Path out) throws Exception {
        Path course = out.resolve("P1").resolve("C1");
        Files.createDirectories(course.resolve("segmentation").resolve("demo"));
        Grid g = Grid.axisAligned(40, 40, 40, new double[] {0, 0, 0}, new double[] {1, 1, 1});
        float[] ct = new float[(int) g.voxelCount()];
        short[] labels = new short[ct.length];
        java.util.Random r = new java.util.Random(3);
        for (int k = 0; k < 40; k++) {
            for (int j = 0; j < 40; j++) {
                for (int i = 0; i < 40; i++) {
                    int idx = g.index(i, j, k);
                    ct[idx] = (float) Math.round(30 + 40 * r.nextGaussian());
                    if (i >= 10 && i < 22 && j >= 10 && j < 22 && k >= 10 && k < 22) {
                        labels[idx] = 1;
                    }
                    if (i >= 30 && i < 33 && j >= 30 && j < 33 && k >= 30 && k < 33) {
                        labels[idx] = 2;
                    }
                }
            }
        }
        Nifti.write(course.resolve("ct.nii.gz"), new Volume(g, ct, Quantity.HU));
        ModelFolder model = new CourseFolder(course).model("demo");
        Nifti.write(model.labels(), new LabelMap(g, labels, Map.of()));
        new SegmentationManifest("demo", null, null, null, null, "cpu", 1, null,
                List.of(new SegmentationManifest.Roi(1, "liver", 0, 0), new SegmentationManifest.Roi(2, "tiny", 0, 0)),
                Map.of()).write(model);
        Course c = new Course("P1", "C1", "P1/C1", null, 0, null, null, null, null, List.of(), Map.of());
        TestStageContext ctx = TestStageContext.builder(out).course(c).workDir(course).config("min_voxels", 64).build();
        StageResult res = new RadiomicsStage().run(ctx);
        assertTrue(res.isOk(), String.valueOf(res));
        List<String> lines = Files.readAllLines(course.resolve("radiomics/radiomics.csv"));
        assertEquals(2, lines.size(), "header + one ROI");
        assertTrue(lines.get(0).startsWith("patient_id,course_id,source,roi_name,modality,image_series_uid,settings_hash,"));
        assertTrue(lines.get(0).contains("original_shape_VoxelVolume"));
        assertTrue(lines.get(0).contains("wavelet-LHL_glszm_ZoneEntropy"));
        assertTrue(lines.get(0).contains("log-sigma-1-0-mm-3D_firstorder_Mean"));
        assertTrue(lines.get(1).startsWith("P1,C1,segmentation:demo,liver,CT,"), lines.get(1));
    }

    /**
     * {@code use_cropped_ct}: the CT crop_ct kept (slices 15 … 39 of the 40, as {@code crop/ct_cropped.nii.gz}) is the
     * image, so a label cube on slices 10 … 21 keeps its 7 slices inside: 12 × 12 × 7 voxels.
     */
    @Test
    void use_cropped_ct_analyses_the_cropped_ct(@TempDir Path out) throws Exception {
        Path course = out.resolve("P1").resolve("C1");
        Grid g = Grid.axisAligned(40, 40, 40, new double[] {0, 0, 0}, new double[] {1, 1, 1});
        float[] ct = new float[(int) g.voxelCount()];
        short[] labels = new short[ct.length];
        java.util.Random r = new java.util.Random(5);
        for (int k = 0; k < 40; k++) {
            for (int j = 0; j < 40; j++) {
                for (int i = 0; i < 40; i++) {
                    int idx = g.index(i, j, k);
                    ct[idx] = (float) Math.round(30 + 40 * r.nextGaussian());
                    labels[idx] = (short) (i >= 10 && i < 22 && j >= 10 && j < 22 && k >= 10 && k < 22 ? 1 : 0);
                }
            }
        }
        CourseFolder folder = new CourseFolder(course);
        Nifti.write(folder.ctImage(), new Volume(g, ct, Quantity.HU));
        Grid cropped = Grid.axisAligned(40, 40, 25, new double[] {0, 0, 15}, new double[] {1, 1, 1});
        Files.createDirectories(rt.course.CtCrop.folder(folder));
        Nifti.write(rt.course.CtCrop.croppedCt(folder), new Volume(cropped, java.util.Arrays.copyOfRange(ct,
                15 * 1600, 40 * 1600), Quantity.HU));
        ModelFolder model = folder.model("demo");
        Files.createDirectories(model.dir());
        Nifti.write(model.labels(), new LabelMap(g, labels, Map.of()));
        new SegmentationManifest("demo", null, null, null, null, "cpu", 1, null,
                List.of(new SegmentationManifest.Roi(1, "liver", 0, 0)), Map.of()).write(model);
        Course c = new Course("P1", "C1", "P1/C1", null, 0, null, null, null, null, List.of(), Map.of());
        StageResult res = new RadiomicsStage().run(TestStageContext.builder(out).course(c).workDir(course)
                .config(Map.of("use_cropped_ct", true, "min_voxels", 64)).build());
        assertTrue(res.isOk(), String.valueOf(res));
        Map<String, String> row = rt.course.Csv.read(course.resolve("radiomics/radiomics.csv")).get(0);
        assertEquals(12 * 12 * 7, Double.parseDouble(row.get("original_shape_VoxelVolume")), 1e-6);
        Files.delete(rt.course.CtCrop.croppedCt(folder));
        StageResult missing = new RadiomicsStage().run(TestStageContext.builder(out).course(c).workDir(course)
                .config("use_cropped_ct", true).build());
        assertEquals(StageResult.Status.FAILED, missing.status());
        assertTrue(missing.reason().contains("crop_ct wrote no cropped CT"), missing.reason());
    }
}
