package rt.segmentation.totalseg.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;
import rt.segmentation.engine.ModelDescriptor;

/**
 * TotalSegmentator's tasks as one model each ({@code rt:model-import --preset NAME}), from its nnU-Net trained-model
 * folders or zips (as under {@code ~/.totalsegmentator/nnunet/results/}): the parts run in order and later parts
 * overwrite earlier ones, labels mapped into TotalSegmentator's class map (totalsegmentator/map_to_binary.py), step
 * size as nnunet.py chooses it (0.8 for {@code total} below 3 mm, else 0.5), no test-time mirroring (tta off), and the
 * engine's automatic three-way split of large volumes for multi-part models (force_split: auto). Facts from
 * TotalSegmentator v2 (map_tasks_config.py, map_to_binary.py, nnunet.py).
 */
final class TotalSegPresets {

    /** {@code class_map["total"]} of TotalSegmentator v2: label value i + 1 is TOTAL.get(i). */
    static final List<String> TOTAL = List.of("spleen", "kidney_right", "kidney_left", "gallbladder", "liver",
            "stomach", "pancreas", "adrenal_gland_right", "adrenal_gland_left", "lung_upper_lobe_left",
            "lung_lower_lobe_left", "lung_upper_lobe_right", "lung_middle_lobe_right", "lung_lower_lobe_right",
            "esophagus", "trachea", "thyroid_gland", "small_bowel", "duodenum", "colon", "urinary_bladder", "prostate",
            "kidney_cyst_left", "kidney_cyst_right", "sacrum", "vertebrae_S1", "vertebrae_L5", "vertebrae_L4",
            "vertebrae_L3", "vertebrae_L2", "vertebrae_L1", "vertebrae_T12", "vertebrae_T11", "vertebrae_T10",
            "vertebrae_T9", "vertebrae_T8", "vertebrae_T7", "vertebrae_T6", "vertebrae_T5", "vertebrae_T4",
            "vertebrae_T3", "vertebrae_T2", "vertebrae_T1", "vertebrae_C7", "vertebrae_C6", "vertebrae_C5",
            "vertebrae_C4", "vertebrae_C3", "vertebrae_C2", "vertebrae_C1", "heart", "aorta", "pulmonary_vein",
            "brachiocephalic_trunk", "subclavian_artery_right", "subclavian_artery_left",
            "common_carotid_artery_right", "common_carotid_artery_left", "brachiocephalic_vein_left",
            "brachiocephalic_vein_right", "atrial_appendage_left", "superior_vena_cava", "inferior_vena_cava",
            "portal_vein_and_splenic_vein", "iliac_artery_left", "iliac_artery_right", "iliac_vena_left",
            "iliac_vena_right", "humerus_left", "humerus_right", "scapula_left", "scapula_right", "clavicula_left",
            "clavicula_right", "femur_left", "femur_right", "hip_left", "hip_right", "spinal_cord",
            "gluteus_maximus_left", "gluteus_maximus_right", "gluteus_medius_left", "gluteus_medius_right",
            "gluteus_minimus_left", "gluteus_minimus_right", "autochthon_left", "autochthon_right", "iliopsoas_left",
            "iliopsoas_right", "brain", "skull", "rib_left_1", "rib_left_2", "rib_left_3", "rib_left_4", "rib_left_5",
            "rib_left_6", "rib_left_7", "rib_left_8", "rib_left_9", "rib_left_10", "rib_left_11", "rib_left_12",
            "rib_right_1", "rib_right_2", "rib_right_3", "rib_right_4", "rib_right_5", "rib_right_6", "rib_right_7",
            "rib_right_8", "rib_right_9", "rib_right_10", "rib_right_11", "rib_right_12", "sternum",
            "costal_cartilages");

    /**
     * A TotalSegmentator task.
     *
     * @param tasks     nnU-Net dataset ids, in merge order
     * @param parts     part names
     * @param classes   per part: the slice of {@link #TOTAL} its channels 1..n map to, as {first, count}; {@code null}
     *                  = the part's own dataset.json names, numbered on across parts
     */
    record Preset(String name, String description, int[] tasks, List<String> parts, int[][] classes, double step,
            int rank) {
    }

    static final Map<String, Preset> PRESETS = new LinkedHashMap<>();

    /** TotalSegmentator's crop_addon for a roi_subset crop, voxels. */
    static final int ROI_SUBSET_MARGIN = 20;

    static {
        add(new Preset("total", "TotalSegmentator v2 total (117 classes, 5 parts, 1.5 mm)",
                new int[] {291, 292, 293, 294, 295}, List.of("organs", "vertebrae", "cardiac", "muscles", "ribs"),
                new int[][] {{1, 24}, {25, 26}, {51, 18}, {69, 23}, {92, 26}}, 0.8, 100));
        add(new Preset("total_fast", "TotalSegmentator v2 total --fast (117 classes, 3 mm)", new int[] {297},
                List.of("total"), new int[][] {{1, 117}}, 0.5, 90));
        add(new Preset("total_mr", "TotalSegmentator total_mr (2 parts, 1.5 mm; names from dataset.json)",
                new int[] {850, 851}, List.of("organs", "muscles"), null, 0.8, 80));
        add(new Preset("total_mr_fast", "TotalSegmentator total_mr --fast (3 mm; names from dataset.json)",
                new int[] {852}, List.of("total_mr"), null, 0.5, 70));
    }

