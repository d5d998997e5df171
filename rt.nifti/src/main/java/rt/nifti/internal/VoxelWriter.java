package rt.nifti.internal;

import java.nio.ByteBuffer;
import rt.nifti.NiftiType;

/** Stores one float as a given type (integers rounded half up and clamped to the type's range). */
final class VoxelWriter {

    private VoxelWriter() {
    }

    static void put(ByteBuffer b, NiftiType type, float v) {
        switch (type) {
            case UINT8 -> b.put((byte) clamp(v, 0, 255));
            case INT8 -> b.put((byte) clamp(v, -128, 127));
            case INT16 -> b.putShort((short) clamp(v, Short.MIN_VALUE, Short.MAX_VALUE));
            case UINT16 -> b.putShort((short) clamp(v, 0, 65535));
            case INT32 -> b.putInt((int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, Math.floor(v + 0.5))));
            case FLOAT32 -> b.putFloat(v);
            case FLOAT64 -> b.putDouble(v);
            default -> throw new IllegalStateException(type.name());
        }
    }

    private static int clamp(float v, int lo, int hi) {
        if (Float.isNaN(v)) {
            return 0;
        }
        long r = (long) Math.floor(v + 0.5);
        return (int) Math.max(lo, Math.min(hi, r));
    }
}
