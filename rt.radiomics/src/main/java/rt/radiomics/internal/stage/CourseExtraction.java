package rt.radiomics.internal.stage;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
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
 * lung from a manual contour, a custom structure and a model) are extracted once and reported under each name;
 * distinct ROIs with the same bounding box (a lung and the lung less the GTV) run as one task that crops, resamples
 * and filters the image once for all of them; the tasks run largest first on a pool of exactly the lease's cores,
 * side by side only while their heap estimates ({@link RoiExtraction#heapEstimateMb}) fit the heap. A task that runs
 * out of heap beside the others all the same runs again alone once they have ended.
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
     * @param timeoutS  time limit per distinct ROI (ROIs run together: that many times it), from when the caller
     *                  starts waiting for it
     * @return one outcome per ROI, in the order of {@code rois}
     */
    public static List<Outcome> run(Volume ct, PixelType type, List<CourseRois.RoiRef> rois, int minVoxels,
            BiFunction<CourseRois.RoiRef, Mask, RadiomicsParams> paramsFor, int threads, int timeoutS,
            Listener listener) throws InterruptedException {
        return run(ct, type, rois, minVoxels, paramsFor, threads, timeoutS, listener, 0);
    }

    /**
     * As above, the ROI tasks planning with {@code heapMb}: what the broker set aside for the stage or, without a
     * reservation, its whole budget; 0 = no planning (tasks start as cores free up).
     */
    public static List<Outcome> run(Volume ct, PixelType type, List<CourseRois.RoiRef> rois, int minVoxels,
            BiFunction<CourseRois.RoiRef, Mask, RadiomicsParams> paramsFor, int threads, int timeoutS,
            Listener listener, long heapMb) throws InterruptedException {
        return run(ct, type, rois, minVoxels, paramsFor, threads, timeoutS, listener, RoiExtraction::extractAll,
                heapMb <= 0 ? Long.MAX_VALUE : Math.max(0, heapMb - ((long) ct.voxels().length * Float.BYTES >> 20)));
    }

    /** How a task's masks become results ({@link RoiExtraction#extractAll}; tests put a stand-in here). */
    interface Extractor {
        List<Object> extractAll(Volume image, PixelType type, List<Mask> rois, RadiomicsParams params);
    }

    static List<Outcome> run(Volume ct, PixelType type, List<CourseRois.RoiRef> rois, int minVoxels,
            BiFunction<CourseRois.RoiRef, Mask, RadiomicsParams> paramsFor, int threads, int timeoutS,
            Listener listener, Extractor extractor, long heapBudgetMb) throws InterruptedException {
        try (HeapGatedPool pool = new HeapGatedPool(threads, heapBudgetMb, "radiomics")) {
            List<Future<Mask>> made = new ArrayList<>();
            for (CourseRois.RoiRef r : rois) {
                made.add(pool.submit(() -> r.mask().get(), 0));
            }
            Outcome[] out = new Outcome[rois.size()];
            // distinct (mask voxels, parameters) → the first ROI that has them
            Map<MaskKey, Integer> first = new HashMap<>();
            int[] leader = new int[rois.size()];
            RadiomicsParams[] params = new RadiomicsParams[rois.size()];
            Mask[] masks = new Mask[rois.size()];
            int[] voxels = new int[rois.size()];
            MaskKey[] keys = new MaskKey[rois.size()];
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
                keys[i] = MaskKey.of(masks[i], ct.grid(), params[i].hash());
                Integer f = first.putIfAbsent(keys[i], i);
                leader[i] = f == null ? i : f;
                if (f == null) {
                    distinct.add(i);
                }
            }
            made.clear();
            // distinct ROIs with the same bounding box and parameters (a lung and the lung less the GTV) run as one
            // task: one crop, and the resampled and filtered images made once for all of them
            Map<List<Object>, List<Integer>> byBox = new LinkedHashMap<>();
            for (int i : distinct) {
                List<Object> box = keys[i].box().length == 6
                        ? List.of(Arrays.stream(keys[i].box()).boxed().toList(), keys[i].params()) : List.of(i);
                byBox.computeIfAbsent(box, b -> new ArrayList<>()).add(i);
            }
            List<List<Integer>> groups = new ArrayList<>(byBox.values());
            // largest first, so that no large ROI starts last while the other cores idle
            groups.sort(Comparator.comparingLong((List<Integer> g) -> -g.stream().mapToLong(i -> voxels[i]).sum()));
            int[] groupOf = new int[rois.size()];
            List<Callable<List<Object>>> tasks = new ArrayList<>();
            List<Future<List<Object>>> running = new ArrayList<>();
            for (List<Integer> g : groups) {
                List<Mask> gm = g.stream().map(i -> masks[i]).toList();
                RadiomicsParams p = params[g.get(0)];
                for (int i : g) {
                    groupOf[i] = tasks.size();
                }
                tasks.add(() -> extractor.extractAll(ct, type, gm, p));
                running.add(pool.submit(tasks.get(tasks.size() - 1), RoiExtraction.heapEstimateMb(gm.get(0), p)));
            }
            Map<Integer, Outcome> byLeader = new HashMap<>();
            Map<Integer, Object> groupResults = new HashMap<>();
            for (int i = 0; i < rois.size(); i++) {
                if (out[i] == null) {
                    int l = leader[i];
                    Outcome lo = byLeader.get(l);
                    if (lo == null) {
                        int gi = groupOf[l];
                        Object res = groupResults.get(gi);
                        if (res == null) {
                            res = await(running.get(gi), timeoutS * groups.get(gi).size());
                        }
                        if (res instanceof OutOfMemoryError) {
                            // the heap ran out with other ROIs beside it (a box spanning the body is a large
                            // image): once every other task has ended, it runs again alone
                            for (int j = 0; j < running.size(); j++) {
                                if (j != gi && !groupResults.containsKey(j)) {
                                    groupResults.put(j, await(running.get(j), timeoutS * groups.get(j).size()));
                                }
                            }
                            res = await(pool.submit(tasks.get(gi), 0), timeoutS * groups.get(gi).size());
                            if (res instanceof OutOfMemoryError) {
                                res = "out of memory even alone (heap " + Runtime.getRuntime().maxMemory() / (1 << 20)
                                        + " MB): give the JVM more (RT_HEAP_MB) or lower radiomics.max_voxels";
                            }
                        }
                        groupResults.put(gi, res);
                        Object mine = res instanceof List<?> l2 ? l2.get(groups.get(gi).indexOf(l)) : res;
                        lo = outcome(rois.get(l), params[l], mine);
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
        }
    }

    /**
     * A group's results (one map or RuntimeException per ROI), the OutOfMemoryError that ended it (it may fit when
     * run alone), or the error message that ended all of them.
     */
    private static Object await(Future<List<Object>> f, int timeoutS) throws InterruptedException {
        try {
            return f.get(timeoutS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            return "timed out after " + timeoutS + " s";
        } catch (ExecutionException e) {
            if (e.getCause() instanceof OutOfMemoryError oom) {
                return oom;
            }
            return message(e.getCause());
        } catch (CancellationException e) {
            return "cancelled";
        }
    }

    @SuppressWarnings("unchecked")
    private static Outcome outcome(CourseRois.RoiRef r, RadiomicsParams p, Object result) {
        if (result instanceof Map<?, ?> m) {
            return new Outcome(r, p, (Map<String, Object>) m, null, null);
        }
        return new Outcome(r, p, null, result instanceof Throwable t ? message(t) : result.toString(), null);
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
