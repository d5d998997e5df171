package rt.segmentation.engine;

import java.util.List;
import java.util.Map;

/**
 * A model's {@code model.yaml}, parsed (see {@code docs/segmentation-models.md} for the file format). Geometry
 * follows nnU-Net's {@code plans.json}: {@link #spacing()} and {@link #patchSize()} are in network axis order, i.e.
 * after {@link #transposeForward()} applied to the image array in (z, y, x) order (x fastest). Arrays are not
 * copied: do not modify them.
 *
 * @param name             unique model name ({@code [a-z0-9_.-]+}); output folder {@code segmentation/<name>/}
 * @param description      one line for {@code rt:models}
 * @param modality         {@code CT} or {@code MR}
 * @param rank             preference when choosing the default model (higher wins)
 * @param spacing          target spacing, mm, network axis order
 * @param patchSize        sliding-window patch, voxels, network axis order
 * @param transposeForward nnU-Net's {@code transpose_forward} over the (z, y, x) array axes
 * @param normalization    intensity normalisation
 * @param labels           final label value to ROI name (0 = background, omitted)
 * @param parts            networks whose label maps are merged in order (later parts overwrite)
 * @param stepSize         sliding-window step as a fraction of the patch (nnU-Net 0.5, TotalSegmentator 0.8)
 * @param mirrorAxes       network axes for test-time mirroring; empty = no mirroring
 * @param forceSplit       {@code null} = automatic (TotalSegmentator's rule for large multi-part volumes)
 * @param postprocess      label clean-up steps run after inference, in order
 * @param roiSubsetCrop    how a {@code roi_subset} run crops the image first, or {@code null} (no crop, only the
 *                         parts holding a requested ROI run)
 * @param requires         what the course's CT must show for this model to run (decided from another model's
 *                         result), or {@code null} (always runs)
 */
public record ModelDescriptor(String name, String description, String modality, int rank, double[] spacing,
        int[] patchSize, int[] transposeForward, Normalization normalization, Map<Integer, String> labels,
        List<Part> parts, double stepSize, int[] mirrorAxes, Boolean forceSplit, List<PostStep> postprocess,
        RoiSubsetCrop roiSubsetCrop, Requirements requires) {

    public ModelDescriptor {
        labels = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(labels)); // label order is output order
        parts = List.copyOf(parts);
        postprocess = List.copyOf(postprocess);
    }

    /** A descriptor without roi_subset crop and without requirements (the 1.1 signature). */
    public ModelDescriptor(String name, String description, String modality, int rank, double[] spacing,
            int[] patchSize, int[] transposeForward, Normalization normalization, Map<Integer, String> labels,
            List<Part> parts, double stepSize, int[] mirrorAxes, Boolean forceSplit, List<PostStep> postprocess) {
        this(name, description, modality, rank, spacing, patchSize, transposeForward, normalization, labels, parts,
                stepSize, mirrorAxes, forceSplit, postprocess, null, null);
    }

    /**
     * TotalSegmentator's {@code roi_subset} crop: a fast {@code locator} model segments the whole image first, the
     * image is cropped to the union box of the requested ROIs in its result plus {@code marginVoxels} (x, y, z voxels
     * of the image; TotalSegmentator's crop_addon, 20 for roi_subset), and only that box is segmented.
     *
     * @param locator      name of an installed model whose labels include the requested ROIs' names
     * @param marginVoxels margin per image axis (x, y, z)
     */
    public record RoiSubsetCrop(String locator, int[] marginVoxels) {
    }

    /**
     * Body-region gating: the model runs for a course only when another model's result on the course CT (the
     * {@code total} segmentation) shows every listed region and at least one listed ROI (TotalSegmentator's
     * {@code crop} classes of a task: an empty crop means nothing to segment).
     *
     * @param regions body regions that must all be shown ({@code head}, {@code neck}, {@code thorax},
     *                {@code abdomen}, {@code pelvis}); empty = none required
     * @param rois    ROI names of which at least one must be present; empty = none required
     * @param minCc   the volume a structure needs to count as present
     * @param cropMargin {@code null}, or crop the CT to the union box of {@code rois} in that result widened by these
     *                voxels (x, y, z) before segmenting, as TotalSegmentator runs its extra tasks on the crop of
     *                their {@code crop} classes with {@code crop_addon}
     */
    public record Requirements(List<String> regions, List<String> rois, double minCc, int[] cropMargin) {

        public Requirements {
            regions = List.copyOf(regions);
            rois = List.copyOf(rois);
        }
    }

    /** Whether test-time mirroring is on. */
    public boolean mirroring() {
        return mirrorAxes.length > 0;
    }

    /** The label value of an ROI name, or -1. */
    public int labelOf(String roiName) {
        return labels.entrySet().stream().filter(e -> e.getValue().equals(roiName)).mapToInt(Map.Entry::getKey)
                .findFirst().orElse(-1);
    }

    /**
     * Intensity normalisation (nnU-Net {@code CTNormalization}: clip to [lower, upper] then (x − mean) / std;
     * {@code ZScoreNormalization}: per image (x − mean) / std over the non-zero crop; {@code NoNormalization}).
     */
    public record Normalization(String scheme, double mean, double std, double lower, double upper) {
    }

    /**
     * One network (one nnU-Net dataset/configuration) of a model.
     *
     * @param name        part name
     * @param folds       ONNX files, relative to the model folder; their logits are averaged
     * @param channels    number of output channels (classes incl. background)
     * @param labelMap    output channel to final label value; channels not listed are background
     * @param inputName   ONNX input name, or {@code null} for the first
     * @param outputName  ONNX output name, or {@code null} for the first
     * @param normalization this part's intensity normalisation, or {@code null} for the model's (the parts of
     *                    TotalSegmentator's {@code total} were planned on different datasets, so their CT
     *                    statistics differ)
     */
    public record Part(String name, List<String> folds, int channels, Map<Integer, Integer> labelMap,
            String inputName, String outputName, Normalization normalization) {

        public Part {
            folds = List.copyOf(folds);
            labelMap = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(labelMap));
        }

        /** A part with the model's normalisation. */
        public Part(String name, List<String> folds, int channels, Map<Integer, Integer> labelMap, String inputName,
                String outputName) {
            this(name, folds, channels, labelMap, inputName, outputName, null);
        }
    }

    /** This descriptor with {@code part}'s normalisation, if it has its own. */
    public ModelDescriptor forPart(Part part) {
        if (part.normalization() == null) {
            return this;
        }
        return new ModelDescriptor(name, description, modality, rank, spacing, patchSize, transposeForward,
                part.normalization(), labels, parts, stepSize, mirrorAxes, forceSplit, postprocess, roiSubsetCrop,
                requires);
    }

    /**
     * A post-processing step. Ops: {@code body} (largest connected component of {@code labels}, holes filled per
     * slice; everything outside becomes background, background inside becomes {@code fill}), {@code keep_largest}
     * ({@code label}: keep the {@code count} largest components that are at least {@code min_depth_mm} deep
     * somewhere and have at least {@code min_fraction} of the largest such one's size; the rest becomes
     * {@code replace_with}), {@code fill_holes} ({@code label}: fill holes per slice).
     *
     * @param op     the operation
     * @param params its parameters as written in {@code model.yaml}
     */
    public record PostStep(String op, Map<String, Object> params) {

        public PostStep {
            params = Map.copyOf(params);
        }
    }
}
