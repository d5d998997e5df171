package rt.segmentation.totalseg.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import rt.api.image.Volume;
import rt.segmentation.engine.ModelDescriptor;
import rt.segmentation.engine.ModelDescriptor.Part;
import rt.segmentation.engine.ModelSource;
import rt.segmentation.engine.SegmentOptions;
import rt.segmentation.engine.SegmentationModel;
import rt.testsupport.SurefireStyleSummary;

/**
 * {@code --preset total}: five small random-weight part models named like TotalSegmentator's (Dataset291..295, their
 * class counts and names, different CT statistics each) become one {@code total} model with TotalSegmentator's
 * 117-class map, step 0.8, no mirroring and automatic splitting; its segmentation equals the five single-part
 * imports merged by TotalSegmentator's rule (later parts overwrite, channel → class map).
 */
@ExtendWith(SurefireStyleSummary.class)
class TotalSegPresetTest {

    static final int[][] SLICES = {{1, 24}, {25, 26}, {51, 18}, {69, 23}, {92, 26}};
    static final String[] DATASETS = {"Dataset291_TotalSegmentator_part1_organs_1559subj",
        "Dataset292_TotalSegmentator_part2_vertebrae_1532subj", "Dataset293_TotalSegmentator_part3_cardiac_1559subj",
        "Dataset294_TotalSegmentator_part4_muscles_1559subj", "Dataset295_TotalSegmentator_part5_ribs_1559subj"};

    /** Writes the five parts (once) under target/totalseg-small/; returns that folder. */
    static Path smallParts() throws Exception {
        Path root = TorchCheckpointTest.DIR.resolve("totalseg-small");
        for (int i = 0; i < 5; i++) {
            List<String> args = new ArrayList<>(List.of("--arch", "plain", "--stages", "2", "--features", "4",
                    "--patch", "16", "16", "16", "--spacing", "3.5", "3.0", "2.8", "--trainer",
                    "nnUNetTrainerNoMirroring", "--seed", String.valueOf(20 + i), "--intensity",
                    String.valueOf(30 + 10 * i), String.valueOf(250 + 20 * i), String.valueOf(-1000 + 5 * i),
                    String.valueOf(1400 + 30 * i), "--labels"));
            args.addAll(TotalSegPresets.TOTAL.subList(SLICES[i][0] - 1, SLICES[i][0] - 1 + SLICES[i][1]));
            TorchCheckpointTest.trainedModel("totalseg-small/" + DATASETS[i]
                    + "/nnUNetTrainerNoMirroring__nnUNetPlans__3d_fullres", args.toArray(String[]::new));
        }
        return root;
    }

    @Test
    void fivePartsBecomeOneTotalModelThatMergesLikeTotalSegmentator() throws Exception {
        Path parts = smallParts();
        Path out = ModelImportTest.DIR.resolve("total");
        NnUnetImport.deleteTree(out);
        ModelDescriptor d = ModelImportCommand.run(ModelImportCommand.Options.parse(List.of(parts.toString(),
                "--preset", "total", "--out", out.toString())), Path.of(""), System.out::println);
        assertEquals("total", d.name());
        assertEquals(117, d.labels().size());
        assertEquals("spleen", d.labels().get(1));
        assertEquals("sacrum", d.labels().get(25));
        assertEquals("heart", d.labels().get(51));
        assertEquals("costal_cartilages", d.labels().get(117));
        assertEquals(0.8, d.stepSize());
        assertEquals(0, d.mirrorAxes().length);
        assertNull(d.forceSplit(), "TotalSegmentator's automatic split");
        assertEquals(List.of("organs", "vertebrae", "cardiac", "muscles", "ribs"),
                d.parts().stream().map(Part::name).toList());
        assertEquals(Integer.valueOf(25), d.parts().get(1).labelMap().get(1));
        assertEquals(27, d.parts().get(1).channels());
        assertEquals(List.of("292/fold_0.onnx"), d.parts().get(1).folds());
        assertEquals(40.0, d.parts().get(1).normalization().mean());
        assertNotEquals(d.parts().get(0).normalization(), d.parts().get(4).normalization());

        // the merged model against the five parts imported and segmented one by one, merged as TotalSegmentator does
        Volume ct = ModelImportTest.ctCrop();
        short[] total = Segmenter.onnxRuntime().segment(ct, new SegmentationModel(d, ModelSource.folder(out),
                "folder"), SegmentOptions.cpu(2), w -> { }, () -> { }).labels().labels();
        short[] merged = new short[total.length];
        int distinctParts = 0;
        for (int i = 0; i < 5; i++) {
            Path single = ModelImportTest.DIR.resolve("part" + i);
            NnUnetImport.deleteTree(single);
            Path dataset = parts.resolve(DATASETS[i]);
            ModelDescriptor p = ModelImportCommand.run(ModelImportCommand.Options.parse(List.of(dataset.toString(),
                    "--out", single.toString())), Path.of(""), s -> { });
            assertEquals(0.5, p.stepSize(), "a plain import keeps nnU-Net's default");
            ModelDescriptor at08 = ModelYaml.parse("part", Files.readString(single.resolve("model.yaml"))
                    .replace("step_size: 0.5", "step_size: 0.8"));
            short[] l = Segmenter.onnxRuntime().segment(ct, new SegmentationModel(at08, ModelSource.folder(single),
                    "folder"), SegmentOptions.cpu(2), w -> { }, () -> { }).labels().labels();
            boolean any = false;
            for (int v = 0; v < l.length; v++) {
                if (l[v] != 0) {
                    merged[v] = (short) (SLICES[i][0] + l[v] - 1);
                    any = true;
                }
            }
            distinctParts += any ? 1 : 0;
        }
        assertTrue(distinctParts >= 2, "at least two parts label something");
        assertArrayEquals(merged, total);
    }

