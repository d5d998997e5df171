package rt.segmentation.totalseg.internal;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * nnU-Net's sliding-window inference (predict_from_raw_data.py L593-713) with bounded memory: tiles are visited with
 * axis 0 outermost, so the accumulators only need a ring of {@code patch[0]} slices; every slice that no later tile
 * touches is handed to a {@link SliceSink} and its ring slot reused. Slices of axis 0 outside the image (nnU-Net's
 * padding up to the patch) are never accumulated, as nnU-Net discards them: a thin volume padded from 27 to 128
 * slices needs a ring of 27. Each forward pass writes into the network's
 * pinned output; accumulation of {@code logits × gaussian} is split over threads by (channel, slice) units.
 * Test-time mirroring runs every non-empty subset of the mirror axes plus the identity; folds are summed.
 */
public final class SlidingWindow {

    private final int[] dims;
    private final int[] patch;
    /** Axis-0 slices [validLow, validHigh) are image, the rest padding; ring = slots of the accumulators. */
    private final int validLow;
    private final int validHigh;
    private final int ring;
    private final int[][] steps;
    private final float[] gaussian;
    private final List<int[]> mirrors;
    private final ExecutorService pool;
    private final int threads;
    private final Timings timings;

    /**
     * @param dims       the (padded) image, each axis at least the patch
     * @param mirrorAxes network axes to mirror; empty = none
     * @param pool       threads for accumulation ({@code threads} tasks are submitted per tile)
     */
    public SlidingWindow(int[] dims, int[] patch, double step, int[] mirrorAxes, ExecutorService pool, int threads,
            Timings timings) {
        this(dims, 0, dims[0], patch, step, mirrorAxes, pool, threads, timings);
    }

    /**
     * @param validLow  first axis-0 slice of the image inside the padded {@code dims}
     * @param validHigh one past its last
     */
    public SlidingWindow(int[] dims, int validLow, int validHigh, int[] patch, double step, int[] mirrorAxes,
            ExecutorService pool, int threads, Timings timings) {
        if (validLow < 0 || validHigh > dims[0] || validLow >= validHigh) {
            throw new IllegalArgumentException("image slices [" + validLow + ", " + validHigh + ") outside 0.."
                    + dims[0]);
        }
        this.validLow = validLow;
        this.validHigh = validHigh;
        this.ring = Math.min(patch[0], validHigh - validLow);
        this.dims = dims.clone();
        this.patch = patch.clone();
        this.steps = new int[3][];
        for (int a = 0; a < 3; a++) {
            steps[a] = Steps.compute(dims[a], patch[a], step);
        }
        this.gaussian = Steps.gaussian(patch);
        this.mirrors = mirrorCombinations(mirrorAxes);
        this.pool = pool;
        this.threads = Math.max(1, threads);
        this.timings = timings;
    }

    /** Number of tiles (positions) of the window. */
    public int tileCount() {
        return steps[0].length * steps[1].length * steps[2].length;
    }

    /** The identity plus every non-empty subset of the axes, as flip flags per axis. */
    static List<int[]> mirrorCombinations(int[] axes) {
        List<int[]> out = new ArrayList<>();
        int k = axes.length;
        for (int mask = 0; mask < (1 << k); mask++) {
            int[] flip = new int[3];
            for (int b = 0; b < k; b++) {
                if ((mask & (1 << b)) != 0) {
                    flip[axes[b]] = 1;
                }
            }
            out.add(flip);
        }
        return out;
    }

    /**
     * Runs every tile through every fold (and mirroring) and streams finished slices to the sink.
     *
     * @param data  the normalised image, {@code dims} (not modified)
     * @param folds networks with identical channel counts
     */
    public void run(float[] data, List<? extends TileNetwork> folds, SliceSink sink, Runnable checkCancelled)
            throws Exception {
        int channels = folds.get(0).channels();
        int plane = dims[1] * dims[2];
        float[][] acc = new float[channels + 1][];
        for (int c = 0; c <= channels; c++) {
            acc[c] = new float[ring * plane];
        }
        int runsPerTile = folds.size() * mirrors.size();
        int finished = 0;
        float[] row = new float[patch[2]];
        for (int i0 = 0; i0 < steps[0].length; i0++) {
            int s0 = steps[0][i0];
            // slices before this tile row are final
            for (; finished < s0; finished++) {
                emit(sink, acc, finished, plane, runsPerTile);
            }
            for (int s1 : steps[1]) {
                for (int s2 : steps[2]) {
                    checkCancelled.run();
                    accumulateWeights(acc[channels], s0, s1, s2);
                    for (TileNetwork net : folds) {
                        for (int[] flip : mirrors) {
                            long t0 = System.nanoTime();
                            extract(data, net.input(), s0, s1, s2, flip, row);
                            long t1 = System.nanoTime();
                            net.run();
                            long t2 = System.nanoTime();
                            accumulate(net.output(), acc, channels, s0, s1, s2, flip);
                            long t3 = System.nanoTime();
                            timings.add("extract", t1 - t0);
                            timings.add("ort", t2 - t1);
                            timings.add("accumulate", t3 - t2);
                            timings.count("forward passes", 1);
                        }
                    }
                }
            }
        }
        for (; finished < dims[0]; finished++) {
            emit(sink, acc, finished, plane, runsPerTile);
        }
        long t = System.nanoTime();
        sink.finish();
        timings.add("export", System.nanoTime() - t);
    }

