package rt.segmentation.totalseg.internal;

import java.util.List;
import java.util.concurrent.ExecutorService;
import rt.segmentation.engine.ModelDescriptor;
import rt.segmentation.engine.ModelDescriptor.Normalization;

/**
 * One nnU-Net case through one part (all its folds): preprocessing (transpose, crop to non-zero, normalisation,
 * resampling, padding), sliding window, export (logit resampling, argmax, uncrop, transpose back), following
 * default_preprocessor.py L44-117 and export_prediction.py L14-71. Arrays are (d0, d1, d2) with d2 fastest; the
 * image array is (z, y, x), i.e. the flat x-fastest layout of {@link rt.api.image.Volume}.
 */
public final class NnUnetCase {

    /** nnU-Net's ANISO_THRESHOLD (configuration.py). */
    static final double ANISO_THRESHOLD = 3.0;

    private NnUnetCase() {
    }

    /**
     * Predicts channel indices (0 = background) for the image.
     *
     * @param image   (z, y, x) values (not modified)
     * @param dims    image dims (z, y, x)
     * @param spacing image spacing (z, y, x), mm
     * @param folds   networks of one part, all with {@code channels} outputs and the model's patch
     * @return channel index per voxel, same layout as {@code image}
     */
    public static short[] predict(float[] image, int[] dims, double[] spacing, ModelDescriptor model,
            List<? extends TileNetwork> folds, double stepSize, int[] mirrorAxes, ExecutorService pool, int threads,
            Timings timings, Runnable checkCancelled) throws Exception {
        int[] t = model.transposeForward();
        long t0 = System.nanoTime();
        int[] tdims = {dims[t[0]], dims[t[1]], dims[t[2]]};
        double[] tspacing = {spacing[t[0]], spacing[t[1]], spacing[t[2]]};
        float[] data = Arrays3.transpose(image, dims, t);

        int[] bbox = Arrays3.nonZeroBox(data, tdims);
        if (bbox == null) {
            timings.add("preprocess", System.nanoTime() - t0);
            return new short[image.length];
        }
        int[] cdims = {bbox[3] - bbox[0], bbox[4] - bbox[1], bbox[5] - bbox[2]};
        float[] crop = Arrays3.crop(data, tdims, bbox);
        data = null;
        normalize(crop, model.normalization());

        double[] target = model.spacing();
        int[] rdims = new int[3];
        for (int a = 0; a < 3; a++) {
            rdims[a] = (int) Math.rint(tspacing[a] / target[a] * cdims[a]);
            rdims[a] = Math.max(1, rdims[a]);
        }
        boolean resample = !java.util.Arrays.equals(rdims, cdims);
        int lowres = separateZAxis(tspacing, target);
        float[] net = crop;
        if (resample) {
            net = resampleData(crop, cdims, rdims, lowres);
        }
        crop = null;

        int[] patch = model.patchSize();
        int[] padLow = new int[3];
        int[] pdims = new int[3];
        for (int a = 0; a < 3; a++) {
            int diff = Math.max(0, patch[a] - rdims[a]);
            padLow[a] = diff / 2;
            pdims[a] = rdims[a] + diff;
        }
        float[] padded = Arrays3.pad(net, rdims, pdims, padLow);
        net = null;
        timings.add("preprocess", System.nanoTime() - t0);

        int channels = folds.get(0).channels();
        short[] cropLabels = new short[cdims[0] * cdims[1] * cdims[2]];
        SliceSink sink;
        if (resample) {
            int[] orders = new int[3];
            for (int a = 0; a < 3; a++) {
                orders[a] = a == lowres ? 0 : 1;
            }
            sink = new ResampleSink(pdims, padLow, rdims, cdims, orders, channels, cropLabels);
        } else {
            sink = new ArgmaxSink(pdims, padLow, rdims, channels, cropLabels);
        }
        SlidingWindow window = new SlidingWindow(pdims, padLow[0], padLow[0] + rdims[0], patch, stepSize,
                mirrorAxes, pool, threads, timings);
        window.run(padded, folds, sink, checkCancelled);
        padded = null;

        long t1 = System.nanoTime();
        short[] full = Arrays3.uncrop(cropLabels, cdims, tdims, bbox);
        short[] back = Arrays3.transposeBack(full, tdims, t);
        timings.add("export", System.nanoTime() - t1);
        return back;
    }

