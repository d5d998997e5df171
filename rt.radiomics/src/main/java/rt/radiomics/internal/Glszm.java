package rt.radiomics.internal;

import java.util.Map;

/** Grey level size zone matrix features (pyradiomics {@code glszm}, 16 features). */
public final class Glszm {

    private Glszm() {
    }

    /** Names in the order of {@link RunFeatures#runLike}. */
    static final String[] NAMES = {"GrayLevelNonUniformity", "GrayLevelNonUniformityNormalized",
        "GrayLevelVariance", "HighGrayLevelZoneEmphasis", "LargeAreaEmphasis", "LargeAreaHighGrayLevelEmphasis",
        "LargeAreaLowGrayLevelEmphasis", "LowGrayLevelZoneEmphasis", "ZoneEntropy", "SizeZoneNonUniformity",
        "SizeZoneNonUniformityNormalized", "ZonePercentage", "ZoneVariance", "SmallAreaEmphasis",
        "SmallAreaHighGrayLevelEmphasis", "SmallAreaLowGrayLevelEmphasis"};

    /**
     * Zones: connected voxels of equal grey level (26-connected in 3D, 8-connected with force2D).
     *
     * @return {level index, size} per zone, flattened
     */
    static int[] zones(Gray gray, int force2Ddim) {
        return zones(gray, new Neighbours(gray, 1), force2Ddim);
    }

    /**
     * Flood fill on a scratch copy of the padded levels: a voxel is cleared to 0 when it joins a zone, so one load
     * tells both "same level" and "not yet visited" (0 never equals a level ≥ 1, like the border). In 3D with at most
     * 254 levels the copy holds level indices + 1 as bytes: most voxels lie in a few large zones whose fill wanders
     * through the whole box, and a quarter of the bytes keeps more of it in the cache (18 % less time on a 3,000 cc
     * ROI).
     */
    static int[] zones(Gray gray, Neighbours nb, int force2Ddim) {
        if (force2Ddim < 0 && gray.levels().length <= 254) {
            return zones26(nb.levelBytes(gray.lut(), gray.levels().length).clone(), nb);
        }
        int[] deltas = nb.deltas(Angles.generate(gray.sizeZyx(), new int[] {1}, true, force2Ddim));
        int[] g = nb.g.clone();
        int[] stack = new int[nb.voxels.length];
        int[] lut = gray.lut();
        int[] out = new int[16];
        int count = 0;
        for (int i : nb.voxels) {
            int gl = g[i];
            if (gl == 0) {
                continue;
            }
            g[i] = 0;
            int size = fill(g, stack, i, gl, deltas);
            if (count + 2 > out.length) {
                out = java.util.Arrays.copyOf(out, out.length * 2);
            }
            out[count++] = lut[gl];
            out[count++] = size;
        }
        return java.util.Arrays.copyOf(out, count);
    }

    /**
     * 3D zones from a scratch copy of the level indices + 1 of {@link Neighbours#levelBytes} (at most 254 levels),
     * cleared as the zones are filled.
     */
    private static int[] zones26(byte[] g, Neighbours nb) {
        int[] stack = new int[nb.voxels.length];
        int[] out = new int[16];
        int count = 0;
        for (int i : nb.voxels) {
            byte gl = g[i];
            if (gl == 0) {
                continue;
            }
            g[i] = 0;
            int size = fill26(g, stack, i, gl, nb.strideY(), nb.strideZ());
            if (count + 2 > out.length) {
                out = java.util.Arrays.copyOf(out, out.length * 2);
            }
            out[count++] = (gl & 0xFF) - 1;
            out[count++] = size;
        }
        return java.util.Arrays.copyOf(out, count);
    }

    /** The size of the zone of level gl grown from seed (already cleared), along the given offsets. */
    private static int fill(int[] g, int[] stack, int seed, int gl, int[] deltas) {
        int top = 0;
        stack[top++] = seed;
        int size = 0;
        while (top > 0) {
            int k = stack[--top];
            size++;
            for (int d : deltas) {
                top = join(g, stack, top, k + d, gl);
            }
        }
        return size;
    }

