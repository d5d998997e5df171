package rt.radiomics.internal;

/**
 * A discretised region copied into a zero border of width {@code pad}, so that neighbour lookups are plain index
 * offsets without bounds checks (outside the box reads grey level 0 = not in the ROI).
 */
final class Neighbours {

    final int[] g;
    final int[] voxels;
    private final int sx;
    private final int sxy;

    Neighbours(Gray gray, int pad) {
        int px = gray.nx() + 2 * pad;
        int py = gray.ny() + 2 * pad;
        int pz = gray.nz() + 2 * pad;
        sx = px;
        sxy = px * py;
        g = new int[px * py * pz];
        voxels = new int[gray.voxelCount()];
        int n = 0;
        int[] src = gray.g();
        for (int z = 0; z < gray.nz(); z++) {
            for (int y = 0; y < gray.ny(); y++) {
                for (int x = 0; x < gray.nx(); x++) {
                    int v = src[x + gray.nx() * (y + gray.ny() * z)];
                    if (v > 0) {
                        int i = (x + pad) + sx * (y + pad) + sxy * (z + pad);
                        g[i] = v;
                        voxels[n++] = i;
                    }
                }
            }
        }
    }

    /** Flat index offsets of (dz, dy, dx) offsets. */
    int[] deltas(int[][] angles) {
        int[] d = new int[angles.length];
        for (int a = 0; a < angles.length; a++) {
            d[a] = angles[a][0] * sxy + angles[a][1] * sx + angles[a][2];
        }
        return d;
    }

    static int maxOffset(int[] distances) {
        int m = 1;
        for (int d : distances) {
            m = Math.max(m, d);
        }
        return m;
    }
}
