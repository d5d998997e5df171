package rt.segmentation.totalseg.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import rt.api.image.Grid;
import rt.api.image.Quantity;
import rt.api.image.Volume;
import rt.segmentation.engine.ModelDescriptor;
import rt.segmentation.engine.ModelSource;
import rt.segmentation.engine.SegmentOptions;
import rt.segmentation.engine.SegmentationModel;
import rt.segmentation.engine.SegmentationResult;
import rt.testsupport.SurefireStyleSummary;

/**
 * TotalSegmentator's {@code roi_subset}: only the parts holding a requested ROI run, the output holds only the
 * requested labels, and a model that declares {@code roi_subset_crop} is run on the crop its locator model finds
 * (union box of the requested ROIs plus the margin), nothing outside it.
 */
@ExtendWith(SurefireStyleSummary.class)
class RoiSubsetTest {

    @TempDir
    static Path dir;

    /** Point-wise models: a labels v > 30.5, b labels v > 70.5, l (the locator) labels v > 90.5. */
    @BeforeAll
    static void makeModels() throws Exception {
        PythonTools.assumeModules("numpy, onnx");
        Files.createDirectories(dir.resolve("two"));
        Files.createDirectories(dir.resolve("loc"));
        PythonTools.run("make_pointwise_onnx.py", dir.resolve("two/a.onnx").toString(), "0,0", "1,-30.5", "--",
                dir.resolve("two/b.onnx").toString(), "0,0", "1,-70.5", "--",
                dir.resolve("loc/l.onnx").toString(), "0,0", "1,-90.5");
    }

    static final String COMMON = MultiPartAndNormalizationTest.COMMON + """
            normalization: {scheme: CTNormalization, mean: 0.0, std: 1.0, percentile_00_5: -10000.0,
                            percentile_99_5: 10000.0}
            """;

    static SegmentationModel model(String folder, String yaml) throws Exception {
        Files.writeString(dir.resolve(folder).resolve("model.yaml"), yaml);
        ModelSource src = ModelSource.folder(dir.resolve(folder));
        return new SegmentationModel(ModelYaml.load(src), src, "folder");
    }

    static SegmentationModel twoParts(String extra) throws Exception {
        return model("two", "name: two\n" + COMMON + extra + """
                labels: {2: low, 5: high}
                parts:
                  - {name: a, folds: [a.onnx], channels: 2, label_map: {1: low}}
                  - {name: b, folds: [b.onnx], channels: 2, label_map: {1: high}}
                """);
    }

    static SegmentationModel locator() throws Exception {
        return model("loc", "name: loc\n" + COMMON + """
                labels: {1: high}
                folds: [l.onnx]
                channels: 2
                """);
    }

    /**
     * 16 × 12 × 10 voxels of 2 mm, value 50; box A (i 9-11, j 3-5, k 2-4) 100, seen by the locator and by part b;
     * spot B (i 1-2, j 8-9, k 7-8) 80, seen by part b only.
     */
    static Volume image() {
        Grid g = Grid.axisAligned(16, 12, 10, new double[] {-5, 7, 30}, new double[] {2, 2, 2});
        float[] v = new float[16 * 12 * 10];
        for (int k = 0; k < 10; k++) {
            for (int j = 0; j < 12; j++) {
                for (int i = 0; i < 16; i++) {
                    boolean a = i >= 9 && i <= 11 && j >= 3 && j <= 5 && k >= 2 && k <= 4;
                    boolean b = i >= 1 && i <= 2 && j >= 8 && j <= 9 && k >= 7 && k <= 8;
                    v[g.index(i, j, k)] = a ? 100 : b ? 80 : 50;
                }
            }
        }
        return new Volume(g, v, Quantity.HU);
    }

