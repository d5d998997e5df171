package rt.api.image;

/**
 * A binary region on a {@link Grid}; often a crop of a larger image grid around the region's bounding box.
 *
 * @param inside flat, x fastest; length = grid voxel count (shared, not copied)
 */
public record Mask(Grid grid, boolean[] inside) {

    public Mask {
        if (grid == null || inside == null) {
            throw new IllegalArgumentException("grid and inside are required");
        }
        if (inside.length != grid.voxelCount()) {
            throw new IllegalArgumentException(
                    "mask has " + inside.length + " values, grid needs " + grid.voxelCount());
        }
    }

    public boolean get(int i, int j, int k) {
        return inside[grid.index(i, j, k)];
    }

    public int count() {
        int n = 0;
        for (boolean b : inside) {
            if (b) {
                n++;
            }
        }
        return n;
    }

    public double volumeCc() {
        return count() * grid.voxelVolumeMm3() / 1000.0;
    }
}
