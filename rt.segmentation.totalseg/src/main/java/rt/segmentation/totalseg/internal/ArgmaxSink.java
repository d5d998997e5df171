package rt.segmentation.totalseg.internal;

/**
 * Argmax of finished slices straight into a label array (no resampling): the padding is dropped and each row is
 * reduced channel by channel (blocked, channel-outer), without dividing by the weights (a positive per-voxel
 * factor does not change the argmax). Ties keep the lower channel, as {@code numpy.argmax} does.
 */
public final class ArgmaxSink implements SliceSink {

    private final int[] padded;
    private final int[] padLow;
    private final int[] dims;
    private final short[] labels;
    private final int channels;
    private final float[] best;
    private final short[] index;

    /**
     * @param padded dims of the accumulators
     * @param padLow padding before each axis
     * @param dims   unpadded dims; {@code labels} has their product (modified: written)
     */
    public ArgmaxSink(int[] padded, int[] padLow, int[] dims, int channels, short[] labels) {
        this.padded = padded.clone();
        this.padLow = padLow.clone();
        this.dims = dims.clone();
        this.labels = labels;
        this.channels = channels;
        this.best = new float[dims[2]];
        this.index = new short[dims[2]];
    }

    @Override
    public void slice(int z, float[][] acc, int offset, int runsPerTile) {
        int oz = z - padLow[0];
        if (oz < 0 || oz >= dims[0]) {
            return;
        }
        int n2 = dims[2];
        for (int y = 0; y < dims[1]; y++) {
            int src = offset + (y + padLow[1]) * padded[2] + padLow[2];
            System.arraycopy(acc[0], src, best, 0, n2);
            java.util.Arrays.fill(index, (short) 0);
            for (int c = 1; c < channels; c++) {
                float[] a = acc[c];
                short cs = (short) c;
                for (int x = 0; x < n2; x++) {
                    float v = a[src + x];
                    if (v > best[x]) {
                        best[x] = v;
                        index[x] = cs;
                    }
                }
            }
            System.arraycopy(index, 0, labels, (oz * dims[1] + y) * n2, n2);
        }
    }
}