    /** CTNormalization: clip then (x − mean) / max(std, 1e-8); ZScore: per image. Modified: data. */
    static void normalize(float[] data, Normalization n) {
        switch (n.scheme()) {
            case "CTNormalization" -> {
                float lo = (float) n.lower();
                float hi = (float) n.upper();
                float mean = (float) n.mean();
                float std = (float) Math.max(n.std(), 1e-8);
                for (int i = 0; i < data.length; i++) {
                    float v = Math.min(hi, Math.max(lo, data[i]));
                    data[i] = (v - mean) / std;
                }
            }
            case "ZScoreNormalization" -> {
                double sum = 0;
                for (float v : data) {
                    sum += v;
                }
                double mean = sum / data.length;
                double ss = 0;
                for (float v : data) {
                    ss += (v - mean) * (v - mean);
                }
                double std = Math.max(Math.sqrt(ss / data.length), 1e-8);
                for (int i = 0; i < data.length; i++) {
                    data[i] = (float) ((data[i] - mean) / std);
                }
            }
            default -> {
            }
        }
    }

    /**
     * The axis resampled separately (order 0) when spacing is anisotropic (max/min > 3) in the current or the target
     * spacing and exactly one axis has the largest spacing; -1 otherwise (default_resampling.py L33-66).
     */
    static int separateZAxis(double[] current, double[] target) {
        double[] s = anisotropic(current) ? current : anisotropic(target) ? target : null;
        if (s == null) {
            return -1;
        }
        double max = Math.max(s[0], Math.max(s[1], s[2]));
        int axis = -1;
        for (int a = 0; a < 3; a++) {
            if (max / s[a] == 1) {
                if (axis >= 0) {
                    return -1;
                }
                axis = a;
            }
        }
        return axis;
    }

    private static boolean anisotropic(double[] s) {
        double max = Math.max(s[0], Math.max(s[1], s[2]));
        double min = Math.min(s[0], Math.min(s[1], s[2]));
        return max / min > ANISO_THRESHOLD;
    }

    /**
     * Data resampling: cubic B-spline (order 3) on all axes, clipped to the input range; with a separate
     * low-resolution axis the other two are cubic (clipped per slice) and that axis nearest-neighbour.
     */
    static float[] resampleData(float[] in, int[] dims, int[] newDims, int lowres) {
        float min = Float.POSITIVE_INFINITY;
        float max = Float.NEGATIVE_INFINITY;
        for (float v : in) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        float[] cur = in;
        int[] cd = dims.clone();
        if (lowres < 0) {
            for (int a = 0; a < 3; a++) {
                if (cd[a] != newDims[a]) {
                    cur = Resize.axis(cur, cd, a, newDims[a], 3);
                    cd[a] = newDims[a];
                }
            }
            Resize.clip(cur, min, max);
            return cur;
        }
        // in-plane (the two other axes) cubic, clipped per slice to that slice's range, then the low-res axis
        float[] sliceMin = new float[dims[lowres]];
        float[] sliceMax = new float[dims[lowres]];
        java.util.Arrays.fill(sliceMin, Float.POSITIVE_INFINITY);
        java.util.Arrays.fill(sliceMax, Float.NEGATIVE_INFINITY);
        Arrays3.forEachIndex(dims, (i, idx) -> {
            int s = idx[lowres];
            sliceMin[s] = Math.min(sliceMin[s], in[i]);
            sliceMax[s] = Math.max(sliceMax[s], in[i]);
        });
        for (int a = 0; a < 3; a++) {
            if (a != lowres && cd[a] != newDims[a]) {
                cur = Resize.axis(cur, cd, a, newDims[a], 3);
                cd[a] = newDims[a];
            }
        }
        final float[] inPlane = cur;
        final int[] ipd = cd.clone();
        Arrays3.forEachIndex(ipd, (i, idx) -> {
            int s = idx[lowres];
            inPlane[i] = Math.min(sliceMax[s], Math.max(sliceMin[s], inPlane[i]));
        });
        if (cd[lowres] != newDims[lowres]) {
            cur = Resize.axis(cur, cd, lowres, newDims[lowres], 0);
        }
        return cur;
    }
}
