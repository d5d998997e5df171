package rt.imaging.internal;

/** Connected-component labelling (breadth-first flood fill) and hole filling. Inputs not modified. */
public final class LabelAlgs {

    private LabelAlgs() {
    }

    /**
     * Labels the 6- or 26-connected components of {@code mask} into {@code labels} (modified: 0 background,
     * 1..count by decreasing size, ties by first voxel) and returns the sizes in label order.
     */
    public static int[] label3d(boolean[] mask, int[] dims, boolean full, int[] labels) {
        int nx = dims[0];
        int ny = dims[1];
        int nz = dims[2];
        int nxy = nx * ny;
        int[] queue = new int[Math.max(16, mask.length)];
        int[] sizes = new int[16];
        int count = 0;
        java.util.Arrays.fill(labels, 0);
        int[] offsets = new int[full ? 26 : 6];
        int no = 0;
        for (int dk = -1; dk <= 1; dk++) {
            for (int dj = -1; dj <= 1; dj++) {
                for (int di = -1; di <= 1; di++) {
                    int manhattan = Math.abs(di) + Math.abs(dj) + Math.abs(dk);
                    if (manhattan != 0 && (full || manhattan == 1)) {
                        offsets[no++] = di + nx * dj + nxy * dk;
                    }
                }
            }
        }
        for (int seed = 0; seed < mask.length; seed++) {
            if (!mask[seed] || labels[seed] != 0) {
                continue;
            }
            int label = ++count;
            int head = 0;
            int tail = 0;
            queue[tail++] = seed;
            labels[seed] = label;
            while (head < tail) {
                int p = queue[head++];
                int i = p % nx;
                int j = (p / nx) % ny;
                int k = p / nxy;
                boolean interior = i > 0 && j > 0 && k > 0 && i < nx - 1 && j < ny - 1 && k < nz - 1;
                if (interior) {
                    for (int o : offsets) {
                        int q = p + o;
                        if (mask[q] && labels[q] == 0) {
                            labels[q] = label;
                            queue[tail++] = q;
                        }
                    }
                    continue;
                }
                for (int dk = -1; dk <= 1; dk++) {
                    int kk = k + dk;
                    if (kk < 0 || kk >= nz) {
                        continue;
                    }
                    for (int dj = -1; dj <= 1; dj++) {
                        int jj = j + dj;
                        if (jj < 0 || jj >= ny) {
                            continue;
                        }
                        for (int di = -1; di <= 1; di++) {
                            int ii = i + di;
                            if (ii < 0 || ii >= nx) {
                                continue;
                            }
                            int manhattan = Math.abs(di) + Math.abs(dj) + Math.abs(dk);
                            if (manhattan == 0 || (!full && manhattan > 1)) {
                                continue;
                            }
                            int q = ii + nx * jj + nxy * kk;
                            if (mask[q] && labels[q] == 0) {
                                labels[q] = label;
                                queue[tail++] = q;
                            }
                        }
                    }
                }
            }
            if (count > sizes.length) {
                sizes = java.util.Arrays.copyOf(sizes, sizes.length * 2);
            }
            sizes[label - 1] = tail;
        }
        // Renumber by decreasing size (stable: ties keep discovery order).
        Integer[] order = new Integer[count];
        for (int c = 0; c < count; c++) {
            order[c] = c;
        }
        final int[] s = sizes;
        java.util.Arrays.sort(order, (x, y) -> Integer.compare(s[y], s[x]));
        int[] remap = new int[count + 1];
        int[] sorted = new int[count];
        for (int c = 0; c < count; c++) {
            remap[order[c] + 1] = c + 1;
            sorted[c] = sizes[order[c]];
        }
        for (int n = 0; n < labels.length; n++) {
            labels[n] = remap[labels[n]];
        }
        return sorted;
    }

    /**
     * Background voxels not face-connected to the grid border through background become inside. With
     * {@code perSlice} each k slice is done on its own (4-connectivity, the slice's edges as border).
     */
    public static boolean[] fillHoles(boolean[] mask, int[] dims, boolean perSlice) {
        int nx = dims[0];
        int ny = dims[1];
        int nz = dims[2];
        int nxy = nx * ny;
        boolean[] outside = new boolean[mask.length];
        int[] queue = new int[Math.max(16, mask.length)];
        int tail = 0;
        for (int k = 0; k < nz; k++) {
            for (int j = 0; j < ny; j++) {
                for (int i = 0; i < nx; i++) {
                    boolean border = i == 0 || j == 0 || i == nx - 1 || j == ny - 1
                            || (!perSlice && (k == 0 || k == nz - 1));
                    int p = i + nx * j + nxy * k;
                    if (border && !mask[p]) {
                        outside[p] = true;
                        queue[tail++] = p;
                    }
                }
            }
        }
        int head = 0;
        while (head < tail) {
            int p = queue[head++];
            int i = p % nx;
            int j = (p / nx) % ny;
            int k = p / nxy;
            if (i > 0 && !mask[p - 1] && !outside[p - 1]) {
                outside[p - 1] = true;
                queue[tail++] = p - 1;
            }
            if (i < nx - 1 && !mask[p + 1] && !outside[p + 1]) {
                outside[p + 1] = true;
                queue[tail++] = p + 1;
            }
            if (j > 0 && !mask[p - nx] && !outside[p - nx]) {
                outside[p - nx] = true;
                queue[tail++] = p - nx;
            }
            if (j < ny - 1 && !mask[p + nx] && !outside[p + nx]) {
                outside[p + nx] = true;
                queue[tail++] = p + nx;
            }
            if (!perSlice) {
                if (k > 0 && !mask[p - nxy] && !outside[p - nxy]) {
                    outside[p - nxy] = true;
                    queue[tail++] = p - nxy;
                }
                if (k < nz - 1 && !mask[p + nxy] && !outside[p + nxy]) {
                    outside[p + nxy] = true;
                    queue[tail++] = p + nxy;
                }
            }
        }
        boolean[] out = new boolean[mask.length];
        for (int n = 0; n < out.length; n++) {
            out[n] = !outside[n];
        }
        return out;
    }
}
