package rt.segmentation.totalseg.internal;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import rt.api.image.Grid;
import rt.api.image.Mask;
import rt.imaging.Components;
import rt.imaging.ConnectedComponents;
import rt.imaging.Connectivity;
import rt.imaging.DistanceMaps;
import rt.imaging.Holes;
import rt.segmentation.engine.ModelDescriptor.PostStep;

/**
 * The label clean-up steps of {@code model.yaml} on a label array on the image grid (x fastest). Components are
 * 6-connected in 3-D ({@code scipy.ndimage.label}'s default structure) and holes are filled per axial (k) slice with
 * 4-connected background ({@code binary_fill_holes} per slice), both by {@code rt.imaging}.
 */
public final class PostProcess {

    private PostProcess() {
    }

    /** Applies the steps in order. Modified: labels. */
    public static void apply(short[] labels, Grid grid, List<PostStep> steps) {
        for (PostStep s : steps) {
            Map<String, Object> p = s.params();
            switch (s.op()) {
                case "body" -> body(labels, grid, ints(p.get("labels")), intParam(p, "fill", 0));
                case "keep_largest" -> keepLargest(labels, grid, intParam(p, "label", 0), intParam(p, "count", 1),
                        doubleParam(p, "min_fraction", 0), doubleParam(p, "min_depth_mm", 0),
                        intParam(p, "replace_with", 0));
                case "fill_holes" -> fillHoles(labels, grid, intParam(p, "label", 0));
                default -> throw new IllegalArgumentException("unknown post-processing op " + s.op());
            }
        }
    }

    /** Largest component of {@code members}, holes filled per slice; outside → 0, background inside → fill. */
    static void body(short[] labels, Grid grid, int[] members, int fill) {
        boolean[] m = new boolean[labels.length];
        for (int i = 0; i < labels.length; i++) {
            for (int v : members) {
                if (labels[i] == v) {
                    m[i] = true;
                    break;
                }
            }
        }
        boolean[] body = Holes.fillPerSlice(largest(new Mask(grid, m), 1, 0, 0)).inside();
        for (int i = 0; i < labels.length; i++) {
            if (!body[i]) {
                labels[i] = 0;
            } else if (labels[i] == 0) {
                labels[i] = (short) fill;
            }
        }
    }

    /**
     * Keeps the {@code count} largest components of {@code label} that reach {@code minDepthMm} below their own
     * surface somewhere and have at least {@code minFraction} of the largest such component's size; the rest become
     * {@code replace}. The depth test tells a lung (tens of mm deep even at its base) from the partial-volume rim
     * around bowel gas (a few mm), which a size rank alone cannot do on a scan without lungs.
     */
    static void keepLargest(short[] labels, Grid grid, int label, int count, double minFraction, double minDepthMm,
            int replace) {
        boolean[] m = mask(labels, label);
        boolean[] keep = largest(new Mask(grid, m), count, minFraction, minDepthMm).inside();
        for (int i = 0; i < labels.length; i++) {
            if (m[i] && !keep[i]) {
                labels[i] = (short) replace;
            }
        }
    }

    static void fillHoles(short[] labels, Grid grid, int label) {
        boolean[] filled = Holes.fillPerSlice(new Mask(grid, mask(labels, label))).inside();
        for (int i = 0; i < labels.length; i++) {
            if (filled[i]) {
                labels[i] = (short) label;
            }
        }
    }

    /**
     * The {@code count} largest 6-connected components that are at least {@code minDepthMm} deep and have at least
     * {@code minFraction} of the largest deep-enough component's size (equal sizes: the one whose first voxel comes
     * first in flat order).
     */
    static Mask largest(Mask m, int count, double minFraction, double minDepthMm) {
        Components c = ConnectedComponents.label(m, Connectivity.SIX);
        int[] ids = c.labels();
        boolean[] deep = new boolean[c.count() + 1];
        if (minDepthMm > 0) {
            // depth of an inside voxel = distance to the nearest outside voxel centre
            boolean[] outside = new boolean[ids.length];
            for (int i = 0; i < ids.length; i++) {
                outside[i] = ids[i] == 0;
            }
            float[] depth = DistanceMaps.toInside(new Mask(m.grid(), outside));
            for (int i = 0; i < ids.length; i++) {
                if (ids[i] > 0 && depth[i] >= minDepthMm) {
                    deep[ids[i]] = true;
                }
            }
        } else {
            Arrays.fill(deep, true);
        }
        // component ids are in decreasing size order
        boolean[] kept = new boolean[c.count() + 1];
        int n = 0;
        int largestSize = -1;
        for (int id = 1; id <= c.count() && n < count; id++) {
            if (!deep[id]) {
                continue;
            }
            if (largestSize < 0) {
                largestSize = c.sizes()[id - 1];
            }
            if (c.sizes()[id - 1] < minFraction * largestSize) {
                break;
            }
            kept[id] = true;
            n++;
        }
        boolean[] out = new boolean[ids.length];
        for (int i = 0; i < ids.length; i++) {
            out[i] = kept[ids[i]];
        }
        return new Mask(m.grid(), out);
    }

    private static boolean[] mask(short[] labels, int label) {
        boolean[] m = new boolean[labels.length];
        for (int i = 0; i < labels.length; i++) {
            m[i] = labels[i] == label;
        }
        return m;
    }

    private static int[] ints(Object o) {
        if (o == null) {
            return new int[0];
        }
        return ((List<?>) o).stream().mapToInt(v -> ((Number) v).intValue()).toArray();
    }

    private static int intParam(Map<String, Object> p, String key, int dflt) {
        Object o = p.get(key);
        return o == null ? dflt : ((Number) o).intValue();
    }

    private static double doubleParam(Map<String, Object> p, String key, double dflt) {
        Object o = p.get(key);
        return o == null ? dflt : ((Number) o).doubleValue();
    }
}
