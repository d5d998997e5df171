package rt.imaging;

import java.util.List;
import rt.api.image.Grid;
import rt.api.image.LabelMap;
import rt.api.image.Mask;

/**
 * Mask utilities and boolean operations. Masks may live on different crops of one parent grid (same spacing and
 * direction, origins an integral number of voxels apart); operands on other lattices are rejected with an
 * IllegalArgumentException — bring them onto one lattice first with {@link Resample#mask}. Inputs are never
 * modified; results are new arrays.
 */
public final class Masks {

    private Masks() {
    }

    /** An all-false mask on {@code grid}. */
    public static Mask empty(Grid grid) {
        return new Mask(grid, new boolean[Math.toIntExact(grid.voxelCount())]);
    }

    /** Whether no voxel is inside. */
    public static boolean isEmpty(Mask m) {
        for (boolean b : m.inside()) {
            if (b) {
                return false;
            }
        }
        return true;
    }

    /** Inclusive bounding box {i0, j0, k0, i1, j1, k1} of the inside voxels, or null when the mask is empty. */
    public static int[] boundingBox(Mask m) {
        Grid g = m.grid();
        return boundingBox(m.inside(), g.nx(), g.ny(), g.nz());
    }

    /** The same for voxels x fastest on an nx × ny × nz lattice. */
    public static int[] boundingBox(boolean[] inside, int nx, int ny, int nz) {
        int[] bb = {Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE, -1, -1, -1};
        // row by row: a row's first and last voxel inside settle x, any voxel settles y and z
        for (int k = 0, n = 0; k < nz; k++) {
            for (int j = 0; j < ny; j++, n += nx) {
                int first = -1;
                int last = -1;
                for (int i = 0; i < nx; i++) {
                    if (inside[n + i]) {
                        if (first < 0) {
                            first = i;
                        }
                        last = i;
                    }
                }
                if (first >= 0) {
                    bb[0] = Math.min(bb[0], first);
                    bb[1] = Math.min(bb[1], j);
                    bb[2] = Math.min(bb[2], k);
                    bb[3] = Math.max(bb[3], last);
                    bb[4] = Math.max(bb[4], j);
                    bb[5] = Math.max(bb[5], k);
                }
            }
        }
        return bb[3] < 0 ? null : bb;
    }

    /**
     * The mask cropped to its bounding box grown by {@code padding} voxels per side (the padding may extend
     * beyond the original grid). An empty mask becomes an empty 1×1×1 mask at its grid's first voxel.
     */
    public static Mask cropToContent(Mask m, int padding) {
        int[] box = boundingBox(m);
        if (box == null) {
            return empty(m.grid().crop(0, 0, 0, 1, 1, 1));
        }
        Grid target = Grids.crop(m.grid(), box[0] - padding, box[1] - padding, box[2] - padding,
                box[3] + padding, box[4] + padding, box[5] + padding);
        return embed(m, target);
    }

    /**
     * {@code m} copied onto {@code target} (same lattice): target voxels outside {@code m}'s grid are false,
     * inside voxels of {@code m} outside {@code target} are dropped.
     */
    public static Mask embed(Mask m, Grid target) {
        int[] off = Grids.requireOffset(target, m.grid());
        boolean[] out = new boolean[Math.toIntExact(target.voxelCount())];
        copy(m, off, target, out, Op.OR);
        return new Mask(target, out);
    }

    /** The mask of one label of a label map, cropped to its bounding box (empty 1×1×1 when absent). */
    public static Mask fromLabel(LabelMap labels, int label) {
        Grid g = labels.grid();
        short[] v = labels.labels();
        short l = (short) label;
        int nx = g.nx();
        int ny = g.ny();
        int i0 = Integer.MAX_VALUE, j0 = Integer.MAX_VALUE, k0 = Integer.MAX_VALUE, i1 = -1, j1 = -1, k1 = -1;
        int n = 0;
        for (int k = 0; k < g.nz(); k++) {
            for (int j = 0; j < ny; j++) {
                for (int i = 0; i < nx; i++, n++) {
                    if (v[n] == l) {
                        i0 = Math.min(i0, i);
                        i1 = Math.max(i1, i);
                        j0 = Math.min(j0, j);
                        j1 = Math.max(j1, j);
                        k0 = Math.min(k0, k);
                        k1 = k;
                    }
                }
            }
        }
        if (i1 < 0) {
            return empty(g.crop(0, 0, 0, 1, 1, 1));
        }
        Grid crop = Grids.crop(g, i0, j0, k0, i1, j1, k1);
        boolean[] out = new boolean[Math.toIntExact(crop.voxelCount())];
        int cx = crop.nx();
        int cy = crop.ny();
        int m = 0;
        for (int k = k0; k <= k1; k++) {
            for (int j = j0; j <= j1; j++) {
                int base = nx * (j + ny * k);
                for (int i = i0; i <= i1; i++) {
                    out[m++] = v[base + i] == l;
                }
            }
        }
        assert m == cx * cy * crop.nz();
        return new Mask(crop, out);
    }

