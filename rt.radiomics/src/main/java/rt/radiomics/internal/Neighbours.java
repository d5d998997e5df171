package rt.radiomics.internal;

/**
 * A discretised region copied into a zero border of width {@code pad}, so that neighbour lookups are plain index
 * offsets without bounds checks (outside the box reads grey level 0 = not in the ROI). Built once per discretised
 * image and shared by the texture classes (any pad at least as wide as their largest offset will do).
 */
final class Neighbours {

    /** Voxels per tile of the texture loops: the tile's counters and its neighbourhood stay in the caches. */
    static final int TILE = 4096;

    final int[] g;
    /** Padded flat indices of the region's voxels, ascending. */
    final int[] voxels;
    /** Per row that holds region voxels: padded index of its first and one past its last region voxel. */
    final int[] rowStart;
    final int[] rowEnd;
    final int pad;
    private final int sx;
    private final int sxy;
    private int[] levelIndex;

    Neighbours(Gray gray, int pad) {
        this.pad = pad;
        int px = gray.nx() + 2 * pad;
        int py = gray.ny() + 2 * pad;
        int pz = gray.nz() + 2 * pad;
        sx = px;
        sxy = px * py;
        g = new int[px * py * pz];
        int[] src = gray.g();
        int count = 0;
        for (int v : src) {
            if (v > 0) {
                count++;
            }
        }
        voxels = new int[count];
        int[] starts = new int[gray.ny() * gray.nz()];
        int[] ends = new int[starts.length];
        int rows = 0;
        int n = 0;
        for (int z = 0; z < gray.nz(); z++) {
            for (int y = 0; y < gray.ny(); y++) {
                int from = gray.nx() * (y + gray.ny() * z);
                int to = pad + sx * (y + pad) + sxy * (z + pad);
                int before = n;
                for (int x = 0; x < gray.nx(); x++) {
                    int v = src[from + x];
                    if (v > 0) {
                        g[to + x] = v;
                        voxels[n++] = to + x;
                    }
                }
                if (n > before) {
                    starts[rows] = voxels[before];
                    ends[rows++] = voxels[n - 1] + 1;
                }
            }
        }
        rowStart = java.util.Arrays.copyOf(starts, rows);
        rowEnd = java.util.Arrays.copyOf(ends, rows);
    }

    int strideY() {
        return sx;
    }

    int strideZ() {
        return sxy;
    }

    /** Flat index offsets of (dz, dy, dx) offsets. */
    int[] deltas(int[][] angles) {
        int[] d = new int[angles.length];
        for (int a = 0; a < angles.length; a++) {
            d[a] = angles[a][0] * sxy + angles[a][1] * sx + angles[a][2];
        }
        return d;
    }

    /** Per padded voxel its index into the grey levels present plus one, 0 outside the region (computed once). */
    int[] levelIndex(int[] lut) {
        if (levelIndex == null) {
            int[] li = new int[g.length];
            for (int i : voxels) {
                li[i] = lut[g[i]] + 1;
            }
            levelIndex = li;
        }
        return levelIndex;
    }

    static int maxOffset(int[] distances) {
        int m = 1;
        for (int d : distances) {
            m = Math.max(m, d);
        }
        return m;
    }
}