    /**
     * As {@link #fill} with the 26 neighbours of 3D written out: their offsets are sums of the strides the JIT keeps
     * at hand, not loads from an offset array, and no loop over them is left (the region's largest loop; unrolled it
     * takes 30 % less time than as three nested loops of three).
     */
    private static int fill26(byte[] g, int[] stack, int seed, byte gl, int sx, int sxy) {
        int top = 0;
        stack[top++] = seed;
        int size = 0;
        while (top > 0) {
            int k = stack[--top];
            size++;
            top = row3(g, stack, top, k - sxy - sx, gl);
            top = row3(g, stack, top, k - sxy, gl);
            top = row3(g, stack, top, k - sxy + sx, gl);
            top = row3(g, stack, top, k - sx, gl);
            top = join(g, stack, top, k - 1, gl);
            top = join(g, stack, top, k + 1, gl);
            top = row3(g, stack, top, k + sx, gl);
            top = row3(g, stack, top, k + sxy - sx, gl);
            top = row3(g, stack, top, k + sxy, gl);
            top = row3(g, stack, top, k + sxy + sx, gl);
        }
        return size;
    }

    /** The three voxels of a row around r. */
    private static int row3(byte[] g, int[] stack, int top, int r, byte gl) {
        top = join(g, stack, top, r - 1, gl);
        top = join(g, stack, top, r, gl);
        return join(g, stack, top, r + 1, gl);
    }

    /** Voxel j joins the zone when it has the zone's level (visited voxels and the border hold 0). */
    private static int join(int[] g, int[] stack, int top, int j, int gl) {
        if (g[j] == gl) {
            g[j] = 0;
            stack[top++] = j;
        }
        return top;
    }

    private static int join(byte[] g, int[] stack, int top, int j, byte gl) {
        if (g[j] == gl) {
            g[j] = 0;
            stack[top++] = j;
        }
        return top;
    }

    public static Map<String, Double> compute(Gray gray, int force2Ddim) {
        return compute(gray, new Neighbours(gray, 1), force2Ddim);
    }

    /** As above on a padded copy shared with the other classes. */
    static Map<String, Double> compute(Gray gray, Neighbours nb, int force2Ddim) {
        int[] z = zones(gray, nb, force2Ddim);
        int maxSize = 0;
        for (int k = 1; k < z.length; k += 2) {
            maxSize = Math.max(maxSize, z[k]);
        }
        int n = gray.levels().length;
        int nj = Math.max(maxSize, 1);
        // the matrix is n × (largest zone), mostly empty: count small zones densely, the few large ones sorted,
        // and hand over the non-zero cells in row-major order
        int dense = Math.min(nj, 1024);
        int[] small = new int[n * dense];
        boolean[] used = new boolean[nj];
        long[] large = new long[16];
        int nl = 0;
        for (int k = 0; k < z.length; k += 2) {
            int size = z[k + 1];
            used[size - 1] = true;
            if (size <= dense) {
                small[z[k] * dense + size - 1]++;
            } else {
                if (nl == large.length) {
                    large = java.util.Arrays.copyOf(large, 2 * nl);
                }
                large[nl++] = ((long) z[k] << 32) | (size - 1);
            }
        }
        java.util.Arrays.sort(large, 0, nl);
        int cells = 0;
        for (int c : small) {
            if (c != 0) {
                cells++;
            }
        }
        int[] ci = new int[cells + nl];
        int[] cj = new int[cells + nl];
        double[] cv = new double[cells + nl];
        int c = 0;
        int l = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < dense; j++) {
                if (small[i * dense + j] != 0) {
                    ci[c] = i;
                    cj[c] = j;
                    cv[c++] = small[i * dense + j];
                }
            }
            for (; l < nl && (int) (large[l] >>> 32) == i; l++) {
                int j = (int) large[l];
                if (c > 0 && ci[c - 1] == i && cj[c - 1] == j) {
                    cv[c - 1]++;
                } else {
                    ci[c] = i;
                    cj[c] = j;
                    cv[c++] = 1;
                }
            }
        }
        double[] f = RunFeatures.runLike(java.util.Arrays.copyOf(ci, c), java.util.Arrays.copyOf(cj, c),
                java.util.Arrays.copyOf(cv, c), gray.levels(), nj, used, true);
        Map<String, Double> out = Features.sorted();
        for (int k = 0; k < NAMES.length; k++) {
            out.put(NAMES[k], f[k]);
        }
        return out;
    }
}