    /** Voxels inside {@code a} or {@code b}, on the bounding grid of both grids. */
    public static Mask union(Mask a, Mask b) {
        return combine(a, b, Grids.bounding(a.grid(), b.grid()), Op.OR);
    }

    /** Union of one or more masks on the bounding grid of all of them. */
    public static Mask union(List<Mask> masks) {
        if (masks.isEmpty()) {
            throw new IllegalArgumentException("union of no masks");
        }
        Grid g = masks.get(0).grid();
        for (Mask m : masks) {
            g = Grids.bounding(g, m.grid());
        }
        boolean[] out = new boolean[Math.toIntExact(g.voxelCount())];
        for (Mask m : masks) {
            copy(m, Grids.requireOffset(g, m.grid()), g, out, Op.OR);
        }
        return new Mask(g, out);
    }

    /** Voxels inside both, on the overlap of the two grids (an empty 1×1×1 mask when they do not overlap). */
    public static Mask intersection(Mask a, Mask b) {
        Grid g = Grids.overlap(a.grid(), b.grid());
        if (g == null) {
            return empty(a.grid().crop(0, 0, 0, 1, 1, 1));
        }
        Mask ea = embed(a, g);
        copy(b, Grids.requireOffset(g, b.grid()), g, ea.inside(), Op.AND);
        return ea;
    }

    /** Voxels inside {@code a} and not inside {@code b}, on {@code a}'s grid. */
    public static Mask subtract(Mask a, Mask b) {
        Mask out = new Mask(a.grid(), a.inside().clone());
        copy(b, Grids.requireOffset(a.grid(), b.grid()), a.grid(), out.inside(), Op.AND_NOT);
        return out;
    }

    /** Voxels inside exactly one of {@code a} and {@code b}, on the bounding grid of both. */
    public static Mask xor(Mask a, Mask b) {
        return combine(a, b, Grids.bounding(a.grid(), b.grid()), Op.XOR);
    }

    /** The complement of {@code m} within its own grid. */
    public static Mask not(Mask m) {
        boolean[] in = m.inside();
        boolean[] out = new boolean[in.length];
        for (int n = 0; n < in.length; n++) {
            out[n] = !in[n];
        }
        return new Mask(m.grid(), out);
    }

    private static Mask combine(Mask a, Mask b, Grid g, Op op) {
        boolean[] out = new boolean[Math.toIntExact(g.voxelCount())];
        copy(a, Grids.requireOffset(g, a.grid()), g, out, Op.OR);
        copy(b, Grids.requireOffset(g, b.grid()), g, out, op);
        return new Mask(g, out);
    }

    private enum Op { OR, AND, AND_NOT, XOR }

    /** Applies {@code op} of src (placed at offset {@code off} in target) into dst; AND clears dst outside src. */
    private static void copy(Mask src, int[] off, Grid target, boolean[] dst, Op op) {
        Grid s = src.grid();
        boolean[] in = src.inside();
        int tx = target.nx();
        int ty = target.ny();
        int tz = target.nz();
        if (op == Op.AND) {
            // Clear everything outside src, then AND the overlap.
            boolean[] keep = new boolean[dst.length];
            forOverlap(s, off, tx, ty, tz, (sn, tn) -> keep[tn] = in[sn]);
            for (int n = 0; n < dst.length; n++) {
                dst[n] &= keep[n];
            }
            return;
        }
        switch (op) {
            case OR -> forOverlap(s, off, tx, ty, tz, (sn, tn) -> dst[tn] |= in[sn]);
            case AND_NOT -> forOverlap(s, off, tx, ty, tz, (sn, tn) -> dst[tn] &= !in[sn]);
            case XOR -> forOverlap(s, off, tx, ty, tz, (sn, tn) -> dst[tn] ^= in[sn]);
            default -> throw new IllegalStateException();
        }
    }

    private interface Pair {
        void apply(int srcIndex, int dstIndex);
    }

    private static void forOverlap(Grid s, int[] off, int tx, int ty, int tz, Pair p) {
        int sx = s.nx();
        int sy = s.ny();
        int i0 = Math.max(0, -off[0]);
        int i1 = Math.min(sx, tx - off[0]);
        int j0 = Math.max(0, -off[1]);
        int j1 = Math.min(sy, ty - off[1]);
        int k0 = Math.max(0, -off[2]);
        int k1 = Math.min(s.nz(), tz - off[2]);
        for (int k = k0; k < k1; k++) {
            for (int j = j0; j < j1; j++) {
                int sBase = sx * (j + sy * k);
                int tBase = tx * (j + off[1] + ty * (k + off[2])) + off[0];
                for (int i = i0; i < i1; i++) {
                    p.apply(sBase + i, tBase + i);
                }
            }
        }
    }
}
