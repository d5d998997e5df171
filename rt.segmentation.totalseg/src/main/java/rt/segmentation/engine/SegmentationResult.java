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
 */
public record SegmentationResult(LabelMap labels, String device, Map<String, Double> timings, long tiles) {

    public SegmentationResult {
        timings = Map.copyOf(timings);
    }
}
