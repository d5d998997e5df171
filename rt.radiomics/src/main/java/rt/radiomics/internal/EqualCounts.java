package rt.radiomics.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * GLDM's count of equal neighbours eight voxels at a time: the padded level indices + 1 as bytes, eight neighbours read
 * as one long, and the bytes that are equal found with exact bit arithmetic (no carries between bytes), so one compare
 * serves eight voxels. Each byte of the running count stays exact while the offsets are at most 255. Applies when the
 * levels present fit a byte (at most 255; 0 = outside, never equal to a region voxel's).
 */
final class EqualCounts {

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class,
            ByteOrder.LITTLE_ENDIAN);
    private static final long LOW7 = 0x7F7F7F7F7F7F7F7FL;
    private static final long HIGH = 0x8080808080808080L;
    private static final long LOW1 = 0x0101010101010101L;

    /** Padded level indices + 1 as bytes, with 8 spare bytes at the end for the last word of a row. */
    private final byte[] levels;
    private final int[] deltas;
    /** Whether at most 127 levels are present, so that no byte of the padded levels has its high bit set. */
    private final boolean sevenBits;

    private EqualCounts(byte[] levels, int[] deltas, boolean sevenBits) {
        this.levels = levels;
        this.deltas = deltas;
        this.sevenBits = sevenBits;
    }

    /**
     * On the level indices + 1 of {@link Neighbours#levelBytes} (equal exactly where the levels are); null when the
     * levels present or the offsets do not fit a byte lane.
     */
    static EqualCounts of(Gray gray, Neighbours nb, int[] deltas) {
        int levels = gray.levels().length;
        byte[] b = nb.levelBytes(gray.lut(), levels);
        if (b == null || deltas.length > 255) {
            return null;
        }
        return new EqualCounts(b, deltas, levels <= 127);
    }

    /**
     * dep[k] = the number of offsets at which voxel start + k has a neighbour of its own level, for k in [0, len)
     * (dep needs len + 7 entries: the last word fills whole).
     */
    void count(int[] dep, int start, int len) {
        byte[] b = levels;
        int offsets = deltas.length;
        for (int k = 0; k < len; k += Long.BYTES) {
            int i = start + k;
            long c = (long) LONGS.get(b, i);
            // counts the offsets whose byte differs (one operation fewer per offset than counting equal ones)
            long differ = sevenBits ? differingSevenBits(b, c, i) : differing(b, c, i);
            for (int j = 0; j < Long.BYTES; j++) {
                dep[k + j] = offsets - ((int) (differ >>> (8 * j)) & 0xFF);
            }
        }
    }

    /** Per byte of the word c at i, how many offsets lead to a different byte (each count in its own byte). */
    private long differing(byte[] b, long c, int i) {
        long differ = 0;
        for (int d : deltas) {
            long x = c ^ (long) LONGS.get(b, i + d);
            // high bit of each byte set where that byte of x is non-zero (the 7 low bits cannot carry out)
            differ += ((((x & LOW7) + LOW7) | x) & HIGH) >>> 7;
        }
        return differ;
    }

    /**
     * {@link #differing} when at most 127 levels are present: every byte of x = a ^ b is then below 128, so
     * x + 0x7F… sets a byte's high bit exactly when that byte is non-zero and never carries into the next byte (two
     * operations fewer per offset; the counts are the same).
     */
    private long differingSevenBits(byte[] b, long c, int i) {
        long differ = 0;
        for (int d : deltas) {
            long x = c ^ (long) LONGS.get(b, i + d);
            differ += ((x + LOW7) >>> 7) & LOW1;
        }
        return differ;
    }
}
