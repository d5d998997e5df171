package rt.segmentation.totalseg.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import rt.api.image.Grid;
import rt.api.image.Quantity;
import rt.api.image.Volume;
import rt.segmentation.engine.ModelDescriptor.Normalization;
import rt.segmentation.engine.ModelSource;
import rt.segmentation.engine.SegmentOptions;
import rt.segmentation.engine.SegmentationModel;
import rt.testsupport.SurefireStyleSummary;

/**
 * Multi-part merging (later parts overwrite, through each part's label map) and ZScore normalisation, end to end
 * through ONNX Runtime on point-wise models made at test time by {@code tools/make_pointwise_onnx.py}: the expected
 * label of a voxel is a function of its normalised value alone.
 */
@ExtendWith(SurefireStyleSummary.class)
class MultiPartAndNormalizationTest {

    @TempDir
    static Path models;

    @BeforeAll
    static void makeModels() throws Exception {
        PythonTools.assumeModules("numpy, onnx");
        // a: channel 1 where v > 30.5; b: channel 1 where v > 70.5; z: channel 1 where the z-score > 1
        PythonTools.run("make_pointwise_onnx.py", models.resolve("a.onnx").toString(), "0,0", "1,-30.5", "--",
                models.resolve("b.onnx").toString(), "0,0", "1,-70.5", "--",
                models.resolve("z.onnx").toString(), "0,0", "1,-1");
    }

    static final String COMMON = """
            modality: CT
            spacing: [2.0, 2.0, 2.0]
            patch_size: [8, 8, 8]
            transpose_forward: [0, 1, 2]
            step_size: 0.5
            mirror_axes: []
            """;

    static SegmentationModel model(String yaml) throws Exception {
        Files.writeString(models.resolve("model.yaml"), yaml);
        ModelSource src = ModelSource.folder(models);
        return new SegmentationModel(ModelYaml.load(src), src, "folder");
    }

    /** 12 × 10 × 9 voxels of 2 mm (several 8³ tiles) with value f(i, j). */
    static Volume image(java.util.function.IntBinaryOperator f) {
        int nx = 12;
        int ny = 10;
        int nz = 9;
        float[] v = new float[nx * ny * nz];
        for (int k = 0; k < nz; k++) {
            for (int j = 0; j < ny; j++) {
                for (int i = 0; i < nx; i++) {
                    v[(k * ny + j) * nx + i] = f.applyAsInt(i, j);
                }
            }
        }
        return new Volume(Grid.axisAligned(nx, ny, nz, new double[] {-5, 7, 30}, new double[] {2, 2, 2}), v,
                Quantity.HU);
    }

    @Test
    void laterPartsOverwriteEarlierOnesThroughTheirLabelMaps() throws Exception {
        SegmentationModel m = model("name: twoparts\n" + COMMON + """
                normalization: {scheme: CTNormalization, mean: 0.0, std: 1.0, percentile_00_5: -10000.0,
                                percentile_99_5: 10000.0}
                labels: {2: low, 5: high}
                parts:
                  - {name: a, folds: [a.onnx], channels: 2, label_map: {1: low}}
                  - {name: b, folds: [b.onnx], channels: 2, label_map: {1: high}}
                """);
        Volume ct = image((i, j) -> 1 + 10 * i); // 1 .. 111 along x
        short[] got = Segmenter.onnxRuntime().segment(ct, m, SegmentOptions.cpu(1), w -> { }, () -> { }).labels()
                .labels();
        short[] want = new short[got.length];
        for (int n = 0; n < want.length; n++) {
            float v = ct.voxels()[n];
            // part b's background (v <= 70.5) leaves part a's label; its channel 1 overwrites it with label 5
            want[n] = (short) (v > 70.5 ? 5 : v > 30.5 ? 2 : 0);
        }
        assertArrayEquals(want, got);
    }

    @Test
    void zScoreNormalisesOverTheNonZeroCropWithThePopulationStd() throws Exception {
        SegmentationModel m = model("name: zscore\n" + COMMON + """
                normalization: {scheme: ZScoreNormalization}
                labels: {1: above}
                folds: [z.onnx]
                channels: 2
                """);
        // x = 0 is an all-zero plane: cropped away before normalisation (nnU-Net crop_to_nonzero), labelled 0
        Volume ct = image((i, j) -> i == 0 ? 0 : i * i + 3 * j + 1);
        double sum = 0;
        double ss = 0;
        int n = 0;
        for (int v = 0; v < ct.voxels().length; v++) {
            if (v % 12 != 0) {
                sum += ct.voxels()[v];
                n++;
            }
        }
        double mean = sum / n;
        for (int v = 0; v < ct.voxels().length; v++) {
            if (v % 12 != 0) {
                ss += (ct.voxels()[v] - mean) * (ct.voxels()[v] - mean);
            }
        }
        double std = Math.sqrt(ss / n);
        short[] got = Segmenter.onnxRuntime().segment(ct, m, SegmentOptions.cpu(1), w -> { }, () -> { }).labels()
                .labels();
        int above = 0;
        for (int v = 0; v < got.length; v++) {
            double z = (ct.voxels()[v] - mean) / std;
            boolean inCrop = v % 12 != 0;
            assertTrue(!inCrop || Math.abs(z - 1) > 1e-3, "near-tie test value at voxel " + v);
            int want = inCrop && z > 1 ? 1 : 0;
            assertEquals(want, got[v], "voxel " + v + " value " + ct.voxels()[v] + " z " + z);
            above += want;
        }
        // a CT-normalised model (identity) would label every non-zero voxel: the test separates the two
        assertTrue(above > 0 && above < n / 2, above + " of " + n);
    }

    @Test
    void zScoreOfFourValues() {
        float[] d = {1, 2, 3, 4};
        NnUnetCase.normalize(d, new Normalization("ZScoreNormalization", 0, 1, Double.NEGATIVE_INFINITY,
                Double.POSITIVE_INFINITY));
        double s = Math.sqrt(1.25); // numpy std (ddof 0) of 1..4
        assertArrayEquals(new float[] {(float) (-1.5 / s), (float) (-0.5 / s), (float) (0.5 / s), (float) (1.5 / s)},
                d, 1e-6f);
    }
}
