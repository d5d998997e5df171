package rt.api.image;

/**
 * Scalar voxel data on a {@link Grid} (CT in HU, dose in Gy, …). The array is shared, not copied: treat it as owned
 * by whoever created the volume unless documented otherwise.
 *
 * @param voxels flat, x fastest; length = grid voxel count
 */
public record Volume(Grid grid, float[] voxels, Quantity quantity) {

    public Volume {
        if (grid == null || voxels == null) {
            throw new IllegalArgumentException("grid and voxels are required");
        }
        if (voxels.length != grid.voxelCount()) {
            throw new IllegalArgumentException(
                    "voxel array has " + voxels.length + " values, grid needs " + grid.voxelCount());
        }
        if (quantity == null) {
            quantity = Quantity.OTHER;
        }
    }

    public float get(int i, int j, int k) {
        return voxels[grid.index(i, j, k)];
    }
}
