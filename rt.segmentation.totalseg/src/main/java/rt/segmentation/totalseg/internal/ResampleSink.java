package rt.segmentation.totalseg.internal;

/**
 * nnU-Net's export when the network grid differs from the image grid (export_prediction.py L14-71): averaged
 * logits are resized to the target shape (per axis: order 1 = linear, 0 = nearest for the separate low-resolution
 * axis) and reduced by argmax. Streams along axis 0: each finished source slice is normalised and resized in-plane,
 * and every target slice whose source slices have arrived is interpolated along axis 0 and written. Keeps two
 * source planes per channel.
 */
public final class ResampleSink implements SliceSink {

    private final int[] padded;
    private final int[] padLow;
    private final int[] src;
    private final int[] target;
    private final int[] orders;
    private final int channels;
    private final short[] labels;
    private final float[][] previous;
    private final float[][] current;
    private int currentIndex = -1;
    private int nextTarget;
    private final float[] best;
    private final short[] index;
    private final float[] blend;

    /**
     * @param src    unpadded network dims
     * @param target dims to resize to; {@code labels} has their product (modified: written)
     * @param orders interpolation order per axis (0 or 1)
     */
    public ResampleSink(int[] padded, int[] padLow, int[] src, int[] target, int[] orders, int channels,
            short[] labels) {
        this.padded = padded.clone();
        this.padLow = padLow.clone();
        this.src = src.clone();
        this.target = target.clone();
        this.orders = orders.clone();
        this.channels = channels;
        this.labels = labels;
        this.previous = new float[channels][];
        this.current = new float[channels][];
        int tplane = target[1] * target[2];
        this.best = new float[tplane];
        this.index = new short[tplane];
        this.blend = new float[tplane];
    }

    @Override
    public void slice(int z, float[][] acc, int offset, int runsPerTile) {
        int sz = z - padLow[0];
        if (sz < 0 || sz >= src[0]) {
            return;
        }
        int splane = src[1] * src[2];
        float[] w = acc[channels];
        float[] plane = new float[splane];
        for (int c = 0; c < channels; c++) {
            float[] a = acc[c];
            for (int y = 0; y < src[1]; y++) {
                int s = offset + (y + padLow[1]) * padded[2] + padLow[2];
                int d = y * src[2];
                for (int x = 0; x < src[2]; x++) {
                    plane[d + x] = a[s + x] / (w[s + x] * runsPerTile);
                }
            }
            float[] r = plane;
            int[] pd = {1, src[1], src[2]};
            if (src[1] != target[1]) {
                r = Resize.axis(r, pd, 1, target[1], orders[1]);
                pd[1] = target[1];
            }
            if (src[2] != target[2]) {
                r = Resize.axis(r, pd, 2, target[2], orders[2]);
            }
            previous[c] = current[c];
            current[c] = r == plane ? plane.clone() : r;
        }
        currentIndex = sz;
        emitReady(false);
    }

    @Override
    public void finish() {
        emitReady(true);
    }

    private void emitReady(boolean last) {
        double scale = (double) src[0] / target[0];
        while (nextTarget < target[0]) {
            double c = (nextTarget + 0.5) * scale - 0.5;
            int lo;
            int hi;
            double t;
            if (orders[0] == 0) {
                lo = Math.min(Math.max((int) Math.floor(c + 0.5), 0), src[0] - 1);
                hi = lo;
                t = 0;
            } else {
                double cc = Math.min(Math.max(c, 0), src[0] - 1);
                lo = (int) Math.floor(cc);
                hi = Math.min(lo + 1, src[0] - 1);
                t = cc - lo;
            }
            if (hi > currentIndex) {
                if (last) {
                    throw new IllegalStateException("slice " + hi + " never arrived");
                }
                return;
            }
            writeTarget(nextTarget, lo, hi, t);
            nextTarget++;
        }
    }

    private void writeTarget(int k, int lo, int hi, double t) {
        int tplane = target[1] * target[2];
        for (int c = 0; c < channels; c++) {
            float[] a = planeOf(c, lo);
            float[] b = planeOf(c, hi);
            float[] v;
            if (lo == hi || t == 0) {
                v = a;
            } else {
                float ft = (float) t;
                for (int i = 0; i < tplane; i++) {
                    blend[i] = a[i] + ft * (b[i] - a[i]);
                }
                v = blend;
            }
            if (c == 0) {
                System.arraycopy(v, 0, best, 0, tplane);
                java.util.Arrays.fill(index, (short) 0);
            } else {
                short cs = (short) c;
                for (int i = 0; i < tplane; i++) {
                    if (v[i] > best[i]) {
                        best[i] = v[i];
                        index[i] = cs;
                    }
                }
            }
        }
        System.arraycopy(index, 0, labels, k * tplane, tplane);
    }

    private float[] planeOf(int c, int sourceIndex) {
        if (sourceIndex == currentIndex) {
            return current[c];
        }
        if (sourceIndex == currentIndex - 1 && previous[c] != null) {
            return previous[c];
        }
        throw new IllegalStateException("source slice " + sourceIndex + " no longer held (at " + currentIndex + ")");
    }
}
