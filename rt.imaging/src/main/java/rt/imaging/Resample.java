package rt.imaging;

import rt.api.image.Grid;
import rt.api.image.LabelMap;
import rt.api.image.Mask;
import rt.api.image.Volume;
import rt.imaging.internal.ResampleAlgs;

/**
 * Resampling onto another grid (any orientation: positions go through world coordinates). A target voxel centre
 * is <em>inside</em> the source when its continuous source index lies within the source voxels' extent,
 * {@code [-0.5, n - 0.5]} per axis; inside points are interpolated with indices clamped to {@code [0, n - 1]}
 * (constant extrapolation over the outer half voxel), outside points get the fill value.
 */
public final class Resample {

    private Resample() {
    }

    /** {@code src} resampled onto {@code target}; outside voxels get {@code fill}. */
    public static Volume volume(Volume src, Grid target, Interpolation interpolation, float fill) {
        float[] out = new float[Math.toIntExact(target.voxelCount())];
        ResampleAlgs.resample(src.voxels(), dims(src.grid()), Grids.indexToIndex(target, src.grid()), out,
                dims(target), interpolation == Interpolation.LINEAR, fill);
        return new Volume(target, out, src.quantity());
    }

    /**
     * {@code src} resampled onto a grid of the given spacing covering the same extent
     * ({@link Grids#withSpacing}); no fill values are needed.
     */
    public static Volume toSpacing(Volume src, double[] spacing, Interpolation interpolation) {
        return volume(src, Grids.withSpacing(src.grid(), spacing), interpolation, 0f);
    }

    /**
     * Nearest-neighbour resampling of a mask (outside = false). When {@code target} is on the mask's lattice
     * this is an exact copy ({@link Masks#embed}).
     */
    public static Mask mask(Mask src, Grid target) {
        if (Grids.offset(target, src.grid()) != null) {
            return Masks.embed(src, target);
        }
        boolean[] out = new boolean[Math.toIntExact(target.voxelCount())];
        ResampleAlgs.nearestMask(src.inside(), dims(src.grid()), Grids.indexToIndex(target, src.grid()), out,
                dims(target));
        return new Mask(target, out);
    }

    /**
     * Trilinear interpolation of the 0/1 mask onto {@code target}: a partial-volume fraction per voxel
     * (outside = 0).
     */
    public static Occupancy fraction(Mask src, Grid target) {
        boolean[] in = src.inside();
        float[] f = new float[in.length];
        for (int n = 0; n < in.length; n++) {
            f[n] = in[n] ? 1f : 0f;
        }
        float[] out = new float[Math.toIntExact(target.voxelCount())];
        ResampleAlgs.resample(f, dims(src.grid()), Grids.indexToIndex(target, src.grid()), out, dims(target), true,
                0f);
        return new Occupancy(target, out);
    }

    /** Nearest-neighbour resampling of a label map (outside = 0). */
    public static LabelMap labels(LabelMap src, Grid target) {
        short[] out = new short[Math.toIntExact(target.voxelCount())];
        ResampleAlgs.nearestLabels(src.labels(), dims(src.grid()), Grids.indexToIndex(target, src.grid()), out,
                dims(target));
        return new LabelMap(target, out, src.names());
    }

    static int[] dims(Grid g) {
        return new int[] {g.nx(), g.ny(), g.nz()};
    }
}
