package rt.imaging;

/** How values between voxel centres are computed when resampling. */
public enum Interpolation {
    /** Value of the nearest voxel centre (ties round up). */
    NEAREST,
    /** Trilinear interpolation of the 8 surrounding voxel centres. */
    LINEAR
}