    private static void add(Preset p) {
        PRESETS.put(p.name(), p);
    }

    private TotalSegPresets() {
    }

    static Preset preset(String name) {
        Preset p = PRESETS.get(name);
        if (p == null) {
            throw new IllegalArgumentException("unknown preset '" + name + "' (known: " + String.join(", ",
                    PRESETS.keySet()) + ")");
        }
        return p;
    }

    /**
     * Imports a preset from {@code source}: a folder holding the tasks' {@code DatasetNNN_*} folders or
     * {@code DatasetNNN_*.zip} files (searched 4 levels deep).
     */
    static ModelDescriptor importPreset(Preset preset, Path source, String name, Function<String, Path> outFor,
            Consumer<String> log) throws IOException {
        String modelName = name != null ? name : preset.name();
        Path out = outFor.apply(modelName);
        if (!Files.isDirectory(source)) {
            throw new IOException(source + ": not a folder (--preset needs the folder holding the Dataset"
                    + preset.tasks()[0] + "_* trained models or zips)");
        }
        return NnUnetImport.stageAndWrite(out, staging -> {
            List<Map<String, Object>> parts = new ArrayList<>();
            Map<Integer, String> labels = new LinkedHashMap<>();
            NnUnetPlans first = null;
            for (int i = 0; i < preset.tasks().length; i++) {
                int task = preset.tasks()[i];
                Path found = locate(source, task);
                NnUnetImport.Converted c = NnUnetImport.withSource(found, out, dir -> NnUnetImport.convert(
                        NnUnetImport.findModelDir(dir, found), staging, task + "/", log));
                NnUnetPlans p = c.plans();
                if (first == null) {
                    first = p;
                } else if (!Arrays.equals(p.spacing(), first.spacing()) || !Arrays.equals(p.patchSize(),
                        first.patchSize()) || !Arrays.equals(p.transposeForward(), first.transposeForward())) {
                    throw new IOException(found + ": spacing/patch/transpose " + Arrays.toString(p.spacing()) + " "
                            + Arrays.toString(p.patchSize()) + " differ from task " + preset.tasks()[0] + "'s "
                            + Arrays.toString(first.spacing()) + " " + Arrays.toString(first.patchSize())
                            + "; one model needs one geometry");
                }
                Map<Integer, Integer> labelMap = new LinkedHashMap<>();
                if (preset.classes() != null) {
                    int[] slice = preset.classes()[i];
                    if (p.labels().size() != slice[1]) {
                        throw new IOException(found + ": " + p.labels().size() + " labels, but TotalSegmentator's "
                                + preset.parts().get(i) + " part has " + slice[1]);
                    }
                    for (int ch = 1; ch <= slice[1]; ch++) {
                        int value = slice[0] + ch - 1;
                        labels.put(value, TOTAL.get(value - 1));
                        labelMap.put(ch, value);
                    }
                } else {
                    for (int ch = 1; ch <= p.labels().size(); ch++) {
                        String roi = p.labels().get(ch - 1);
                        if (labels.containsValue(roi)) {
                            throw new IOException(found + ": label '" + roi + "' already comes from an earlier part");
                        }
                        int value = labels.size() + 1;
                        labels.put(value, roi);
                        labelMap.put(ch, value);
                    }
                }
                Map<String, Object> part = new LinkedHashMap<>();
                part.put("name", preset.parts().get(i));
                part.put("folds", c.folds());
                part.put("channels", p.labels().size() + 1);
                part.put("label_map", labelMap);
                part.put("input_name", OnnxGraph.INPUT);
                part.put("output_name", OnnxGraph.OUTPUT);
                part.put("normalization", NnUnetImport.header("x", "", p).get("normalization"));
                parts.add(part);
            }
            Map<String, Object> y = NnUnetImport.header(modelName, preset.description() + " (rt model-import)",
                    first);
            y.put("rank", preset.rank());
            y.put("labels", labels);
            y.put("step_size", preset.step());
            y.put("mirror_axes", List.of()); // TotalSegmentator predicts with tta off
            y.put("force_split", "auto");
            if (preset.name().equals("total")) {
                // roi_subset: TotalSegmentator locates the ROIs with a rough whole-body model first (298 at 6 mm, or
                // 297 = total_fast with --robust_crop) and crops to them plus 20 voxels (python_api.py)
                y.put("roi_subset_crop", Map.of("locator", "total_fast", "margin", ROI_SUBSET_MARGIN));
            }
            y.put("parts", parts);
            return y;
        }, log);
    }

    /** The folder or zip of dataset {@code task} under {@code source}. */
    static Path locate(Path source, int task) throws IOException {
        String prefix = String.format(Locale.ROOT, "Dataset%03d_", task);
        List<Path> hits;
        try (Stream<Path> s = Files.walk(source, 4)) {
            hits = s.filter(p -> p.getFileName() != null && p.getFileName().toString().startsWith(prefix)
                    && (Files.isDirectory(p) || p.getFileName().toString().endsWith(".zip"))).sorted().toList();
        }
        // an extracted folder wins over its zip
        return hits.stream().filter(Files::isDirectory).findFirst().or(() -> hits.stream().findFirst())
                .orElseThrow(() -> new IOException(source + ": no " + prefix + "* folder or zip (TotalSegmentator "
                        + "task " + task + "; get it with totalseg_download_weights)"));
    }
}
