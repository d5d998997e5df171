package rt.radiomics.internal.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import rt.testsupport.RefData;

@ExtendWith(rt.testsupport.SurefireStyleSummary.class)
class RadiomicsCliTest {

    /** NRRD image + label through rt.nifti: one CSV row; pyradiomics' brain1 value of glcm Contrast within 3 %. */
    @Test
    void nrrd_pair_gives_one_row_with_pyradiomics_names(@TempDir Path tmp) throws Exception {
        Path img = RefData.resolve("pyradiomics/data/brain1_image.nrrd");
        Path lab = RefData.resolve("pyradiomics/data/brain1_label.nrrd");
        Path params = tmp.resolve("p.yaml");
        Files.writeString(params, "setting:\n  binWidth: 25\n  minimumROIDimensions: 1\n  voxelArrayShift: 2000\n"
                + "  interpolator: null\nfeatureClass:\n  glcm:\n  firstorder:\n");
        Path out = tmp.resolve("f.csv");
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        Map<String, Object> row = RadiomicsCli.run(new String[] {"--image", img.toString(), "--mask", lab.toString(),
            "--params", params.toString(), "--label", "1", "--out", out.toString()},
                new PrintStream(buf, true, StandardCharsets.UTF_8));
        double contrast = (Double) row.get("original_glcm_Contrast");
        assertEquals(47.492125114429776, contrast, 0.03 * 47.492125114429776);
        assertEquals(2, Files.readAllLines(out).size());
        assertTrue(Files.readAllLines(out).get(0).contains("original_firstorder_Mean"));
    }

    @Test
    void missing_mask_is_a_usage_error() {
        assertThrows(IllegalArgumentException.class,
                () -> RadiomicsCli.run(new String[] {"--image", "x.nii.gz"}, System.out));
    }
}
