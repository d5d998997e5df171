package rt.nifti.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import rt.nifti.NiftiType;

/** Converts stored voxels to scaled floats, streaming in chunks (no full-size byte copy). */
final class VoxelReader {

    private VoxelReader() {
    }

    static float[] read(Path file, InputStream in, NiftiType type, ByteOrder order, int count, double slope,
            double inter) throws IOException {
        float[] out = new float[count];
        int bytes = type.bytes();
        int chunk = Math.max(1, (1 << 20) / bytes);
        byte[] raw = new byte[chunk * bytes];
        ByteBuffer b = ByteBuffer.wrap(raw).order(order);
        boolean scale = slope != 1 || inter != 0;
        for (int from = 0; from < count; from += chunk) {
            int n = Math.min(chunk, count - from);
            NiftiCodec.readFully(in, raw, 0, n * bytes);
            switch (type) {
                case UINT8 -> {
                    for (int i = 0; i < n; i++) {
                        out[from + i] = raw[i] & 0xff;
                    }
                }
                case INT8 -> {
                    for (int i = 0; i < n; i++) {
                        out[from + i] = raw[i];
                    }
                }
                case INT16 -> {
                    for (int i = 0; i < n; i++) {
                        out[from + i] = b.getShort(2 * i);
                    }
                }
                case UINT16 -> {
                    for (int i = 0; i < n; i++) {
                        out[from + i] = b.getShort(2 * i) & 0xffff;
                    }
                }
                case INT32 -> {
                    for (int i = 0; i < n; i++) {
                        out[from + i] = b.getInt(4 * i);
                    }
                }
                case FLOAT32 -> {
                    for (int i = 0; i < n; i++) {
                        out[from + i] = b.getFloat(4 * i);
                    }
                }
                case FLOAT64 -> {
                    for (int i = 0; i < n; i++) {
                        out[from + i] = (float) b.getDouble(8 * i);
                    }
                }
                default -> throw new IllegalStateException(type.name());
            }
            if (scale) {
                for (int i = from; i < from + n; i++) {
                    out[i] = (float) (out[i] * slope + inter);
                }
            }
        }
        return out;
    }
}
