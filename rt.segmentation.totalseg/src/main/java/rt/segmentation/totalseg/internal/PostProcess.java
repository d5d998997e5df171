package rt.segmentation.totalseg.internal;

import java.util.List;
import java.util.Map;
import rt.segmentation.engine.ModelDescriptor.PostStep;

/**
 * The label clean-up steps of {@code model.yaml} on a label array (z, y, x; x fastest). Components are
 * 6-connected in 3-D and holes are filled per axial slice (4-connected background reaching the slice border is
 * outside), as {@code scipy.ndimage.label} and {@code binary_fill_holes} do with their default structures.
 */
public final class PostProcess {

    private PostProcess() {
    }

    /** Applies the steps in order. Modified: labels. */
    public static void apply(short[] labels, int[] dims, List<PostStep> steps) {
        for (PostStep s : steps) {
            Map<String, Object> p = s.params();
            switch (s.op()) {
                case "body" -> body(labels, dims, ints(p.get("labels")), intParam(p, "fill", 0));
                case "keep_largest" -> keepLargest(labels, dims, intParam(p, "label", 0), intParam(p, "count", 1),
                        doubleParam(p, "min_fraction", 0), intParam(p, "replace_with", 0));
                case "fill_holes" -> fillHoles(labels, dims, intParam(p, "label", 0));
                default -> throw new IllegalArgumentException("unknown post-processing op " + s.op());
            }
        }
    }

    /** Largest component of {@code members}, holes filled per slice; outside → 0, background inside → fill. */
    static void body(short[] labels, int[] dims, int[] members, int fill) {
        boolean[] m = new boolean[labels.length];
        for (int i = 0; i < labels.length; i++) {
            for (int v : members) {
                if (labels[i] == v) {
                    m[i] = true;
                    break;
                }
            }
        }
        Components c = Components.of(m, dims);
        boolean[] body = c.largest(1, 0);
        fillHolesPerSlice(body, dims);
        for (int i = 0; i < labels.length; i++) {
            if (!body[i]) {
                labels[i] = 0;
            } else if (labels[i] == 0) {
                labels[i] = (short) fill;
            }
        }
    }

    static void keepLargest(short[] labels, int[] dims, int label, int count, double minFraction, int replace) {
        boolean[] m = mask(labels, label);
        boolean[] keep = Components.of(m, dims).largest(count, minFraction);
        for (int i = 0; i < labels.length; i++) {
            if (m[i] && !keep[i]) {
                labels[i] = (short) replace;
            }
        }
    }

    static void fillHoles(short[] labels, int[] dims, int label) {
        boolean[] m = mask(labels, label);
        fillHolesPerSlice(m, dims);
        for (int i = 0; i < labels.length; i++) {
            if (m[i]) {
                labels[i] = (short) label;
            }
        }
    }

    private static boolean[] mask(short[] labels, int label) {
        boolean[] m = new boolean[labels.length];
        for (int i = 0; i < labels.length; i++) {
            m[i] = labels[i] == label;
        }
        return m;
    }

    /** Sets background pixels not 4-connected to the slice border to true, per plane of axis 0. Modified: m. */
    static void fillHolesPerSlice(boolean[] m, int[] dims) {
        int ny = dims[1];
        int nx = dims[2];
        int plane = ny * nx;
        boolean[] outside = new boolean[plane];
        int[] queue = new int[plane];
        for (int z = 0; z < dims[0]; z++) {
            int base = z * plane;
            java.util.Arrays.fill(outside, false);
            int head = 0;
            int tail = 0;
            for (int y = 0; y < ny; y++) {
                for (int x = 0; x < nx; x++) {
                    if ((y == 0 || y == ny - 1 || x == 0 || x == nx - 1) && !m[base + y * nx + x]) {
                        int i = y * nx + x;
                        if (!outside[i]) {
                            outside[i] = true;
                            queue[tail++] = i;
                        }
                    }
                }
            }
            while (head < tail) {
                int i = queue[head++];
                int y = i / nx;
                int x = i % nx;
                if (x > 0) {
                    tail = visit(m, base, outside, queue, tail, i - 1);
                }
                if (x < nx - 1) {
                    tail = visit(m, base, outside, queue, tail, i + 1);
                }
                if (y > 0) {
                    tail = visit(m, base, outside, queue, tail, i - nx);
                }
                if (y < ny - 1) {
                    tail = visit(m, base, outside, queue, tail, i + nx);
                }
            }
            for (int i = 0; i < plane; i++) {
                if (!outside[i]) {
                    m[base + i] = true;
                }
            }
        }
    }

