package rt.radiomics.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * Neighbour offsets (dz, dy, dx) as pyradiomics generates them: every offset whose infinity norm is one of the
 * distances, none that moves out of a dimension smaller than the offset, none that moves along the forced-2D dimension,
 * and for one-directional use only the first (positive) half of each pair.
 */
public final class Angles {

    private Angles() {
    }

    /**
     * @param sizeZyx        the bounding box size (z, y, x)
     * @param distances      infinity-norm distances, each at least 1
     * @param bidirectional  keep both members of each ± pair
     * @param force2Ddim     the dimension (0 = z, 1 = y, 2 = x) that may not move, or -1
     * @return offsets, each {dz, dy, dx}
     */
    public static int[][] generate(int[] sizeZyx, int[] distances, boolean bidirectional, int force2Ddim) {
        int maxD = 0;
        for (int d : distances) {
            if (d < 1) {
                throw new IllegalArgumentException("distances must be at least 1: " + d);
            }
            maxD = Math.max(maxD, d);
        }
        List<int[]> out = new ArrayList<>();
        for (int dz = maxD; dz >= -maxD; dz--) {
            for (int dy = maxD; dy >= -maxD; dy--) {
                for (int dx = maxD; dx >= -maxD; dx--) {
                    int[] a = {dz, dy, dx};
                    int norm = 0;
                    boolean valid = true;
                    for (int d = 0; d < 3; d++) {
                        if ((d == force2Ddim && a[d] != 0) || a[d] >= sizeZyx[d] || a[d] <= -sizeZyx[d]) {
                            valid = false;
                            break;
                        }
                        norm = Math.max(norm, Math.abs(a[d]));
                    }
                    if (!valid || norm == 0 || !contains(distances, norm)) {
                        continue;
                    }
                    out.add(a);
                }
            }
        }
        if (!bidirectional) {
            return out.subList(0, out.size() / 2).toArray(new int[0][]);
        }
        return out.toArray(new int[0][]);
    }

    private static boolean contains(int[] values, int v) {
        for (int x : values) {
            if (x == v) {
                return true;
            }
        }
        return false;
    }
}
