package rt.radiomics.internal.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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

    /**
     * {@code --batch}: every line of the list is one row of one table, with the values of a single call; a line
     * naming a missing file is reported with its line number and the call fails after writing the others.
     */
    @Test
    void batch_list_gives_one_row_per_line_and_names_a_bad_line(@TempDir Path tmp) throws Exception {
        Path img = RefData.resolve("pyradiomics/data/brain1_image.nrrd");
        Path lab = RefData.resolve("pyradiomics/data/brain1_label.nrrd");
        Files.copy(lab, tmp.resolve("label copy.nrrd"));
        Path list = tmp.resolve("inputs.txt");
        Files.writeString(list, "--image " + img + " --mask " + lab + " --label 1\n# same mask, path relative to the"
                + " list\n--image " + img + " --mask 'label copy.nrrd'\n--image " + img + " --mask nowhere.nrrd\n");
        Path out = tmp.resolve("all.csv");
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> RadiomicsCli.run(new String[] {
            "--batch", list.toString(), "--feature-classes", "firstorder", "--out", out.toString()},
                new PrintStream(log, true, StandardCharsets.UTF_8)));
        assertTrue(e.getMessage().startsWith("1 of 3 inputs"), e.getMessage());
        assertTrue(log.toString(StandardCharsets.UTF_8).contains("inputs.txt line 4: "), log.toString());
        List<Map<String, String>> rows = rt.course.Csv.read(out);
        assertEquals(2, rows.size());
        Map<String, Object> single = RadiomicsCli.run(new String[] {"--image", img.toString(), "--mask",
            lab.toString(), "--feature-classes", "firstorder", "--out", tmp.resolve("one.csv").toString()},
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        double expected = (Double) single.get("original_firstorder_Mean");
        for (Map<String, String> row : rows) {
            assertEquals(expected, Double.parseDouble(row.get("original_firstorder_Mean")), 1e-9 * Math.abs(expected));
        }
        assertTrue(rows.get(1).get("Mask").endsWith("label copy.nrrd"), rows.get(1).get("Mask"));
        java.util.Set<String> header = rows.get(0).keySet();
        assertTrue(header.stream().noneMatch(h -> h.contains("_glcm_")), "only the selected class: " + header);
    }

    @Test
    void selections_must_name_types_and_classes_of_the_parameters() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RadiomicsCli.run(
                new String[] {"--image", "x.nrrd", "--mask", "m.nrrd", "--image-types", "LoG"}, System.out));
        assertTrue(e.getMessage().contains("'LoG'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> RadiomicsCli.run(
                new String[] {"--image", "x.nrrd", "--mask", "m.nrrd", "--modality", "PET"}, System.out));
        assertTrue(e.getMessage().contains("CT or MR"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> RadiomicsCli.run(
                new String[] {"--batch", "l.txt", "--image", "x.nrrd"}, System.out));
        assertTrue(e.getMessage().contains("lines of --batch"), e.getMessage());
    }
}