    @Test
    void withoutACropOnlyThePartsOfTheSubsetRunAndOnlyItsLabelsComeOut() throws Exception {
        SegmentationModel m = twoParts("");
        Volume ct = image();
        SegmentationResult all = Segmenter.onnxRuntime().segment(ct, m, SegmentOptions.cpu(1), w -> { }, () -> { });
        assertEquals(List.of("a", "b"), all.partsRun());
        SegmentationResult high = Segmenter.onnxRuntime().segment(ct, m, SegmentOptions.cpu(1).withRoiSubset(
                List.of("high")), w -> { }, () -> { });
        assertEquals(List.of("b"), high.partsRun(), "part a holds no requested ROI");
        assertEquals(all.tiles() / 2, high.tiles());
        assertEquals(Map.of(5, "high"), high.labels().names());
        short[] want = new short[ct.voxels().length];
        for (int n = 0; n < want.length; n++) {
            want[n] = (short) (ct.voxels()[n] > 70.5 ? 5 : 0); // A and B: no crop declared
        }
        assertArrayEquals(want, high.labels().labels());

        SegmentationResult low = Segmenter.onnxRuntime().segment(ct, m, SegmentOptions.cpu(1).withRoiSubset(
                List.of("low")), w -> { }, () -> { });
        assertEquals(List.of("a"), low.partsRun());
        for (int n = 0; n < want.length; n++) {
            // part b does not run, so it overwrites nothing: every voxel above 30.5 is low
            assertEquals(2, low.labels().labels()[n]);
        }
    }

    @Test
    void aDeclaredCropRunsTheLocatorAndSegmentsOnlyTheBoxAroundWhatItFound() throws Exception {
        SegmentationModel m = twoParts("roi_subset_crop: {locator: loc, margin: 1}\n");
        assertEquals("loc", m.descriptor().roiSubsetCrop().locator());
        SegmentationModel loc = locator();
        Volume ct = image();
        List<String> warnings = new ArrayList<>();
        Segmenter s = Segmenter.onnxRuntime().withModels(n -> n.equals("loc") ? Optional.of(loc) : Optional.empty());
        SegmentationResult r = s.segment(ct, m, SegmentOptions.cpu(1).withRoiSubset(List.of("high")),
                warnings::add, () -> { });
        assertEquals(List.of(), warnings);
        assertEquals(List.of("loc/loc", "b"), r.partsRun());
        assertTrue(r.timings().containsKey("locate ort"), r.timings().toString());
        Grid g = ct.grid();
        int inside = 0;
        for (int k = 0; k < g.nz(); k++) {
            for (int j = 0; j < g.ny(); j++) {
                for (int i = 0; i < g.nx(); i++) {
                    int n = g.index(i, j, k);
                    // the box: A (located) widened by one voxel; spot B lies outside and is never segmented
                    boolean inBox = i >= 8 && i <= 12 && j >= 2 && j <= 6 && k >= 1 && k <= 5;
                    int want = inBox && ct.voxels()[n] > 70.5 ? 5 : 0;
                    assertEquals(want, r.labels().labels()[n], "voxel " + i + "," + j + "," + k);
                    inside += want != 0 ? 1 : 0;
                }
            }
        }
        assertEquals(27, inside, "box A");

        // the locator does not label 'low': cropping could cut it away, so the whole image is segmented
        List<String> w2 = new ArrayList<>();
        SegmentationResult both = s.segment(ct, m, SegmentOptions.cpu(1).withRoiSubset(List.of("low", "high")),
                w2::add, () -> { });
        assertEquals(List.of("a", "b"), both.partsRun());
        assertTrue(w2.size() == 1 && w2.get(0).contains("does not label [low]"), w2.toString());

        // the locator missing: the whole image, with a warning
        List<String> w3 = new ArrayList<>();
        SegmentationResult noLoc = Segmenter.onnxRuntime().segment(ct, m, SegmentOptions.cpu(1).withRoiSubset(
                List.of("high")), w3::add, () -> { });
        assertEquals(List.of("b"), noLoc.partsRun());
        assertTrue(w3.get(0).contains("crop model loc is not installed"), w3.toString());
        assertEquals(27 + 8, count(noLoc.labels().labels(), 5), "A and B");
    }

