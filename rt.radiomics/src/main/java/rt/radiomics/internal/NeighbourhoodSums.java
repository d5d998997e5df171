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
        int[] b = new int[g.length];
        int[] stride = {nb.strideZ(), nb.strideY(), 1};
        for (int dim = 0; dim < 3; dim++) {
            if (dim != force2Ddim) {
                window(a, b, stride[dim], r);
                int[] t = a;
                a = b;
                b = t;
            }
        }
        return a;
    }

    /** out[i] = Σ in[i + k·stride] for |k| ≤ r, where those indices exist (the border is zero). */
    private static void window(int[] in, int[] out, int stride, int r) {
        java.util.Arrays.fill(out, 0);
        if (r <= 2) {
            // one pass with a single store per voxel (the border of width ≥ r keeps the reads inside)
            // (outside [r·stride, n − r·stride) lies only border that no region voxel's sum reads)
            int lo = r * stride;
            int hi = in.length - r * stride;
            for (int i = lo; i < hi; i++) {
                out[i] = r == 1 ? in[i - stride] + in[i] + in[i + stride]
                        : in[i - 2 * stride] + in[i - stride] + in[i] + in[i + stride] + in[i + 2 * stride];
            }
            return;
        }
        for (int k = -r; k <= r; k++) {
            int off = k * stride;
            int lo = Math.max(0, -off);
            int hi = Math.min(in.length, in.length - off);
            for (int i = lo; i < hi; i++) {
                out[i] += in[i + off];
            }
        }
    }
}
