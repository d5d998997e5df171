package rt.imaging;

import rt.api.image.Mask;
import rt.imaging.internal.EdtAlgs;

/**
 * Exact Euclidean distance transforms (Felzenszwalb–Huttenlocher separable lower-envelope algorithm) with
 * anisotropic spacing, between voxel centres, in mm.
 */
public final class DistanceMaps {

    private DistanceMaps() {
    }

    /**
     * Distance of every voxel centre of the mask's grid to the nearest inside voxel centre (0 inside); +∞ for
     * every voxel when the mask is empty.
     */
    public static float[] toInside(Mask m) {
        float[] d2 = EdtAlgs.squaredDistance(m.inside(), true, Resample.dims(m.grid()), m.grid().spacing());
        return sqrt(d2);
    }

    /**
     * Signed distance: for outside voxels the distance to the nearest inside voxel centre (positive), for inside
     * voxels minus the distance to the nearest outside voxel centre (negative). Only voxels of the mask's grid
     * count, so pad the mask ({@link Masks#cropToContent}) when the boundary of the grid matters.
     */
    public static float[] signed(Mask m) {
        int[] dims = Resample.dims(m.grid());
        float[] out = EdtAlgs.squaredDistance(m.inside(), true, dims, m.grid().spacing());
        float[] in = EdtAlgs.squaredDistance(m.inside(), false, dims, m.grid().spacing());
        float[] r = new float[out.length];
        boolean[] inside = m.inside();
        for (int n = 0; n < r.length; n++) {
            r[n] = inside[n] ? (float) -Math.sqrt(in[n]) : (float) Math.sqrt(out[n]);
        }
        return r;
    }

    private static float[] sqrt(float[] d2) {
        float[] r = new float[d2.length];
        for (int n = 0; n < r.length; n++) {
            r[n] = (float) Math.sqrt(d2[n]);
        }
        return r;
    }
}