    @Test
    void nothingLocatedMeansAnEmptySegmentationAndNoMainPartRuns() throws Exception {
        SegmentationModel m = twoParts("roi_subset_crop: {locator: loc, margin: [2, 0, 1]}\n");
        SegmentationModel loc = locator();
        Volume dim = new Volume(image().grid(), new float[16 * 12 * 10], Quantity.HU);
        java.util.Arrays.fill(dim.voxels(), 60f);
        List<String> warnings = new ArrayList<>();
        SegmentationResult r = Segmenter.onnxRuntime().withModels(n -> Optional.of(loc)).segment(dim, m,
                SegmentOptions.cpu(1).withRoiSubset(List.of("high")), warnings::add, () -> { });
        assertEquals(List.of("loc/loc"), r.partsRun());
        assertEquals(0, count(r.labels().labels(), 5));
        assertTrue(warnings.get(0).contains("finds none of [high]"), warnings.toString());
    }

    @Test
    void aPostProcessingStepOnLabelsOfAPartThatDidNotRunIsLeftOut() throws Exception {
        // body on 'low' keeps only the largest 'low' component: run on a map without any 'low' it would clear it
        SegmentationModel m = twoParts("postprocess:\n  - {op: body, labels: [low], fill: low}\n");
        Volume ct = image();
        SegmentationResult high = Segmenter.onnxRuntime().segment(ct, m, SegmentOptions.cpu(1).withRoiSubset(
                List.of("high")), w -> { }, () -> { });
        assertEquals(27 + 8, count(high.labels().labels(), 5), "A and B");
        assertEquals(List.of(), Segmenter.stepsOnLabelsOf(m.descriptor(), List.of(m.descriptor().parts().get(1))));
        assertEquals(1, Segmenter.stepsOnLabelsOf(m.descriptor(), List.of(m.descriptor().parts().get(0))).size());
    }

    @Test
    void theCropBoxIsWidenedByTheMarginAndClampedToTheImage() {
        Grid g = Grid.axisAligned(8, 6, 10, new double[] {0, 0, 0}, new double[] {1, 1, 1});
        short[] l = new short[8 * 6 * 10];
        l[g.index(0, 0, 0)] = 1;
        l[g.index(3, 1, 9)] = 1;
        l[g.index(7, 5, 5)] = 2; // not requested
        rt.api.image.LabelMap map = new rt.api.image.LabelMap(g, l, Map.of(1, "a", 2, "b"));
        assertArrayEquals(new int[] {0, 0, 0, 6, 2, 10}, RoiSubset.box(map, List.of("a"), new int[] {2, 0, 1}));
        assertArrayEquals(new int[] {5, 3, 4, 8, 6, 7}, RoiSubset.box(map, List.of("b"), new int[] {2, 2, 1}));
        assertEquals(null, RoiSubset.box(map, List.of("c"), new int[] {1, 1, 1}));
        Volume v = new Volume(g, new float[8 * 6 * 10], Quantity.HU);
        for (int n = 0; n < v.voxels().length; n++) {
            v.voxels()[n] = n;
        }
        int[] box = {5, 3, 4, 8, 6, 7};
        Volume c = RoiSubset.crop(v, box);
        assertEquals(g.index(5, 3, 4), (int) c.voxels()[0]);
        assertArrayEquals(g.indexToWorld(5, 3, 4), c.grid().origin(), 1e-9);
        short[] labels = new short[c.voxels().length];
        java.util.Arrays.fill(labels, (short) 7);
        short[] whole = RoiSubset.paste(g, labels, box);
        assertEquals(7, whole[g.index(7, 5, 6)]);
        assertEquals(0, whole[g.index(4, 5, 6)]);
        assertEquals(27, count(whole, 7));
    }

