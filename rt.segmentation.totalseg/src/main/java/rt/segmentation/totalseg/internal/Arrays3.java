package rt.segmentation.totalseg.internal;

/** Flat 3-D array helpers; arrays are (d0, d1, d2) with d2 fastest. Inputs are never modified. */
public final class Arrays3 {

    private Arrays3() {
    }

    /** Index callback with the (i0, i1, i2) position. */
    public interface IndexConsumer {
        void accept(int flat, int[] idx);
    }

    public static void forEachIndex(int[] dims, IndexConsumer f) {
        int[] idx = new int[3];
        int n = 0;
        for (idx[0] = 0; idx[0] < dims[0]; idx[0]++) {
            for (idx[1] = 0; idx[1] < dims[1]; idx[1]++) {
                for (idx[2] = 0; idx[2] < dims[2]; idx[2]++) {
                    f.accept(n++, idx);
                }
            }
        }
    }

    private static boolean identity(int[] t) {
        return t[0] == 0 && t[1] == 1 && t[2] == 2;
    }

    /** out axis a = in axis t[a] (numpy {@code transpose(t)}); returns a copy even for the identity. */
    public static float[] transpose(float[] in, int[] dims, int[] t) {
        if (identity(t)) {
            return in.clone();
        }
        int[] od = {dims[t[0]], dims[t[1]], dims[t[2]]};
        int[] stride = {dims[1] * dims[2], dims[2], 1};
        int s0 = stride[t[0]];
        int s1 = stride[t[1]];
        int s2 = stride[t[2]];
        float[] out = new float[in.length];
        int n = 0;
        for (int a = 0; a < od[0]; a++) {
            for (int b = 0; b < od[1]; b++) {
                int base = a * s0 + b * s1;
                for (int c = 0; c < od[2]; c++) {
                    out[n++] = in[base + c * s2];
                }
            }
        }
        return out;
    }

    /** Inverse of {@link #transpose}: {@code in} has dims {@code tdims} = forward-transposed dims. */
    public static short[] transposeBack(short[] in, int[] tdims, int[] t) {
        if (identity(t)) {
            return in;
        }
        int[] dims = new int[3];
        for (int a = 0; a < 3; a++) {
            dims[t[a]] = tdims[a];
        }
        int[] stride = {dims[1] * dims[2], dims[2], 1};
        short[] out = new short[in.length];
        int n = 0;
        for (int a = 0; a < tdims[0]; a++) {
            for (int b = 0; b < tdims[1]; b++) {
                for (int c = 0; c < tdims[2]; c++) {
                    out[a * stride[t[0]] + b * stride[t[1]] + c * stride[t[2]]] = in[n++];
                }
            }
        }
        return out;
    }

    /** Bounding box {lo0, lo1, lo2, hi0, hi1, hi2} (hi exclusive) of non-zero values, or null if all zero. */
    public static int[] nonZeroBox(float[] data, int[] dims) {
        int[] box = {Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE, -1, -1, -1};
        int n = 0;
        for (int a = 0; a < dims[0]; a++) {
            for (int b = 0; b < dims[1]; b++) {
                int first = -1;
                int last = -1;
                for (int c = 0; c < dims[2]; c++) {
                    if (data[n++] != 0f) {
                        if (first < 0) {
                            first = c;
                        }
                        last = c;
                    }
                }
                if (first >= 0) {
                    box[0] = Math.min(box[0], a);
                    box[1] = Math.min(box[1], b);
                    box[2] = Math.min(box[2], first);
                    box[3] = Math.max(box[3], a);
                    box[4] = Math.max(box[4], b);
                    box[5] = Math.max(box[5], last);
                }
            }
        }
        if (box[3] < 0) {
            return null;
        }
        box[3]++;
        box[4]++;
        box[5]++;
        return box;
    }

    public static float[] crop(float[] in, int[] dims, int[] box) {
        int[] cd = {box[3] - box[0], box[4] - box[1], box[5] - box[2]};
        if (cd[0] == dims[0] && cd[1] == dims[1] && cd[2] == dims[2]) {
            return in;
        }
        float[] out = new float[cd[0] * cd[1] * cd[2]];
        int n = 0;
        for (int a = 0; a < cd[0]; a++) {
            for (int b = 0; b < cd[1]; b++) {
                System.arraycopy(in, ((a + box[0]) * dims[1] + b + box[1]) * dims[2] + box[2], out, n, cd[2]);
                n += cd[2];
            }
        }
        return out;
    }

    public static short[] uncrop(short[] in, int[] cdims, int[] dims, int[] box) {
        if (cdims[0] == dims[0] && cdims[1] == dims[1] && cdims[2] == dims[2]) {
            return in;
        }
        short[] out = new short[dims[0] * dims[1] * dims[2]];
        int n = 0;
        for (int a = 0; a < cdims[0]; a++) {
            for (int b = 0; b < cdims[1]; b++) {
                System.arraycopy(in, n, out, ((a + box[0]) * dims[1] + b + box[1]) * dims[2] + box[2], cdims[2]);
                n += cdims[2];
            }
        }
        return out;
    }

    /** Zero padding to {@code pdims} with {@code padLow} before each axis; returns {@code in} when no padding. */
    public static float[] pad(float[] in, int[] dims, int[] pdims, int[] padLow) {
        if (java.util.Arrays.equals(dims, pdims)) {
            return in;
        }
        float[] out = new float[pdims[0] * pdims[1] * pdims[2]];
        int n = 0;
        for (int a = 0; a < dims[0]; a++) {
            for (int b = 0; b < dims[1]; b++) {
                System.arraycopy(in, n, out, ((a + padLow[0]) * pdims[1] + b + padLow[1]) * pdims[2] + padLow[2],
                        dims[2]);
                n += dims[2];
            }
        }
        return out;
    }
}
