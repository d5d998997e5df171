package rt.radiomics.internal;

/**
 * Sums over the neighbourhood of every voxel when the neighbour offsets are all offsets of infinity norm 1..R (a cube
 * of side 2R + 1 without its centre, or a square with force2D): then the sums of grey levels and of region voxels
 * are box sums, three running sums instead of (2R + 1)³ − 1 lookups per voxel. Offsets that pyradiomics drops because
 * they exceed the box read the zero border and add nothing, so the sums are the same exact integers.
 */
final class NeighbourhoodSums {

    private NeighbourhoodSums() {
    }

    /**
     * @param force2Ddim the (z, y, x) dimension that does not move, or -1
     * @return per padded voxel (box sum of levels) · 256 + (box sum of region voxels), centre included; null when the
     *         distances are not 1..R, the border is narrower than R, or the levels are too many to pack
     */
    static int[] of(Neighbours nb, int[] distances, int force2Ddim) {
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
        int[] g = nb.g;
        int maxLevel = 0;
        for (int i : nb.voxels) {
            maxLevel = Math.max(maxLevel, g[i]);
        }
        int cells = (2 * r + 1) * (2 * r + 1) * (2 * r + 1);
        if (cells > 255 || (long) maxLevel * cells >= (1L << 23)) {
            return null;
        }
        // both sums in one int: level · 256 + (1 inside the region), summed together (the count stays below 256)
        int[] a = new int[g.length];
        for (int i : nb.voxels) {
            a[i] = (g[i] << 8) | 1;
        }
        int[] stride = {nb.strideZ(), nb.strideY(), 1};
        for (int dim = 0; dim < 3; dim++) {
            if (dim != force2Ddim) {
                window(a, stride[dim], r);
            }
        }
        return a;
    }

    /**
     * a[i] = Σ a[i + k·stride] for |k| ≤ r, in place, inside [r·stride, n − r·stride) (0 outside: only border that no
     * region voxel's sum reads). The original values of the last r·stride voxels ride along in a ring, so one
     * padded-size array serves all three passes (a body-wide box is ~100 MB an array).
     */
    private static void window(int[] a, int stride, int r) {
        int reach = r * stride;
        int lo = reach;
        int hi = a.length - reach;
        if (hi <= lo) {
            java.util.Arrays.fill(a, 0);
            return;
        }
        // ring[j] holds the original a[i − reach + …]: slot (i mod reach) holds a[i − reach] when i is visited
        int[] ring = java.util.Arrays.copyOfRange(a, 0, reach);
        int slot = 0;
        for (int i = lo; i < hi; i++) {
            int own = a[i];
            int sum = own;
            for (int k = 1; k <= r; k++) {
                int back = slot - k * stride;
                sum += ring[back < 0 ? back + reach : back] + a[i + k * stride];
            }
            ring[slot] = own;
            a[i] = sum;
            if (++slot == reach) {
                slot = 0;
            }
        }
        java.util.Arrays.fill(a, 0, lo, 0);
        java.util.Arrays.fill(a, hi, a.length, 0);
    }
}
