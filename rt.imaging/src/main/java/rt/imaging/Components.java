package rt.imaging;

import rt.api.image.Grid;
import rt.api.image.Mask;

/**
 * Connected components of a mask.
 *
 * @param grid   the mask's grid
 * @param labels flat, x fastest: 0 = background, 1..count = component, numbered in order of decreasing size
 *               (ties: by first voxel in flat order)
 * @param count  number of components
 * @param sizes  voxel count per component: {@code sizes[c - 1]} for label c (so sizes are non-increasing)
 */
public record Components(Grid grid, int[] labels, int count, int[] sizes) {

    /** The mask of component {@code label} (1-based) on the same grid. */
    public Mask component(int label) {
        if (label < 1 || label > count) {
            throw new IllegalArgumentException("no component " + label + " (have " + count + ")");
        }
        boolean[] inside = new boolean[labels.length];
        for (int n = 0; n < labels.length; n++) {
            inside[n] = labels[n] == label;
        }
        return new Mask(grid, inside);
    }
}
