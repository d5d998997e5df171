package rt.api.image;

import java.util.Map;
import java.util.TreeMap;

/**
 * A multi-label segmentation on a {@link Grid}: 0 = background, other values index {@link #names()}.
 *
 * @param labels flat, x fastest (shared, not copied)
 * @param names  label value to ROI name
 */
public record LabelMap(Grid grid, short[] labels, Map<Integer, String> names) {

    public LabelMap {
        if (labels.length != grid.voxelCount()) {
            throw new IllegalArgumentException("label array does not match the grid");
        }
        names = java.util.Collections.unmodifiableMap(new TreeMap<>(names)); // sorted, stable order
    }

    /** The mask of one label, on the full grid. */
    public Mask mask(int label) {
        boolean[] inside = new boolean[labels.length];
        for (int n = 0; n < labels.length; n++) {
            inside[n] = labels[n] == label;
        }
        return new Mask(grid, inside);
    }
}