    /** Whether axis-0 slice {@code z} (padded coordinates) is image, so accumulated. */
    private boolean valid(int z) {
        return z >= validLow && z < validHigh;
    }

    /** Start of slice {@code z}'s ring slot (valid slices only): at most {@code ring} consecutive ones are open. */
    private int slot(int z, int plane) {
        return ((z - validLow) % ring) * plane;
    }

    private void emit(SliceSink sink, float[][] acc, int z, int plane, int runsPerTile) throws Exception {
        if (!valid(z)) {
            return;
        }
        long t = System.nanoTime();
        int offset = slot(z, plane);
        sink.slice(z, acc, offset, runsPerTile);
        for (float[] a : acc) {
            java.util.Arrays.fill(a, offset, offset + plane, 0f);
        }
        timings.add("export", System.nanoTime() - t);
    }

    private void extract(float[] data, FloatBuffer in, int s0, int s1, int s2, int[] flip, float[] row) {
        int p0 = patch[0];
        int p1 = patch[1];
        int p2 = patch[2];
        int plane = dims[1] * dims[2];
        for (int z = 0; z < p0; z++) {
            int tz = flip[0] == 1 ? p0 - 1 - z : z;
            for (int y = 0; y < p1; y++) {
                int ty = flip[1] == 1 ? p1 - 1 - y : y;
                int src = (s0 + z) * plane + (s1 + y) * dims[2] + s2;
                int dst = (tz * p1 + ty) * p2;
                if (flip[2] == 1) {
                    for (int x = 0; x < p2; x++) {
                        row[p2 - 1 - x] = data[src + x];
                    }
                    in.put(dst, row, 0, p2);
                } else {
                    in.put(dst, data, src, p2);
                }
            }
        }
    }

    private void accumulateWeights(float[] w, int s0, int s1, int s2) {
        int p1 = patch[1];
        int p2 = patch[2];
        int plane = dims[1] * dims[2];
        for (int z = 0; z < patch[0]; z++) {
            if (!valid(s0 + z)) {
                continue;
            }
            int slot = slot(s0 + z, plane);
            for (int y = 0; y < p1; y++) {
                int dst = slot + (s1 + y) * dims[2] + s2;
                int g = (z * p1 + y) * p2;
                for (int x = 0; x < p2; x++) {
                    w[dst + x] += gaussian[g + x];
                }
            }
        }
    }

    private void accumulate(FloatBuffer out, float[][] acc, int channels, int s0, int s1, int s2, int[] flip)
            throws Exception {
        int units = channels * patch[0];
        if (threads == 1 || pool == null) {
            accumulateUnits(out, acc, 0, units, s0, s1, s2, flip, new float[patch[2]]);
            return;
        }
        List<Future<?>> futures = new ArrayList<>(threads);
        for (int t = 0; t < threads; t++) {
            int from = (int) ((long) units * t / threads);
            int to = (int) ((long) units * (t + 1) / threads);
            futures.add(pool.submit(() -> accumulateUnits(out, acc, from, to, s0, s1, s2, flip,
                    new float[patch[2]])));
        }
        for (Future<?> f : futures) {
            f.get();
        }
    }

    /** Unit u = channel (u / patch[0]), tile slice (u % patch[0]). */
    private void accumulateUnits(FloatBuffer out, float[][] acc, int from, int to, int s0, int s1, int s2,
            int[] flip, float[] row) {
        int p0 = patch[0];
        int p1 = patch[1];
        int p2 = patch[2];
        int plane = dims[1] * dims[2];
        for (int u = from; u < to; u++) {
            int c = u / p0;
            int z = u % p0;
            if (!valid(s0 + z)) {
                continue;
            }
            float[] a = acc[c];
            int tz = flip[0] == 1 ? p0 - 1 - z : z;
            int slot = slot(s0 + z, plane);
            for (int y = 0; y < p1; y++) {
                int ty = flip[1] == 1 ? p1 - 1 - y : y;
                out.get(((c * p0 + tz) * p1 + ty) * p2, row, 0, p2);
                int dst = slot + (s1 + y) * dims[2] + s2;
                int g = (z * p1 + y) * p2;
                if (flip[2] == 1) {
                    for (int x = 0; x < p2; x++) {
                        a[dst + x] += row[p2 - 1 - x] * gaussian[g + x];
                    }
                } else {
                    for (int x = 0; x < p2; x++) {
                        a[dst + x] += row[x] * gaussian[g + x];
                    }
                }
            }
        }
    }
}
