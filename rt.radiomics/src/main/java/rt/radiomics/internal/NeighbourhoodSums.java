package rt.radiomics.internal;

/**
 * Sums over the neighbourhood of every voxel when the neighbour offsets are all offsets of infinity norm 1..R (a cube
 * of side 2R + 1 without its centre, or a square with force2D): then the sums of grey levels and of region voxels
 * are box sums, separable running sums instead of (2R + 1)³ − 1 lookups per voxel. Offsets that pyradiomics drops
 * because they exceed the box read the zero border and add nothing, so the sums are the same exact integers.
 *
 * <p>The sums are made span by span, in ascending order: each slice's in-plane box sum is made once, over the rows and
 * columns that the spans of the slices around it cover, and kept in a ring of 2R + 1 slices; a span's sums add up the
 * ring at its voxels. Everything stays slice-sized and in the cache, and the box's empty corners are skipped (three
 * passes over the whole padded box, a 70 MB array for both lungs, cost 6 % of a course's radiomics).
 */
final class NeighbourhoodSums {

    private final int[] g;
    /** Neighbours along z (r, or 0 with force2D along z), along y and along x. */
    private final int rz;
    private final int ry;
    private final int rx;
    private final int px;
    private final int plane;
    /** Per slice the rows and columns its spans cover (in-slice coordinates; yLo > yHi when it has none). */
    private final int[] yLo;
    private final int[] yHi;
    private final int[] xLo;
    private final int[] xHi;
    /** In-plane box sums of slices, slice s at ring[s mod ring.length]. */
    private final int[][] ring;
    /** The slice held at each ring position, or −1. */
    private final int[] held;
    private final int[] packed;
    private final int[] rows;

    private NeighbourhoodSums(Neighbours nb, int r, int force2Ddim) {
        this.g = nb.g;
        px = nb.strideY();
        plane = nb.strideZ();
        // (z, y, x) dimensions as pyradiomics numbers them: force2Ddim names the one that does not move
        rz = force2Ddim == 0 ? 0 : r;
        ry = force2Ddim == 1 ? 0 : r;
        rx = force2Ddim == 2 ? 0 : r;
        int pz = g.length / plane;
        yLo = new int[pz];
        yHi = new int[pz];
        xLo = new int[pz];
        xHi = new int[pz];
        java.util.Arrays.fill(yLo, Integer.MAX_VALUE);
        java.util.Arrays.fill(yHi, -1);
        java.util.Arrays.fill(xLo, Integer.MAX_VALUE);
        java.util.Arrays.fill(xHi, -1);
        for (int k = 0; k < nb.spanStart.length; k++) {
            int z = nb.spanStart[k] / plane;
            int at = nb.spanStart[k] - z * plane;
            int y = at / px;
            yLo[z] = Math.min(yLo[z], y);
            yHi[z] = Math.max(yHi[z], y);
            xLo[z] = Math.min(xLo[z], at - y * px);
            xHi[z] = Math.max(xHi[z], nb.spanEnd[k] - 1 - z * plane - y * px);
        }
        ring = new int[2 * rz + 1][plane];
        held = new int[ring.length];
        java.util.Arrays.fill(held, -1);
        packed = new int[plane];
        rows = new int[plane];
    }

    /**
     * @param force2Ddim the (z, y, x) dimension that does not move, or -1
     * @param maxLevel   the largest grey level of the region ({@link Gray#maxLevel()})
     * @return the sums, or null when the distances are not 1..R, the border is narrower than R, or the levels are
     *         too many to pack
     */
    static NeighbourhoodSums of(Neighbours nb, int[] distances, int force2Ddim, int maxLevel) {
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
        int cells = (2 * r + 1) * (2 * r + 1) * (2 * r + 1);
        if (cells > 255 || (long) maxLevel * cells >= (1L << 23)) {
            return null;
        }
        return new NeighbourhoodSums(nb, r, force2Ddim);
    }

    /**
     * out[k] = the box sum of voxel start + k for k &lt; len, centre included: (sum of levels) · 256 + (number of
     * region voxels), for the voxels of one span (a row segment at least the border width from the box's ends, as
     * every region voxel is). Spans must come in ascending order.
     */
    void sums(int start, int len, int[] out) {
        int z = start / plane;
        int at = start - z * plane;
        int[] first = inPlane(z - rz);
        System.arraycopy(first, at, out, 0, len);
        for (int s = z - rz + 1; s <= z + rz; s++) {
            int[] t = inPlane(s);
            for (int k = 0; k < len; k++) {
                out[k] += t[at + k];
            }
        }
    }

    /**
     * The in-plane box sums of slice s, made when first asked, over the rows and columns that the spans of the slices
     * within rz of s cover (no other entry is read).
     */
    private int[] inPlane(int s) {
        int slot = s % ring.length;
        int[] out = ring[slot];
        if (held[slot] == s) {
            return out;
        }
        held[slot] = s;
        int y0 = Integer.MAX_VALUE;
        int y1 = -1;
        int x0 = Integer.MAX_VALUE;
        int x1 = -1;
        for (int z = Math.max(0, s - rz); z <= Math.min(yLo.length - 1, s + rz); z++) {
            y0 = Math.min(y0, yLo[z]);
            y1 = Math.max(y1, yHi[z]);
            x0 = Math.min(x0, xLo[z]);
            x1 = Math.max(x1, xHi[z]);
        }
        if (y1 < y0) {
            return out;
        }
        // both sums in one int: level · 256 + (1 inside the region), summed together (the count stays below 256)
        int from = s * plane;
        int w = x1 - x0 + 1 + 2 * rx;
        for (int y = y0 - ry; y <= y1 + ry; y++) {
            int o = y * px + x0 - rx;
            for (int k = o; k < o + w; k++) {
                int v = g[from + k];
                packed[k] = (v << 8) | ((-v) >>> 31);
            }
        }
        for (int y = y0; y <= y1; y++) {
            int o = y * px + x0 - rx;
            System.arraycopy(packed, o, rows, o, w);
            for (int k = 1; k <= ry; k++) {
                int lo = o - k * px;
                int hi = o + k * px;
                for (int x = 0; x < w; x++) {
                    rows[o + x] += packed[lo + x] + packed[hi + x];
                }
            }
            // along x: one plain loop per k over the row (a running sum would chain every element on the last)
            int c = y * px + x0;
            int n = x1 - x0 + 1;
            System.arraycopy(rows, c, out, c, n);
            for (int k = 1; k <= rx; k++) {
                for (int x = 0; x < n; x++) {
                    out[c + x] += rows[c + x - k] + rows[c + x + k];
                }
            }
        }
        return out;
    }
}
