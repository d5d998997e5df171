package rt.radiomics.internal.stage;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
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
import rt.course.CourseFolder;
import rt.course.CourseImage;
import rt.course.Csv;
import rt.organize.internal.OrganizeStage;
import rt.organize.internal.demo.DemoCohort;
import rt.organize.internal.demo.DemoMr;
import rt.radiomics.RadiomicsParams;
import rt.testsupport.SurefireStyleSummary;
import rt.testsupport.TestStageContext;

/**
 * A demo course with an MR registered to its CT and an RTSTRUCT on the MR (organize's real output): the MR structure
 * set gets MR rows (MR parameters, normalised, on the MR's voxels), the CT set CT rows, told apart by modality and
 * image series.
 */
@ExtendWith(SurefireStyleSummary.class)
class MrRadiomicsTest {

    @TempDir
    Path tmp;

    @Test
    void anMrStructureSetGetsMrRowsOnTheMr() throws Exception {
        Path in = tmp.resolve("input");
        Path out = tmp.resolve("out");
        DemoCohort.write(in, 1, false, true);
        TestStageContext org = TestStageContext.builder(out).dicomRoot(in).build();
        assertTrue(new OrganizeStage().run(org).isOk());
        Course c = org.published().get(0);
        Path dir = out.resolve(c.folder());
        // light CT parameters: this test is about which image and parameters each set gets, not CT features
        Path ctParams = tmp.resolve("ct.yaml");
        Files.writeString(ctParams, "imageType: {Original: {}}\nfeatureClass: {firstorder: , shape: }\n"
                + "setting: {binWidth: 25, label: 1}\n");
        TestStageContext ctx = TestStageContext.builder(out).course(c).workDir(dir)
                .config(Map.of("params", ctParams.toString(), "skip_rois", List.of("BODY", "SPINE", "LUNG_L")))
                .cores(2).build();
        StageResult r = new RadiomicsStage().run(ctx);
        assertTrue(r.isOk(), r.toString());
        List<Map<String, String>> rows = Csv.read(new CourseFolder(dir).radiomics());
        CourseImage mr = CourseImage.list(new CourseFolder(dir)).stream().filter(i -> "MR".equals(i.modality()))
                .findFirst().orElseThrow();
        Map<String, String> mrPtv = rows.stream().filter(x -> x.get("modality").equals("MR")).findFirst()
                .orElseThrow();
        Map<String, String> ctPtv = rows.stream().filter(x -> x.get("modality").equals("CT")
                && x.get("roi_name").equals("PTV")).findFirst().orElseThrow();
        double sphereCc = 4 / 3.0 * Math.PI * Math.pow(25, 3) / 1000;
        assertAll(
                () -> assertEquals(3, rows.size(), "CT: PTV, LUNG_R; MR: PTV"),
                () -> assertEquals(1, rows.stream().filter(x -> x.get("modality").equals("MR")).count()),
                () -> assertEquals("PTV", mrPtv.get("roi_name")),
                () -> assertTrue(mrPtv.get("source").startsWith("manual:"), mrPtv.get("source")),
                () -> assertNotEquals(ctPtv.get("source"), mrPtv.get("source")),
                () -> assertEquals(mr.seriesInstanceUid(), mrPtv.get("image_series_uid")),
                () -> assertEquals(c.planningCtSeriesUid(), ctPtv.get("image_series_uid")),
                () -> assertEquals(RadiomicsParams.bundled("MR").hash(), mrPtv.get("settings_hash")),
                () -> assertTrue(mrPtv.containsKey("log-sigma-2-0-mm-3D_glcm_Contrast"), "the MR parameter set"),
                () -> assertEquals(sphereCc, Double.parseDouble(mrPtv.get("original_shape_MeshVolume")) / 1000,
                        0.1 * sphereCc, "the 25 mm PTV sphere on the MR"),
                // normalised intensities: the PTV (brighter than the body) has a positive mean z-score
                () -> assertTrue(Double.parseDouble(mrPtv.get("original_firstorder_Mean")) > 0
                        && Double.parseDouble(mrPtv.get("original_firstorder_Mean")) < 10,
                        mrPtv.get("original_firstorder_Mean")),
                () -> assertTrue(DemoMr.MR_PTV > DemoMr.MR_BODY));
    }
}
