package rt.dvh.internal.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import rt.dicom.rt.Contour;
import rt.dicom.rt.Roi;
import rt.dicom.rt.RtStruct;

/** DVHs of the volume ROIs of one structure set, computed in parallel over ROIs. */
public final class RoiDvhs {

    /** One ROI's DVH and the fraction (0..1) of its volume outside the dose grid (NaN when not measured). */
    public record Result(Roi roi, Dvh dvh, double outsideFraction) {
        public Result(Roi roi, Dvh dvh) {
            this(roi, dvh, 0);
        }
    }

    private RoiDvhs() {
    }

    /** The closed contours of an ROI as planes; empty when it has none (points, lines). */
    public static RoiPlanes planes(Roi roi) {
        return RoiPlanes.of(closedContours(roi));
    }

    /** The points (x,y,z triples) of an ROI's closed contours; empty when it has none. */
    public static List<double[]> closedContours(Roi roi) {
        List<double[]> closed = new ArrayList<>();
        for (Contour c : roi.contours()) {
            if (c.type() != null && c.type().isClosed()) {
                closed.add(c.points());
            }
        }
        return closed;
    }

    /** Median spacing of contour planes over all ROIs of a structure set, or NaN. */
    public static double typicalSpacing(List<RoiPlanes> planes) {
        List<Double> all = new ArrayList<>();
        for (RoiPlanes p : planes) {
            double s = p.medianSpacing();
            if (!Double.isNaN(s)) {
                all.add(s);
            }
        }
        if (all.isEmpty()) {
            return Double.NaN;
        }
        all.sort(null);
        return all.get(all.size() / 2);
    }

    /**
     * A ROI's sampling cost, roughly: the sampler works on a fine grid over the contours' in-plane box, plane by
     * plane (the cell size is the same for all but tiny ROIs).
     */
    static double workEstimate(RoiPlanes p) {
        double[] b = p.bounds();
        return (b[1] - b[0] + 10) * (b[3] - b[2] + 10) * p.planeCount();
    }

    /**
     * @param threads   worker threads (the stage's CPU lease)
     * @param cancelled polled between ROIs
     * @throws IllegalArgumentException naming the ROI when its contours cannot be used
     */
    public static List<Result> compute(RtStruct rs, Predicate<Roi> include, DoseField dose,
            DvhSampler.Options options, int threads, BooleanSupplier cancelled)
            throws InterruptedException {
        return compute(rs, include, (p, o) -> new GridDvh.Sampled(DvhSampler.compute(p, dose, o), Double.NaN),
                options, threads, cancelled);
    }

    /** As above, measuring and treating each ROI's part outside the dose grid as {@code grid} says. */
    public static List<Result> compute(RtStruct rs, Predicate<Roi> include, GridDvh grid,
            DvhSampler.Options options, int threads, BooleanSupplier cancelled)
            throws InterruptedException {
        return compute(rs, include, grid::compute, options, threads, cancelled);
    }

    private static List<Result> compute(RtStruct rs, Predicate<Roi> include,
            java.util.function.BiFunction<RoiPlanes, DvhSampler.Options, GridDvh.Sampled> sampler,
            DvhSampler.Options options, int threads, BooleanSupplier cancelled)
            throws InterruptedException {
        List<Roi> rois = new ArrayList<>();
        List<RoiPlanes> planes = new ArrayList<>();
        for (Roi r : rs.rois()) {
            if (!include.test(r)) {
                continue;
            }
            RoiPlanes p;
            try {
                p = planes(r);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("ROI '" + r.name() + "': " + e.getMessage(), e);
            }
            if (!p.isEmpty()) {
                rois.add(r);
                planes.add(p);
            }
        }
        double spacing = typicalSpacing(planes);
        DvhSampler.Options opts = Double.isNaN(spacing) ? options : options.withCapThickness(spacing);
        List<Result> out = new ArrayList<>();
        int n = Math.max(1, Math.min(threads, rois.size()));
        ExecutorService pool = Executors.newFixedThreadPool(n, r -> {
            Thread t = new Thread(r, "rt-dvh");
            t.setDaemon(true);
            return t;
        });
        try {
            // largest first, so that a big ROI late in the file (or a BODY among many) does not run alone at the
            // end while the other threads idle; the results stay in file order
            List<Future<GridDvh.Sampled>> futures = new ArrayList<>(java.util.Collections.nCopies(planes.size(),
                    null));
            Integer[] order = new Integer[planes.size()];
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
            }
            double[] work = new double[order.length];
            for (int i = 0; i < work.length; i++) {
                work[i] = workEstimate(planes.get(i));
            }
            java.util.Arrays.sort(order, (x, y) -> Double.compare(work[y], work[x]));
            for (int i : order) {
                RoiPlanes p = planes.get(i);
                futures.set(i, pool.submit(() -> cancelled.getAsBoolean() ? null : sampler.apply(p, opts)));
            }
            for (int i = 0; i < futures.size(); i++) {
                try {
                    GridDvh.Sampled s = futures.get(i).get();
                    if (s != null) {
                        out.add(new Result(rois.get(i), s.dvh(), s.outsideFraction()));
                    }
                } catch (ExecutionException e) {
                    throw new IllegalStateException("ROI '" + rois.get(i).name() + "': " + e.getCause(), e.getCause());
                }
            }
        } finally {
            pool.shutdownNow();
        }
        return out;
    }
}
