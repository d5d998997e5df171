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
        int px = nb.strideY();
        int py = nb.strideZ() / px;
        int pz = a.length / nb.strideZ();
        // (z, y, x) dimensions as pyradiomics numbers them: force2Ddim names the one that does not move
        int[] scratch = new int[Math.max(px, Math.max(px * py, px * pz))];
        if (force2Ddim != 0) {
            alongZ(a, px, py, pz, r, scratch);
        }
        if (force2Ddim != 1) {
            alongY(a, px, py, pz, r, scratch);
        }
        if (force2Ddim != 2) {
            alongX(a, px, py * pz, r, scratch);
        }
        return a;
    }

    /*
     * Each pass copies a line bundle (a row, an x-y slice, an x-z plane) to scratch and writes the window sums back:
     * one padded-size array serves all three passes (a body-wide box is ~100 MB an array), and the inner loops run
     * along x over contiguous memory. Positions within r of a line's ends are border (the pad is at least r) and get
     * 0: no region voxel's sum reads them.
     */

    private static void alongX(int[] a, int px, int rows, int r, int[] s) {
        for (int row = 0; row < rows; row++) {
            int o = row * px;
            System.arraycopy(a, o, s, 0, px);
            windowLine(s, a, o, px, r);
        }
    }

    private static void alongY(int[] a, int px, int py, int pz, int r, int[] s) {
        int plane = px * py;
        for (int z = 0; z < pz; z++) {
            System.arraycopy(a, z * plane, s, 0, plane);
            sumRows(s, a, z * plane, px, px, py, r);
        }
    }

    private static void alongZ(int[] a, int px, int py, int pz, int r, int[] s) {
        int plane = px * py;
        for (int y = 0; y < py; y++) {
            for (int z = 0; z < pz; z++) {
                System.arraycopy(a, y * px + z * plane, s, z * px, px);
            }
            sumRows(s, a, y * px, plane, px, pz, r);
        }
    }

    /** Rows j of width w of s (row j at j·w) summed over |k| ≤ r into a at base + j·stride. */
    private static void sumRows(int[] s, int[] a, int base, int stride, int w, int rows, int r) {
        for (int j = 0; j < rows; j++) {
            int o = base + j * stride;
            if (j < r || j >= rows - r) {
                java.util.Arrays.fill(a, o, o + w, 0);
                continue;
            }
            int c = j * w;
            for (int x = 0; x < w; x++) {
                a[o + x] = s[c + x];
            }
            for (int k = 1; k <= r; k++) {
                int lo = c - k * w;
                int hi = c + k * w;
                for (int x = 0; x < w; x++) {
                    a[o + x] += s[lo + x] + s[hi + x];
                }
            }
        }
    }

    /**
     * One line of length n of s summed over |k| ≤ r into a at to: one plain loop per k over the whole line, as in
     * {@link #sumRows}, so that the JIT vectorises them (a running sum would chain every element on the last).
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
