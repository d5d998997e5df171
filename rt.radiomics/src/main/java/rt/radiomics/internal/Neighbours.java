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
    /**
     * Spans of the rows that cover every region voxel, ascending: padded index of a span's first and one past its last
     * region voxel. A row's span is split where the region leaves a gap of {@link #GAP} voxels or more (the two lungs
     * of one ROI), so that loops over the spans do not walk the gap; shorter gaps stay inside a span.
     */
    final int[] spanStart;
    final int[] spanEnd;

    /** The shortest gap that splits a span: shorter ones cost less to walk than another span's start-up. */
    static final int GAP = 16;
    final int pad;
    private final int sx;
    private final int sxy;
    private int[] levelIndex;
    private byte[] levelBytes;

    /** A region's levels copied into the padded form: its voxels are those with a level above 0. */
    Neighbours(Gray gray, int pad) {
        this(gray.g(), new RegionLayout(new int[] {gray.nx(), gray.ny(), gray.nz()}, positive(gray.g()),
                new int[] {0, 0, 0, gray.nx() - 1, gray.ny() - 1, gray.nz() - 1}, pad));
    }

    private Neighbours(int[] levels, RegionLayout layout) {
        this(padded(levels, layout), layout.voxels, layout.spanStart, layout.spanEnd, layout.pad, layout.sx,
                layout.sxy);
    }

    private static boolean[] positive(int[] levels) {
        boolean[] m = new boolean[levels.length];
        for (int i = 0; i < levels.length; i++) {
            m[i] = levels[i] > 0;
        }
        return m;
    }

    private static int[] padded(int[] levels, RegionLayout layout) {
        int[] g = new int[layout.paddedLength];
        for (int k = 0; k < layout.voxels.length; k++) {
            g[layout.voxels[k]] = levels[layout.source[k]];
        }
        return g;
    }

    /**
     * Levels already in padded form: {@code g} holds the levels at {@code voxels} (ascending, every voxel with a
     * level above 0) and 0 elsewhere; the arrays are kept, not copied.
     */
    Neighbours(int[] g, int[] voxels, int[] spanStart, int[] spanEnd, int pad, int sx, int sxy) {
        this.g = g;
        this.voxels = voxels;
        this.spanStart = spanStart;
        this.spanEnd = spanEnd;
        this.pad = pad;
        this.sx = sx;
        this.sxy = sxy;
    }

    /**
     * The spans ({starts, ends}) of padded voxel indices (ascending) on rows of stride {@code sx}: a span ends at the
     * end of its row's voxels or before a gap of more than {@link #GAP}.
     */
    static int[][] spans(int[] voxels, int sx) {
        int[] starts = new int[16];
        int[] ends = new int[16];
        int spans = 0;
        int open = -1;
        int last = -1;
        for (int p : voxels) {
            if (open >= 0 && (p - last > GAP || p / sx != last / sx)) {
                if (spans == starts.length) {
                    starts = java.util.Arrays.copyOf(starts, 2 * spans);
                    ends = java.util.Arrays.copyOf(ends, 2 * spans);
                }
                starts[spans] = open;
                ends[spans++] = last + 1;
                open = -1;
            }
            if (open < 0) {
                open = p;
            }
            last = p;
        }
        if (open >= 0) {
            if (spans == starts.length) {
                starts = java.util.Arrays.copyOf(starts, 2 * spans);
                ends = java.util.Arrays.copyOf(ends, 2 * spans);
            }
            starts[spans] = open;
            ends[spans++] = last + 1;
        }
        return new int[][] {java.util.Arrays.copyOf(starts, spans), java.util.Arrays.copyOf(ends, spans)};
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

    /**
     * {@link #levelIndex} as bytes (computed once; shared by the dependence counts, which read it a word at a time,
     * and the zones, which flood a copy), with {@link Long#BYTES} spare zero bytes at the end so that a word read at
     * a row's last voxels stays inside; null when the levels present are more than 255.
     */
    byte[] levelBytes(int[] lut, int levelsPresent) {
        if (levelsPresent > 255) {
            return null;
        }
        if (levelBytes == null) {
            int[] li = levelIndex(lut);
            byte[] b = new byte[li.length + Long.BYTES];
            for (int i : voxels) {
                b[i] = (byte) li[i];
            }
            levelBytes = b;
        }
        return levelBytes;
    }

    static int maxOffset(int[] distances) {
        int m = 1;
        for (int d : distances) {
            m = Math.max(m, d);
        }
        return m;
    }
}
