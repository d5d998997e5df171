package rt.radiomics.internal;

/**
 * Where one ROI's voxels lie in the working image and in the zero-padded level array of {@link Neighbours}: depends on
 * the mask and its bounding box only, so it is made once per ROI and serves each of its derived images (13 with the
 * CT parameters), which then go straight from the working image to their masked values and padded levels
 * ({@link DiscretisedImage}) without a cropped copy of the box.
 */
final class RegionLayout {

    /** Box size (the bounding box of the mask). */
    final int nx;
    final int ny;
    final int nz;
    final int pad;
    /** Padded strides and length. */
    final int sx;
    final int sxy;
    final int paddedLength;
    /** Per region voxel, in array order (z, y, x ascending): its index in the working image. */
    final int[] source;
    /** The same voxels' padded indices (ascending): {@link Neighbours#voxels}. */
    final int[] voxels;
    final int[] spanStart;
    final int[] spanEnd;

    /**
     * @param size working image size (x, y, z)
     * @param mask the working image's mask (Not modified)
     * @param bb   the mask's bounding box {x0, y0, z0, x1, y1, z1}, inclusive
     * @param pad  zero border of the padded level array
     */
    RegionLayout(int[] size, boolean[] mask, int[] bb, int pad) {
        int wx = size[0];
        int wy = size[1];
        nx = bb[3] - bb[0] + 1;
        ny = bb[4] - bb[1] + 1;
        nz = bb[5] - bb[2] + 1;
        this.pad = pad;
        sx = nx + 2 * pad;
        sxy = sx * (ny + 2 * pad);
        paddedLength = sxy * (nz + 2 * pad);
        int count = 0;
        for (int z = 0; z < nz; z++) {
            for (int y = 0; y < ny; y++) {
                int from = bb[0] + wx * ((y + bb[1]) + wy * (z + bb[2]));
                for (int x = 0; x < nx; x++) {
                    if (mask[from + x]) {
                        count++;
                    }
                }
            }
        }
        source = new int[count];
        voxels = new int[count];
        int n = 0;
        for (int z = 0; z < nz; z++) {
            for (int y = 0; y < ny; y++) {
                int from = bb[0] + wx * ((y + bb[1]) + wy * (z + bb[2]));
                int to = pad + sx * (y + pad) + sxy * (z + pad);
                for (int x = 0; x < nx; x++) {
                    if (mask[from + x]) {
                        source[n] = from + x;
                        voxels[n++] = to + x;
                    }
                }
            }
        }
        int[][] spans = Neighbours.spans(voxels, sx);
        spanStart = spans[0];
        spanEnd = spans[1];
    }
}
