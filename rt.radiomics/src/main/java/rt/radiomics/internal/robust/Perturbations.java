package rt.radiomics.internal.robust;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import rt.api.image.Grid;
import rt.api.image.Mask;
import rt.imaging.DistanceMaps;
import rt.imaging.Masks;

/**
 * Upstream's NTCV perturbation grid on one image crop and ROI: Noise (Gaussian σ HU on the image), Translation (mask
 * shifted along z by ± t mm, nearest voxel), Contour randomisation (signed-distance boundary shift by a random
 * in/out distance U(0.5, 1)·t/2), Volume adaptation (exact voxel-count change by ± τ via the signed distance).
 * Seeded: the same seed gives the same perturbations.
 */
public final class Perturbations {

    /** One perturbation of the grid. */
    public record Spec(String id, double noiseSigma, double shiftMm, int contour, double volumeChange) {
    }

    private Perturbations() {
    }

    /** The standard 3 × 3 × 3 × 3 = 81 grid. */
    public static List<Spec> standardGrid(double maxTranslationMm, int contourRealisations) {
        List<Spec> out = new ArrayList<>();
        double[] noise = {0, 10, 20};
        double[] shift = {0, maxTranslationMm, -maxTranslationMm};
        double[] vol = {-0.15, 0, 0.15};
        for (double n : noise) {
            for (double t : shift) {
                for (int c = 0; c <= contourRealisations; c++) {
                    for (double v : vol) {
                        String id = String.format(java.util.Locale.ROOT, "ntcv_n%d_t0_0_%s_c%d_v%s", (int) n,
                                t == 0 ? "0" : (t > 0 ? "" : "m") + (int) Math.abs(t), c,
                                v == 0 ? "0" : (v > 0 ? "+" : "-") + Math.round(Math.abs(v) * 100));
                        out.add(new Spec(id, n, t, c, v));
                    }
                }
            }
        }
        return out;
    }

