package rt.imaging;

import rt.api.image.Grid;
import rt.api.image.Mask;

/**
 * Fractional occupancy of a region per voxel (0..1), e.g. from supersampled contour rasterisation.
 *
 * @param grid     the grid (usually a crop of the image grid around the region)
 * @param fraction flat, x fastest, values 0..1 (shared, not copied)
 */
public record Occupancy(Grid grid, float[] fraction) {

    public Occupancy {
        if (grid == null || fraction == null || fraction.length != grid.voxelCount()) {
            throw new IllegalArgumentException("occupancy array does not match the grid");
        }
    }

    /** Sum of fractions times the voxel volume, in cc. */
    public double volumeCc() {
        double sum = 0;
        for (float f : fraction) {
            sum += f;
        }
        return sum * grid.voxelVolumeMm3() / 1000.0;
    }

    /** Voxels whose fraction is ≥ {@code threshold} (e.g. 0.5). */
    public Mask toMask(double threshold) {
        boolean[] inside = new boolean[fraction.length];
        for (int n = 0; n < fraction.length; n++) {
            inside[n] = fraction[n] >= threshold;
        }
        return new Mask(grid, inside);
    }
}
