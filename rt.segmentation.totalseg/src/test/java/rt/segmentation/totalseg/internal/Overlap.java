package rt.segmentation.totalseg.internal;

import rt.api.image.Grid;
import rt.api.image.LabelMap;
import rt.api.image.Volume;
import rt.imaging.Resample;
import rt.segmentation.engine.ModelSource;
import rt.segmentation.engine.SegmentOptions;
import rt.segmentation.engine.SegmentationModel;
import rt.segmentation.engine.SegmentationResult;

/** Comparing the rule model's labels with TotalSegmentator v2 {@code total} segmentations (test helper). */
final class Overlap {

    /** Voxels in both, in ours only, in the reference only. */
    static final class Counts {
        long both;
        long oursOnly;
        long refOnly;

        void add(boolean ours, boolean ref) {
            if (ours && ref) {
                both++;
            } else if (ours) {
                oursOnly++;
            } else if (ref) {
                refOnly++;
            }
        }

        double dice() {
            return 2.0 * both / (2.0 * both + oursOnly + refOnly);
        }

        /** Fraction of the reference that ours covers. */
        double covered() {
            return (double) both / (both + refOnly);
        }

        long ours() {
            return both + oursOnly;
        }

        long reference() {
            return both + refOnly;
        }
    }

    private Overlap() {
    }

    /** TotalSegmentator v2 {@code total}: lung lobes 10-14. */
    static boolean isLung(int l) {
        return l >= 10 && l <= 14;
    }

    /** Bones: sacrum+vertebrae 25-50, limbs/girdle 69-78, skull/ribs/sternum/cartilage 91-117. */
    static boolean isBone(int l) {
        return (l >= 25 && l <= 50) || (l >= 69 && l <= 78) || (l >= 91 && l <= 117);
    }

    /** The rule model (rt.model.rules) on a CT, 2 threads. */
    static SegmentationResult rules(Volume ct) throws Exception {
        ModelSource src = ModelSource.folder(RuleModelDiceTest.rulesModel());
        SegmentationModel model = new SegmentationModel(ModelYaml.load(src), src, "folder");
        return Segmenter.onnxRuntime().segment(ct, model, SegmentOptions.cpu(2),
                w -> System.out.println("[warn] " + w), () -> { });
    }

    /**
     * First CT slice of a reference that covers fewer slices than the CT but repeats the CT's origin in its header
     * (TotalSegmentator's example_seg was made from a 30-slice crop, SEGMENTATION.md section 5): found by content,
     * where the reference's lung voxels are darkest in the CT; -1 when they find no lung (mean above -600 HU).
     */
    static int sliceOffset(Volume ct, LabelMap ref) {
        int plane = ct.grid().nx() * ct.grid().ny();
        int offset = -1;
        double bestHu = -600;
        for (int o = 0; o + ref.grid().nz() <= ct.grid().nz(); o++) {
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
        return offset;
    }

    /** The reference's labels at the centres of {@code target}'s voxels (nearest neighbour in patient space). */
    static short[] onGrid(LabelMap ref, Grid target) {
        return Resample.labels(ref, target).labels();
    }
}
