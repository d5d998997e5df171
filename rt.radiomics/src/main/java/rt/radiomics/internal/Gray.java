package rt.radiomics.internal;

/**
 * A discretised region: grey levels 1..Ng inside the mask, 0 outside, x fastest.
 *
 * @param g      grey level per voxel (Not modified)
 * @param ng     the highest grey level in the region (pyradiomics' Ng)
 * @param levels the grey levels present, ascending
 * @param lut    grey level → index into {@code levels}, -1 where absent (length ng + 1)
 */
public record Gray(int nx, int ny, int nz, int[] g, int ng, int[] levels, int[] lut) {

    public static Gray of(int nx, int ny, int nz, int[] g) {
        int ng = 0;
        for (int v : g) {
            ng = Math.max(ng, v);
        }
        boolean[] present = new boolean[ng + 1];
        for (int v : g) {
            present[v] = true;
        }
        return withLevels(nx, ny, nz, g, present);
    }

    /**
     * A region whose grey levels are those marked in {@code present} (index = level; 0, not a level, is ignored): Ng
     * is the highest index marked (0 when none above 0).
     */
    static Gray withLevels(int nx, int ny, int nz, int[] g, boolean[] present) {
        int ng = present.length - 1;
        while (ng > 0 && !present[ng]) {
            ng--;
        }
        int n = 0;
        for (int v = 1; v <= ng; v++) {
            if (present[v]) {
                n++;
            }
        }
        int[] levels = new int[n];
        int[] lut = new int[ng + 1];
        java.util.Arrays.fill(lut, -1);
        n = 0;
        for (int v = 1; v <= ng; v++) {
            if (present[v]) {
                lut[v] = n;
                levels[n++] = v;
            }
        }
        return new Gray(nx, ny, nz, g, ng, levels, lut);
    }

    public int[] sizeZyx() {
        return new int[] {nz, ny, nx};
    }

    /** Flat index of the neighbour at offset (dz, dy, dx) of voxel (x, y, z), or -1 outside the box. */
    public int neighbour(int x, int y, int z, int[] a) {
        int zz = z + a[0];
        int yy = y + a[1];
        int xx = x + a[2];
        if (zz < 0 || zz >= nz || yy < 0 || yy >= ny || xx < 0 || xx >= nx) {
            return -1;
        }
        return xx + nx * (yy + ny * zz);
    }

    public int voxelCount() {
        int n = 0;
        for (int v : g) {
            if (v > 0) {
                n++;
            }
        }
        return n;
    }

    /** The largest grey level present, 0 when none is. */
    int maxLevel() {
        return levels.length == 0 ? 0 : levels[levels.length - 1];
    }
}
