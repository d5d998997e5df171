package rt.radiomics;

import rt.api.image.Grid;

/**
 * An image for feature extraction.
 *
 * @param grid   geometry (LPS mm)
 * @param voxels intensities, x fastest (Not modified by the extractor)
 * @param type   the voxel type of the source file (matters after resampling)
 */
public record RadiomicsImage(Grid grid, float[] voxels, PixelType type) {

    public RadiomicsImage {
        if (grid == null || voxels == null) {
            throw new IllegalArgumentException("grid and voxels are required");
        }
        if (voxels.length != grid.voxelCount()) {
            throw new IllegalArgumentException(
                    "image has " + voxels.length + " voxels, grid needs " + grid.voxelCount());
        }
        if (type == null) {
            type = PixelType.FLOAT32;
        }
    }
}