    @Test
    void anUnknownRoiIsOneLineNamingTheModel() throws Exception {
        SegmentationModel m = twoParts("");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Segmenter.onnxRuntime()
                .segment(image(), m, SegmentOptions.cpu(1).withRoiSubset(List.of("high", "liverr")), w -> { },
                        () -> { }));
        assertEquals("roi_subset: model two has no ROI named [liverr] (rt:models lists models; their model.yaml "
                + "lists the labels)", e.getMessage());
        IOException bad = assertThrows(IOException.class, () -> ModelYaml.parse("m.yaml", "name: x\n" + COMMON
                + "labels: {1: a}\nfolds: [a.onnx]\nroi_subset_crop: {margin: 3}\n"));
        assertEquals("m.yaml: locator: is required", bad.getMessage());
    }

    /**
     * An imported {@code total} (five random-weight parts from the model-import test tooling): a roi_subset of two
     * classes of one part runs only that part, a fifth of the forward passes, keeps only those labels, and agrees
     * with the full model wherever the full model kept them (later parts may overwrite them there).
     */
    @Test
    void anImportedTotalRunsOnlyThePartOfTheRequestedRois() throws Exception {
        PythonTools.assumeModules("torch, numpy");
        Path parts = TotalSegPresetTest.smallParts();
        Path out = ModelImportTest.DIR.resolve("total-roi");
        NnUnetImport.deleteTree(out);
        ModelDescriptor d = ModelImportCommand.run(ModelImportCommand.Options.parse(List.of(parts.toString(),
                "--preset", "total", "--out", out.toString())), Path.of(""), s -> { });
        assertEquals("total_fast", d.roiSubsetCrop().locator(), "TotalSegmentator's rough model (--robust_crop)");
        assertArrayEquals(new int[] {20, 20, 20}, d.roiSubsetCrop().marginVoxels());
        SegmentationModel total = new SegmentationModel(d, ModelSource.folder(out), "folder");
        Volume ct = ModelImportTest.ctCrop();
        SegmentationResult full = Segmenter.onnxRuntime().segment(ct, total, SegmentOptions.cpu(2), w -> { },
                () -> { });
        // the first part whose classes the full model shows (random weights: which ones is seed-dependent, the
        // comparison must not be vacuous), up to two of them
        TreeSet<Integer> shown = new TreeSet<>();
        int part = -1;
        for (int p = 0; p < 5 && shown.isEmpty(); p++) {
            int first = TotalSegPresetTest.SLICES[p][0];
            int last = first + TotalSegPresetTest.SLICES[p][1] - 1;
            for (short l : full.labels().labels()) {
                if (l >= first && l <= last) {
                    shown.add((int) l);
                }
            }
            part = p;
        }
        assertFalse(shown.isEmpty(), "the full result shows no class");
        List<String> rois = List.of(d.labels().get(shown.first()), d.labels().get(shown.last()));
        List<String> warnings = new ArrayList<>();
        SegmentationResult sub = Segmenter.onnxRuntime().segment(ct, total, SegmentOptions.cpu(2).withRoiSubset(
                rois), warnings::add, () -> { });
        assertEquals(List.of(d.parts().get(part).name()), sub.partsRun());
        assertEquals(full.tiles() / 5, sub.tiles());
        assertEquals(Set.copyOf(rois), Set.copyOf(sub.labels().names().values()));
        System.out.println("[roi_subset] " + rois + ": parts " + sub.partsRun() + ", " + sub.tiles() + " of "
                + full.tiles() + " forward passes");
        assertTrue(warnings.get(0).contains("crop model total_fast is not installed"), warnings.toString());
        short[] f = full.labels().labels();
        short[] s = sub.labels().labels();
        for (int n = 0; n < s.length; n++) {
            assertTrue(s[n] == 0 || s[n] == shown.first() || s[n] == shown.last(), "label " + s[n]);
            if (f[n] == shown.first() || f[n] == shown.last()) {
                assertEquals(f[n], s[n], "voxel " + n);
            }
        }
        assertFalse(count(s, shown.first()) == 0);
    }

    static int count(short[] labels, int value) {
        int n = 0;
        for (short l : labels) {
            n += l == value ? 1 : 0;
        }
        return n;
    }
}
