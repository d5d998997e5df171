package rt.radiomics.internal;

/**
 * Sums over the neighbourhood of every voxel when the neighbour offsets are all offsets of infinity norm 1..R (a cube
 * of side 2R + 1 without its centre, or a square with force2D): then the sums of grey levels and of region voxels
 * are box sums, separable running sums instead of (2R + 1)³ − 1 lookups per voxel. Offsets that pyradiomics drops
 * because they exceed the box read the zero border and add nothing, so the sums are the same exact integers.
 *
 * <p>The sums are made a slice at a time, for slices asked in ascending order: each slice's in-plane box sum is made
 * once and kept in a ring of 2R + 1 slices, and a slice's sums add up the ring. Everything stays slice-sized and in
 * the cache; box-sized passes (three over a padded-box array, a 70 MB array for both lungs) were bound by memory
 * traffic.
 */
final class NeighbourhoodSums {

    private final int[] g;
    private final int r;
    /** Neighbours along z (r, or 0 with force2D along z). */
    private final int rz;
    private final boolean alongY;
    private final boolean alongX;
    private final int px;
    private final int py;
    private final int plane;
    /** In-plane box sums of slices, slice s at ring[s mod ring.length]. */
    private final int[][] ring;
    /** The slice held at each ring position, or −1. */
    private final int[] held;
    private final int[] packed;
    private final int[] rows;
    private final int[] line;
    private final int[] sums;
    private int sumsOf = -1;

    private NeighbourhoodSums(Neighbours nb, int r, int force2Ddim) {
        this.g = nb.g;
        this.r = r;
        px = nb.strideY();
        plane = nb.strideZ();
        py = plane / px;
        // (z, y, x) dimensions as pyradiomics numbers them: force2Ddim names the one that does not move
        rz = force2Ddim == 0 ? 0 : r;
        alongY = force2Ddim != 1;
        alongX = force2Ddim != 2;
        ring = new int[2 * rz + 1][plane];
        held = new int[ring.length];
        java.util.Arrays.fill(held, -1);
        packed = new int[plane];
        rows = new int[plane];
        line = new int[px];
        sums = new int[plane];
    }

    /**
     * @param force2Ddim the (z, y, x) dimension that does not move, or -1
     * @return the sums, or null when the distances are not 1..R, the border is narrower than R, or the levels are
     *         too many to pack
     */
    static NeighbourhoodSums of(Neighbours nb, int[] distances, int force2Ddim) {
        int r = Neighbours.maxOffset(distances);
        boolean[] seen = new boolean[r + 1];
        for (int d : distances) {
            seen[d] = true;
        }
        for (int d = 1; d <= r; d++) {
            if (!seen[d]) {
                return null;
            }
        }
        if (nb.pad < r) {
            return null;
        }
        int maxLevel = 0;
        for (int i : nb.voxels) {
            maxLevel = Math.max(maxLevel, nb.g[i]);
        }
        int cells = (2 * r + 1) * (2 * r + 1) * (2 * r + 1);
        if (cells > 255 || (long) maxLevel * cells >= (1L << 23)) {
            return null;
        }
        return new NeighbourhoodSums(nb, r, force2Ddim);
    }

    /**
     * The box sums of padded slice z, centre included, per voxel of the slice (index minus z · plane): (sum of
     * levels) · 256 + (number of region voxels). Slices must be asked in ascending order, each at least the
     * border width from the box's ends (as every region voxel is); the array is reused by the next slice.
     */
    int[] slice(int z) {
        if (z == sumsOf) {
            return sums;
        }
        int[] first = inPlane(z - rz);
        System.arraycopy(first, 0, sums, 0, plane);
        for (int s = z - rz + 1; s <= z + rz; s++) {
            int[] t = inPlane(s);
            for (int k = 0; k < plane; k++) {
                sums[k] += t[k];
            }
        }
        sumsOf = z;
        return sums;
    }

    /** The in-plane box sums of slice s, made when first asked. */
    private int[] inPlane(int s) {
        int slot = s % ring.length;
        int[] out = ring[slot];
        if (held[slot] == s) {
            return out;
        }
        held[slot] = s;
        // both sums in one int: level · 256 + (1 inside the region), summed together (the count stays below 256)
        int from = s * plane;
        for (int k = 0; k < plane; k++) {
            int v = g[from + k];
            packed[k] = (v << 8) | ((-v) >>> 31);
        }
        int[] src = packed;
        if (alongY) {
            sumRows(src, rows);
            src = rows;
        }
        if (alongX) {
            for (int j = 0; j < py; j++) {
                System.arraycopy(src, j * px, line, 0, px);
                windowLine(line, out, j * px, px, r);
            }
        } else {
            System.arraycopy(src, 0, out, 0, plane);
        }
        return out;
    }

    /** Rows of the slice s summed over |k| ≤ r into a (rows within r of the slice's edges are border: 0). */
    private void sumRows(int[] s, int[] a) {
        for (int j = 0; j < py; j++) {
            int o = j * px;
            if (j < r || j >= py - r) {
                java.util.Arrays.fill(a, o, o + px, 0);
                continue;
            }
            System.arraycopy(s, o, a, o, px);
            for (int k = 1; k <= r; k++) {
                int lo = o - k * px;
                int hi = o + k * px;
                for (int x = 0; x < px; x++) {
                    a[o + x] += s[lo + x] + s[hi + x];
                }
            }
        }
    }

    /**
     * One line of length n of s summed over |k| ≤ r into a at to: one plain loop per k over the whole line, so that
     * the JIT vectorises them (a running sum would chain every element on the last). Positions within r of the ends
     * are border and get 0.
     */
    private static void windowLine(int[] s, int[] a, int to, int n, int r) {
        java.util.Arrays.fill(a, to, to + r, 0);
        java.util.Arrays.fill(a, to + n - r, to + n, 0);
        int lo = r;
        int hi = n - r;
        for (int i = lo; i < hi; i++) {
            a[to + i] = s[i];
        }
        for (int k = 1; k <= r; k++) {
            for (int i = lo; i < hi; i++) {
                a[to + i] += s[i - k] + s[i + k];
            }
        }
    }
}
