package rt.segmentation.totalseg.internal;

import java.nio.FloatBuffer;

/**
 * One network (one fold) bound to fixed input and output buffers of one patch: the caller writes a tile into
 * {@link #input()}, calls {@link #run()}, and reads {@link #output()} (channels × patch, channel slowest).
 */
public interface TileNetwork extends AutoCloseable {

    /** Direct, native-order buffer of patch voxels (d0, d1, d2; d2 fastest). */
    FloatBuffer input();

    /** Direct, native-order buffer of channels × patch voxels. */
    FloatBuffer output();

    int channels();

    void run() throws Exception;

    @Override
    void close();
}
