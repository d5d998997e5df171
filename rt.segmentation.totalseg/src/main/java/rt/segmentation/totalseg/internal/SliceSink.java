package rt.segmentation.totalseg.internal;

/**
 * Receives finished slices of the sliding-window accumulators, in increasing order along axis 0. A slice's values
 * are {@code acc[c][offset + y * d2 + x]} for channel c (padded coordinates); {@code acc[channels]} holds the summed
 * gaussian weights of one forward pass per tile, so the averaged logit is
 * {@code acc[c][i] / (acc[channels][i] * runsPerTile)}. The arrays are reused after the call returns.
 */
public interface SliceSink {

    void slice(int z, float[][] acc, int offset, int runsPerTile) throws Exception;

    /** Called once after the last slice. */
    default void finish() throws Exception {
    }
}
