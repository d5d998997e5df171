package rt.radiomics.internal.stage;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiFunction;
import rt.api.image.Grid;
import rt.api.image.Mask;
import rt.api.image.Volume;
import rt.imaging.Grids;
import rt.imaging.Masks;
import rt.radiomics.PixelType;
import rt.radiomics.RadiomicsParams;

/**
 * The per-ROI execution of one course: every ROI's mask is made first; ROIs whose voxels are identical (the same
 * lung from a manual contour, a custom structure and a model) are extracted once and reported under each name; the
 * distinct ones run largest first on a pool of exactly the lease's cores, which also runs each ROI's image types (the
 * extractor's parallel streams stay inside the pool that runs them).
 */
public final class CourseExtraction {

    /** What became of one ROI: features (shared with its duplicates, Not modified), or skipped, or an error. */
    public record Outcome(CourseRois.RoiRef roi, RadiomicsParams params, Map<String, Object> features, String error,
            String sameAs) {
        public boolean skipped() {
            return features == null && error == null;
        }
    }

    /** Called on the caller's thread as outcomes come in (progress, cancellation checks). */
    public interface Listener {
        void done(Outcome o);
    }

    private CourseExtraction() {
    }

    /**
     * @param paramsFor the parameters for a ROI and its mask (e.g. reduced ones for the body)
     * @param threads   the lease's cores: the pool never has more workers
     * @param timeoutS  time limit per distinct ROI, from when the caller starts waiting for it
     * @return one outcome per ROI, in the order of {@code rois}
     */
    public static List<Outcome> run(Volume ct, PixelType type, List<CourseRois.RoiRef> rois, int minVoxels,
            BiFunction<CourseRois.RoiRef, Mask, RadiomicsParams> paramsFor, int threads, int timeoutS,
            Listener listener) throws InterruptedException {
        ForkJoinPool pool = new ForkJoinPool(Math.max(1, threads), p -> {
            ForkJoinWorkerThread t = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(p);
            t.setName("radiomics-" + t.getPoolIndex());
            return t;
        }, null, false);
        try {
            List<Future<Mask>> made = new ArrayList<>();
            for (CourseRois.RoiRef r : rois) {
                made.add(pool.submit(() -> r.mask().get()));
            }
            Outcome[] out = new Outcome[rois.size()];
            // distinct (mask voxels, parameters) → the first ROI that has them
            Map<MaskKey, Integer> first = new HashMap<>();
            int[] leader = new int[rois.size()];
            RadiomicsParams[] params = new RadiomicsParams[rois.size()];
            Mask[] masks = new Mask[rois.size()];
            int[] voxels = new int[rois.size()];
            List<Integer> distinct = new ArrayList<>();
            for (int i = 0; i < rois.size(); i++) {
                CourseRois.RoiRef r = rois.get(i);
                try {
                    masks[i] = made.get(i).get();
                } catch (ExecutionException e) {
                    out[i] = new Outcome(r, null, null, message(e.getCause()), null);
                    continue;
                }
                voxels[i] = masks[i].count();
                if (voxels[i] < minVoxels) {
                    out[i] = new Outcome(r, null, null, null, null);
                    continue;
                }
                params[i] = paramsFor.apply(r, masks[i]);
                MaskKey key = MaskKey.of(masks[i], ct.grid(), params[i].hash());
                Integer f = first.putIfAbsent(key, i);
                leader[i] = f == null ? i : f;
                if (f == null) {
                    distinct.add(i);
                }
            }
            made.clear();
            // largest first, so that no large ROI starts last while the other cores idle
            distinct.sort(Comparator.comparingInt((Integer i) -> -voxels[i]));
            Map<Integer, Future<Map<String, Object>>> running = new HashMap<>();
            for (int i : distinct) {
                Mask m = masks[i];
                RadiomicsParams p = params[i];
                running.put(i, pool.submit(() -> RoiExtraction.extract(ct, type, m, p)));
            }
            Map<Integer, Outcome> byLeader = new HashMap<>();
            for (int i = 0; i < rois.size(); i++) {
                if (out[i] == null) {
                    int l = leader[i];
                    Outcome lo = byLeader.get(l);
                    if (lo == null) {
                        lo = await(rois.get(l), params[l], running.get(l), timeoutS);
                        byLeader.put(l, lo);
                    }
                    CourseRois.RoiRef same = rois.get(l);
                    out[i] = l == i ? lo : new Outcome(rois.get(i), params[i], lo.features(), lo.error(),
                            same.source() + "/" + same.name());
                    masks[i] = null;
                }
                listener.done(out[i]);
            }
            return Arrays.asList(out);
        } finally {
            pool.shutdownNow();
        }
    }

    private static Outcome await(CourseRois.RoiRef r, RadiomicsParams p, Future<Map<String, Object>> f,
            int timeoutS) throws InterruptedException {
        try {
            return new Outcome(r, p, f.get(timeoutS, TimeUnit.SECONDS), null, null);
        } catch (TimeoutException e) {
            f.cancel(true);
            return new Outcome(r, p, null, "timed out after " + timeoutS + " s", null);
        } catch (ExecutionException e) {
            return new Outcome(r, p, null, message(e.getCause()), null);
        } catch (CancellationException e) {
            return new Outcome(r, p, null, "cancelled", null);
        }
    }

    private static String message(Throwable t) {
        return t.getMessage() != null ? t.getMessage() : t.toString();
    }

    /**
     * The voxels of a mask on the CT lattice (bounding box in CT indices and the bits inside it) and the parameter
     * hash: equal keys give equal features. Bits are compared in full, the hash only buckets.
     */
    record MaskKey(int[] box, long[] bits, String params, int hash) {

        static MaskKey of(Mask m, Grid ct, String paramsHash) {
            int[] bb = Masks.boundingBox(m);
            int[] off = Grids.offset(ct, m.grid());
            if (bb == null || off == null) {
                // not on the CT lattice: only identical objects match
                return new MaskKey(new int[] {System.identityHashCode(m)}, new long[0], paramsHash,
                        System.identityHashCode(m));
            }
            Grid g = m.grid();
            int nx = bb[3] - bb[0] + 1;
            int ny = bb[4] - bb[1] + 1;
            int nz = bb[5] - bb[2] + 1;
            long[] bits = new long[(int) (((long) nx * ny * nz + 63) / 64)];
            boolean[] in = m.inside();
            int n = 0;
            for (int k = 0; k < nz; k++) {
                for (int j = 0; j < ny; j++) {
                    int from = g.index(bb[0], bb[1] + j, bb[2] + k);
                    for (int i = 0; i < nx; i++, n++) {
                        if (in[from + i]) {
                            bits[n >>> 6] |= 1L << n;
                        }
                    }
                }
            }
            int[] box = {bb[0] + off[0], bb[1] + off[1], bb[2] + off[2], nx, ny, nz};
            int h = 31 * Arrays.hashCode(box) + Arrays.hashCode(bits);
            return new MaskKey(box, bits, paramsHash, 31 * h + paramsHash.hashCode());
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof MaskKey k && k.hash == hash && Arrays.equals(k.box, box) && k.params.equals(params)
                    && Arrays.equals(k.bits, bits);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }
}
