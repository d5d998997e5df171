package rt.imaging;

import rt.api.image.Grid;

/** Grid helpers: new grids with another spacing or size, lattice alignment of cropped grids. */
public final class Grids {

    /** Tolerance for "same lattice": fraction of a voxel for origins, relative for spacing, absolute for cosines. */
    public static final double LATTICE_TOLERANCE = 1e-3;

    private Grids() {
    }

    /**
     * A grid with the given spacing covering the same extent: same direction, size per axis
     * {@code max(1, ceil(n * s / s'))} (1e-6 slack), centred on the centre of {@code grid}. Its outermost voxel
     * centres lie inside the extent of {@code grid}, so resampling onto it needs no fill values.
     */
    public static Grid withSpacing(Grid grid, double[] spacing) {
        check3(spacing);
        int[] n = {grid.nx(), grid.ny(), grid.nz()};
        int[] m = new int[3];
        for (int a = 0; a < 3; a++) {
            if (!(spacing[a] > 0) || Double.isInfinite(spacing[a])) {
                throw new IllegalArgumentException("spacing must be positive: " + spacing[a]);
            }
            m[a] = Math.max(1, (int) Math.ceil(n[a] * grid.spacing(a) / spacing[a] - 1e-6));
        }
        double[] centre = grid.indexToWorld((n[0] - 1) / 2.0, (n[1] - 1) / 2.0, (n[2] - 1) / 2.0);
        double[] origin = centre.clone();
        for (int a = 0; a < 3; a++) {
            double half = (m[a] - 1) / 2.0 * spacing[a];
            for (int c = 0; c < 3; c++) {
                origin[c] -= half * grid.direction(a, c);
            }
        }
        return new Grid(m[0], m[1], m[2], origin, spacing, grid.direction());
    }

    /**
     * A grid of the given size whose extent (outer voxel faces) coincides with that of {@code grid}: spacing
     * {@code s * n / n'} per axis (the "stretch the array" convention of array resize functions).
     */
    public static Grid withSize(Grid grid, int nx, int ny, int nz) {
        int[] n = {grid.nx(), grid.ny(), grid.nz()};
        int[] m = {nx, ny, nz};
        double[] spacing = new double[3];
        double[] origin = grid.indexToWorld(-0.5, -0.5, -0.5);
        for (int a = 0; a < 3; a++) {
            if (m[a] <= 0) {
                throw new IllegalArgumentException("sizes must be positive: " + nx + "x" + ny + "x" + nz);
            }
            spacing[a] = grid.spacing(a) * n[a] / m[a];
            for (int c = 0; c < 3; c++) {
                origin[c] += 0.5 * spacing[a] * grid.direction(a, c);
            }
        }
        return new Grid(nx, ny, nz, origin, spacing, grid.direction());
    }

    /**
     * Integer voxel offset (i, j, k) of {@code child}'s voxel (0,0,0) in {@code parent}'s lattice, or null when
     * the two grids do not share a lattice (different spacing or direction, or a non-integral origin offset,
     * tolerance {@link #LATTICE_TOLERANCE}). The child may extend beyond the parent.
     */
    public static int[] offset(Grid parent, Grid child) {
        for (int a = 0; a < 3; a++) {
            if (Math.abs(parent.spacing(a) - child.spacing(a)) > LATTICE_TOLERANCE * parent.spacing(a)) {
                return null;
            }
            for (int c = 0; c < 3; c++) {
                if (Math.abs(parent.direction(a, c) - child.direction(a, c)) > LATTICE_TOLERANCE) {
                    return null;
                }
            }
        }
        double[] o = child.origin();
        double[] idx = parent.worldToIndex(o[0], o[1], o[2]);
        int[] off = new int[3];
        for (int a = 0; a < 3; a++) {
            off[a] = (int) Math.round(idx[a]);
            if (Math.abs(idx[a] - off[a]) > LATTICE_TOLERANCE) {
                return null;
            }
        }
        return off;
    }

    /** Like {@link #offset} but throws an IllegalArgumentException naming both grids when not aligned. */
    public static int[] requireOffset(Grid parent, Grid child) {
        int[] off = offset(parent, child);
        if (off == null) {
            throw new IllegalArgumentException("grids are not on the same voxel lattice: " + parent + " vs " + child
                    + " (resample one of them first)");
        }
        return off;
    }

    /** The sub-grid of {@code grid} from voxel (i0,j0,k0) to (i1,j1,k1) inclusive (may extend beyond it). */
    public static Grid crop(Grid grid, int i0, int j0, int k0, int i1, int j1, int k1) {
        return grid.crop(i0, j0, k0, i1 - i0 + 1, j1 - j0 + 1, k1 - k0 + 1);
    }

    /** The smallest grid on {@code a}'s lattice that covers both {@code a} and {@code b} (same lattice). */
    public static Grid bounding(Grid a, Grid b) {
        int[] off = requireOffset(a, b);
        int i0 = Math.min(0, off[0]);
        int j0 = Math.min(0, off[1]);
        int k0 = Math.min(0, off[2]);
        int i1 = Math.max(a.nx(), off[0] + b.nx()) - 1;
        int j1 = Math.max(a.ny(), off[1] + b.ny()) - 1;
        int k1 = Math.max(a.nz(), off[2] + b.nz()) - 1;
        return crop(a, i0, j0, k0, i1, j1, k1);
    }

    /** The overlap of {@code a} and {@code b} on {@code a}'s lattice, or null when they do not overlap. */
    public static Grid overlap(Grid a, Grid b) {
        int[] off = requireOffset(a, b);
        int i0 = Math.max(0, off[0]);
        int j0 = Math.max(0, off[1]);
        int k0 = Math.max(0, off[2]);
        int i1 = Math.min(a.nx(), off[0] + b.nx()) - 1;
        int j1 = Math.min(a.ny(), off[1] + b.ny()) - 1;
        int k1 = Math.min(a.nz(), off[2] + b.nz()) - 1;
        if (i1 < i0 || j1 < j0 || k1 < k0) {
            return null;
        }
        return crop(a, i0, j0, k0, i1, j1, k1);
    }

    /**
     * The 3×4 affine (row-major) that maps a continuous index of {@code from} to a continuous index of
     * {@code to}: {@code to = A * (i, j, k, 1)}.
     */
    public static double[] indexToIndex(Grid from, Grid to) {
        double[] o = from.indexToWorld(0, 0, 0);
        double[] base = to.worldToIndex(o[0], o[1], o[2]);
        double[] m = new double[12];
        for (int a = 0; a < 3; a++) {
            double[] p = from.indexToWorld(a == 0 ? 1 : 0, a == 1 ? 1 : 0, a == 2 ? 1 : 0);
            double[] q = to.worldToIndex(p[0], p[1], p[2]);
            for (int r = 0; r < 3; r++) {
                m[r * 4 + a] = q[r] - base[r];
            }
        }
        for (int r = 0; r < 3; r++) {
            m[r * 4 + 3] = base[r];
        }
        return m;
    }

    static void check3(double[] v) {
        if (v == null || v.length != 3) {
            throw new IllegalArgumentException("need 3 values");
        }
    }
}