    private static int visit(boolean[] m, int base, boolean[] outside, int[] queue, int tail, int i) {
        if (!outside[i] && !m[base + i]) {
            outside[i] = true;
            queue[tail++] = i;
        }
        return tail;
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

    /** 6-connected components of a 3-D mask. */
    static final class Components {
        final int[] ids;
        final long[] sizes;

        private Components(int[] ids, long[] sizes) {
            this.ids = ids;
            this.sizes = sizes;
        }

        static Components of(boolean[] m, int[] dims) {
            int nz = dims[0];
            int ny = dims[1];
            int nx = dims[2];
            int plane = ny * nx;
            int[] ids = new int[m.length];
            int[] queue = new int[m.length];
            long[] sizes = new long[16];
            int next = 0;
            for (int s = 0; s < m.length; s++) {
                if (!m[s] || ids[s] != 0) {
                    continue;
                }
                next++;
                if (next >= sizes.length) {
                    sizes = java.util.Arrays.copyOf(sizes, sizes.length * 2);
                }
                int head = 0;
                int tail = 0;
                ids[s] = next;
                queue[tail++] = s;
                while (head < tail) {
                    int i = queue[head++];
                    int z = i / plane;
                    int r = i % plane;
                    int y = r / nx;
                    int x = r % nx;
                    if (x > 0 && m[i - 1] && ids[i - 1] == 0) {
                        ids[i - 1] = next;
                        queue[tail++] = i - 1;
                    }
                    if (x < nx - 1 && m[i + 1] && ids[i + 1] == 0) {
                        ids[i + 1] = next;
                        queue[tail++] = i + 1;
                    }
                    if (y > 0 && m[i - nx] && ids[i - nx] == 0) {
                        ids[i - nx] = next;
                        queue[tail++] = i - nx;
                    }
                    if (y < ny - 1 && m[i + nx] && ids[i + nx] == 0) {
                        ids[i + nx] = next;
                        queue[tail++] = i + nx;
                    }
                    if (z > 0 && m[i - plane] && ids[i - plane] == 0) {
                        ids[i - plane] = next;
                        queue[tail++] = i - plane;
                    }
                    if (z < nz - 1 && m[i + plane] && ids[i + plane] == 0) {
                        ids[i + plane] = next;
                        queue[tail++] = i + plane;
                    }
                }
                sizes[next] = tail;
            }
            return new Components(ids, java.util.Arrays.copyOf(sizes, next + 1));
        }

        /** The {@code count} largest components with at least {@code minFraction} of the largest's size. */
        boolean[] largest(int count, double minFraction) {
            int n = sizes.length - 1;
            Integer[] order = new Integer[n];
            for (int i = 0; i < n; i++) {
                order[i] = i + 1;
            }
            java.util.Arrays.sort(order, (a, b) -> Long.compare(sizes[b], sizes[a]) != 0
                    ? Long.compare(sizes[b], sizes[a]) : Integer.compare(a, b));
            boolean[] keepId = new boolean[n + 1];
            for (int k = 0; k < Math.min(count, n); k++) {
                if (sizes[order[k]] >= minFraction * sizes[order[0]]) {
                    keepId[order[k]] = true;
                }
            }
            boolean[] out = new boolean[ids.length];
            for (int i = 0; i < ids.length; i++) {
                out[i] = keepId[ids[i]];
            }
            return out;
        }
    }
}
