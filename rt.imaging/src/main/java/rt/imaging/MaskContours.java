package rt.imaging;

import java.util.List;
import rt.api.image.Grid;
import rt.api.image.Mask;
import rt.imaging.internal.MarchingSquaresAlgs;

/**
 * Mask → closed planar contours per slice by marching squares on the voxel-centre lattice at level 0.5: edges
 * between an inside and an outside voxel centre are cut half-way, so straight boundaries lie on voxel faces and
 * convex corners are cut by a diagonal (a rasterised N×N square gives an octagon of area N² − 0.5 voxel faces).
 * Re-rasterising the contours with {@link Rasterizer} gives back exactly the same voxels. Diagonal-only
 * contacts (saddles) are separated: each contour bounds one 4-connected region of a slice. Holes come out as
 * separate contours ({@link SliceContour#hole()}); islands inside holes as separate outer contours. Collinear
 * points are dropped. Output is sorted by slice, then
 * in order of discovery (row-major scan of the slice).
 */
public final class MaskContours {

    private MaskContours() {
    }

    /** Contours of every slice of {@code mask} (k planes of its grid). */
    public static List<SliceContour> extract(Mask mask) {
        Grid g = mask.grid();
        boolean[] in = mask.inside();
        float[] f = new float[in.length];
        for (int n = 0; n < in.length; n++) {
            f[n] = in[n] ? 1f : 0f;
        }
        return MarchingSquaresAlgs.contours(g, f, 0.5f);
    }

    /**
     * Iso-contours at {@code level} of a scalar field on {@code grid} (e.g. an {@link Occupancy} at 0.5): edge
     * crossings are linearly interpolated; a value equal to the level counts as inside.
     */
    public static List<SliceContour> extract(Grid grid, float[] values, float level) {
        if (values.length != grid.voxelCount()) {
            throw new IllegalArgumentException("values do not match the grid");
        }
        return MarchingSquaresAlgs.contours(grid, values, level);
    }
}