    @Test
    void aPartWithTheWrongClassCountOrAMissingTaskIsNamed() throws Exception {
        Path parts = smallParts();
        Path some = Files.createDirectories(ModelImportTest.DIR.resolve("total-missing"));
        NnUnetImport.deleteTree(some);
        Files.createDirectories(some);
        for (int i = 0; i < 2; i++) {
            copyTree(parts.resolve(DATASETS[i]), some.resolve(DATASETS[i]));
        }
        IOException e = assertThrows(IOException.class, () -> ModelImportCommand.run(ModelImportCommand.Options
                .parse(List.of(some.toString(), "--preset", "total", "--out", ModelImportTest.DIR.resolve("t2")
                        .toString())), Path.of(""), s -> { }));
        assertTrue(e.getMessage().contains("no Dataset293_"), e.getMessage());
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> ModelImportCommand.Options.parse(List.of("x", "--preset", "totl")));
        assertTrue(bad.getMessage().startsWith("unknown preset 'totl'"), bad.getMessage());
    }

    @Test
    void mrPresetNormalisesPerImageAndNumbersTheDatasetLabelsOn() throws Exception {
        String[] names = {"Dataset850_TotalSegMRI_part1_organs", "Dataset851_TotalSegMRI_part2_muscles"};
        String[][] labels = {{"spleen", "liver", "stomach"}, {"gluteus_maximus_left", "autochthon_left"}};
        for (int i = 0; i < 2; i++) {
            List<String> args = new ArrayList<>(List.of("--stages", "2", "--features", "2", "--patch", "16", "16",
                    "16", "--spacing", "1.5", "1.5", "1.5", "--channel", "MR", "--trainer",
                    "nnUNetTrainer_2000epochs_NoMirroring", "--labels"));
            args.addAll(List.of(labels[i]));
            TorchCheckpointTest.trainedModel("totalseg-mr/" + names[i]
                    + "/nnUNetTrainer_2000epochs_NoMirroring__nnUNetPlans__3d_fullres", args.toArray(String[]::new));
        }
        Path out = ModelImportTest.DIR.resolve("total_mr");
        NnUnetImport.deleteTree(out);
        ModelDescriptor d = ModelImportCommand.run(ModelImportCommand.Options.parse(List.of(
                TorchCheckpointTest.DIR.resolve("totalseg-mr").toString(), "--preset", "total_mr", "--out",
                out.toString())), Path.of(""), s -> { });
        assertEquals("MR", d.modality());
        assertEquals("ZScoreNormalization", d.normalization().scheme());
        assertEquals("ZScoreNormalization", d.parts().get(1).normalization().scheme());
        assertEquals(java.util.Map.of(1, "spleen", 2, "liver", 3, "stomach", 4, "gluteus_maximus_left", 5,
                "autochthon_left"), d.labels());
        assertEquals(java.util.Map.of(1, 4, 2, 5), d.parts().get(1).labelMap());
        assertEquals(0.8, d.stepSize());
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (var s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path t = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(p, t);
                }
            }
        }
    }
}
