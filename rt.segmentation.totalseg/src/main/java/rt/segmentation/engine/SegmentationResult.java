package rt.segmentation.engine;

import java.util.Map;
import rt.api.image.LabelMap;

/**
 * The labels a model produced on the input's own grid, with what it cost.
 *
 * @param labels  label map on the input volume's grid; names from the model's label map
 * @param device  the execution provider actually used ({@code cpu} or {@code cuda})
 * @param timings seconds per phase ({@code preprocess}, {@code ort}, {@code accumulate}, {@code export}, …)
 * @param tiles   network forward passes run (tiles × mirrorings × folds × parts)
 * @param partsRun names of the model's parts that ran, in order (a {@code roi_subset} runs only the parts holding a
 *                requested ROI; a locator model's parts are listed as {@code locator/part})
 */
public record SegmentationResult(LabelMap labels, String device, Map<String, Double> timings, long tiles,
        java.util.List<String> partsRun) {

    public SegmentationResult {
        timings = Map.copyOf(timings);
        partsRun = java.util.List.copyOf(partsRun);
    }

    /** A result without the parts' names (the 1.1 signature). */
    public SegmentationResult(LabelMap labels, String device, Map<String, Double> timings, long tiles) {
        this(labels, device, timings, tiles, java.util.List.of());
    }
}