    /** The image with seeded Gaussian noise (new array). */
    public static float[] noise(float[] image, double sigma, long seed) {
        if (sigma == 0) {
            return image;
        }
        Random r = new Random(seed);
        float[] out = new float[image.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) (image[i] + sigma * r.nextGaussian());
        }
        return out;
    }

    /** The mask moved along z by the nearest whole number of slices to shiftMm (new mask, same grid). */
    public static Mask translate(Mask m, double shiftMm) {
        Grid g = m.grid();
        int dz = (int) Math.round(shiftMm / g.spacing(2));
        if (dz == 0) {
            return m;
        }
        boolean[] out = new boolean[m.inside().length];
        int plane = g.nx() * g.ny();
        for (int k = 0; k < g.nz(); k++) {
            int src = k - dz;
            if (src >= 0 && src < g.nz()) {
                System.arraycopy(m.inside(), src * plane, out, k * plane, plane);
            }
        }
        return new Mask(g, out);
    }

    /** Boundary moved by a random distance in [0.5, 1]·r mm, in or out at random. */
    public static Mask randomContour(Mask m, double r, long seed) {
        Random rnd = new Random(seed);
        double d = (0.5 + 0.5 * rnd.nextDouble()) * r * (rnd.nextBoolean() ? 1 : -1);
        int[] box = Masks.boundingBox(m);
        if (box == null) {
            return m;
        }
        // voxels beyond the window are more than d from the mask: outside the moved boundary
        Window w = Window.of(m, box, Math.max(d, 0));
        boolean[] in = new boolean[w.sd.length];
        for (int i = 0; i < in.length; i++) {
            in[i] = w.sd[i] <= d;
        }
        return w.toGrid(in, m.grid());
    }

    /**
     * Exactly round((1 + change)·N) voxels: the ones with the smallest signed distance, ties taken in voxel order.
     * That is the first {@code target} voxels of a stable sort by distance, found without sorting the voxels: the
     * target-th smallest distance is the threshold, every voxel below it is in, and of those at it the first ones in
     * voxel order make up the count (a sort of the whole grid's boxed indices cost more than the features).
     */
    public static Mask adaptVolume(Mask m, double change) {
        if (change == 0) {
            return m;
        }
        int count = m.count();
        int target = (int) Math.round(count * (1 + change));
        int[] box = Masks.boundingBox(m);
        if (box == null) {
            return new Mask(m.grid(), smallest(DistanceMaps.signed(m), target));
        }
        // a sphere of the same volume grown by the change: a shape less round than that grows less far
        double radius = Math.cbrt(3 * count * m.grid().voxelVolumeMm3() / (4 * Math.PI));
        double reach = Math.max(0, radius * (Math.cbrt(1 + change) - 1));
        while (true) {
            Mask selected = adaptWithin(m, box, target, reach);
            if (selected != null) {
                return selected;
            }
            reach = 2 * reach + maxSpacing(m.grid());
        }
    }

    /**
     * The same selection as over the whole grid, from the signed distance of a {@link Window}: when the target-th
     * smallest distance in the window is below the least any voxel beyond it can have, the window holds every voxel
     * the whole grid would give (ties, in voxel order, too: the window's order is the grid's). Null when it does not.
     */
    private static Mask adaptWithin(Mask m, int[] box, int target, double reach) {
        Window w = Window.of(m, box, reach);
        float[] sd = w.sd;
        boolean[] in;
        if (target <= 0 || target > sd.length) {
            if (target > sd.length && w.beyond < Double.POSITIVE_INFINITY) {
                return null;
            }
            in = smallest(sd, target);
        } else {
            float threshold = rankValue(sd, target);
            if (threshold >= w.beyond) {
                return null;
            }
            in = firstUpTo(sd, target, threshold);
        }
        return w.toGrid(in, m.grid());
    }

    /**
     * The signed distance of a window: the mask's box grown by {@code reach} (at least one voxel) per side, clipped to
     * the grid. Inside the window the distances are the whole grid's: every inside voxel is in it, and a voxel
     * outside it is farther from any inside voxel than the window's border, which is outside the mask. A voxel beyond
     * the window is at least {@code beyond} mm from the mask (+∞ when the window is the grid).
     */
    private record Window(Grid grid, int[] lo, float[] sd, double beyond) {

        static Window of(Mask m, int[] box, double reach) {
            Grid g = m.grid();
            int[] dims = {g.nx(), g.ny(), g.nz()};
            int[] lo = new int[3];
            int[] hi = new int[3];
            double beyond = Double.POSITIVE_INFINITY;
            for (int a = 0; a < 3; a++) {
                int margin = Math.max(1, (int) Math.ceil(reach / g.spacing(a)));
                lo[a] = box[a] - margin;
                hi[a] = box[a + 3] + margin;
                if (lo[a] > 0 || hi[a] < dims[a] - 1) {
                    beyond = Math.min(beyond, (margin + 1) * g.spacing(a));
                }
                lo[a] = Math.max(0, lo[a]);
                hi[a] = Math.min(dims[a] - 1, hi[a]);
            }
            Grid window = g.crop(lo[0], lo[1], lo[2], hi[0] - lo[0] + 1, hi[1] - lo[1] + 1, hi[2] - lo[2] + 1);
            return new Window(window, lo, DistanceMaps.signed(Masks.embed(m, window)), beyond);
        }

        /** A selection of the window's voxels as a mask of the whole grid g. */
        Mask toGrid(boolean[] in, Grid g) {
            boolean[] out = new boolean[Math.toIntExact(g.voxelCount())];
            int wx = grid.nx();
            int wy = grid.ny();
            for (int k = 0; k < grid.nz(); k++) {
                for (int j = 0; j < wy; j++) {
                    System.arraycopy(in, wx * (j + wy * k), out, lo[0] + g.nx() * ((lo[1] + j) + g.ny() * (lo[2] + k)),
                            wx);
                }
            }
            return new Mask(g, out);
        }
    }

    private static double maxSpacing(Grid g) {
        return Math.max(g.spacing(0), Math.max(g.spacing(1), g.spacing(2)));
    }

    /** The value at 1-based rank {@code rank} of the ascending order (Float.compare order: −0 before +0, NaN last). */
    private static float rankValue(float[] values, int rank) {
        float[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[rank - 1];
    }

    /** The first {@code count} entries of a stable ascending sort of {@code values} (Float.compare order). */
    static boolean[] smallest(float[] values, int count) {
        boolean[] out = new boolean[values.length];
        int take = Math.min(count, values.length);
        if (take <= 0) {
            return out;
        }
        return firstUpTo(values, take, rankValue(values, take));
    }

    /** The values below threshold, and of those equal to it the first ones in order, {@code take} in all. */
    private static boolean[] firstUpTo(float[] values, int take, float threshold) {
        boolean[] out = new boolean[values.length];
        int below = 0;
        for (float v : values) {
            if (Float.compare(v, threshold) < 0) {
                below++;
            }
        }
        int ties = take - below;
        for (int i = 0; i < values.length; i++) {
            int c = Float.compare(values[i], threshold);
            if (c < 0) {
                out[i] = true;
            } else if (c == 0 && ties > 0) {
                out[i] = true;
                ties--;
            }
        }
        return out;
    }
}
