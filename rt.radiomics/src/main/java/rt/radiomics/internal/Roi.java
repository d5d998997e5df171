package rt.radiomics.internal;

/**
 * An image region cropped to the bounding box of its mask, as the feature classes see it. Arrays are flat with x
 * fastest ({@code i = x + nx * (y + ny * z)}); sizes and offsets elsewhere in this package use pyradiomics' (z, y, x)
 * axis order, so {@code force2Ddimension = 0} means z.
 *
 * @param values  intensities (Not modified)
 * @param mask    region (Not modified)
 * @param spacing voxel size in mm as (x, y, z)
 */
public record Roi(int nx, int ny, int nz, float[] values, boolean[] mask, double[] spacing) {

    /** Size in (z, y, x) order. */
    public int[] sizeZyx() {
        return new int[] {nz, ny, nx};
    }

    /** Spacing in (z, y, x) order. */
    public double[] spacingZyx() {
        return new double[] {spacing[2], spacing[1], spacing[0]};
    }

    public int count() {
        int n = 0;
        for (boolean b : mask) {
            if (b) {
                n++;
            }
        }
        return n;
    }

    /** The intensities inside the mask, in array order. */
    public double[] maskedValues() {
        double[] out = new double[count()];
        int n = 0;
        for (int i = 0; i < mask.length; i++) {
            if (mask[i]) {
                out[n++] = values[i];
            }
        }
        return out;
    }
}
