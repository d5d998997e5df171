package rt.imaging;

import rt.api.image.Mask;
import rt.imaging.internal.LabelAlgs;

/**
 * Hole filling with {@code scipy.ndimage.binary_fill_holes} semantics: a background voxel becomes inside unless it
 * is connected to the border of the grid through background. Background connectivity is face connectivity
 * (6 in 3D, 4 in 2D), scipy's default structure.
 */
public final class Holes {

    private Holes() {
    }

    /** 3D hole filling over the whole grid. */
    public static Mask fill(Mask m) {
        return new Mask(m.grid(), LabelAlgs.fillHoles(m.inside(), Resample.dims(m.grid()), false));
    }

    /** Hole filling of each k slice on its own (2D). */
    public static Mask fillPerSlice(Mask m) {
        return new Mask(m.grid(), LabelAlgs.fillHoles(m.inside(), Resample.dims(m.grid()), true));
    }
}
