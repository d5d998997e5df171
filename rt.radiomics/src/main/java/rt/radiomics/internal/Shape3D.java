package rt.radiomics.internal;

import java.util.Map;

/**
 * 3D shape features (pyradiomics {@code shape}, 14 features): a marching-cubes mesh through the edge midpoints of the
 * mask padded by one voxel, the diameters over the mesh vertices, and PCA axes of the voxel centres.
 */
public final class Shape3D {

    private Shape3D() {
    }

    /**
     * @param mask    cropped mask, x fastest (Not modified)
     * @param spacing (x, y, z) mm
     */
    public static Map<String, Double> compute(boolean[] mask, int nx, int ny, int nz, double[] spacing) {
        int px = nx + 2;
        int py = ny + 2;
        int pz = nz + 2;
        boolean[] m = new boolean[px * py * pz];
        int np = 0;
        for (int z = 0; z < nz; z++) {
            for (int y = 0; y < ny; y++) {
                for (int x = 0; x < nx; x++) {
                    if (mask[x + nx * (y + ny * z)]) {
                        m[(x + 1) + px * ((y + 1) + py * (z + 1))] = true;
                        np++;
                    }
                }
            }
        }
        double[] s = {spacing[2], spacing[1], spacing[0]}; // z, y, x
        double area = 0;
        double volume = 0;
        // a cube's corner bits from two columns of four voxels (its x = 0 and x = 1 faces), each column read once
        // along the row: (z, y) = (0, 0), (0, 1), (1, 0), (1, 1) as bits 0-3
        int[] left = new int[16];
        int[] right = new int[16];
        for (int c = 0; c < 8; c++) {
            int[] o = MarchingCubes.CORNERS[c];
            int bit = o[0] * 2 + o[1];
            for (int col = 0; col < 16; col++) {
                if ((col >> bit & 1) != 0) {
                    (o[2] == 0 ? left : right)[col] |= 1 << c;
                }
            }
        }
        double[] a = new double[3];
        double[] b = new double[3];
        double[] cc = new double[3];
        int pxy = px * py;
        for (int iz = 0; iz < pz - 1; iz++) {
            for (int iy = 0; iy < py - 1; iy++) {
                int r00 = px * (iy + py * iz);
                int r01 = r00 + px;
                int r10 = r00 + pxy;
                int r11 = r10 + px;
                int next = column(m, r00, r01, r10, r11);
                for (int ix = 0; ix < px - 1; ix++) {
                    int prev = next;
                    next = column(m, r00 + ix + 1, r01 + ix + 1, r10 + ix + 1, r11 + ix + 1);
                    if (prev == next && (prev == 0 || prev == 15)) {
                        continue;
                    }
                    int idx = left[prev] | right[next];
                    int sign = 1;
                    if ((idx & 0x80) != 0) {
                        idx ^= 0xff;
                        sign = -1;
                    }
                    int[] tri = MarchingCubes.TRIANGLES[idx];
                    for (int t = 0; t + 2 < tri.length; t += 3) {
                        point(iz, iy, ix, tri[t], s, a);
                        point(iz, iy, ix, tri[t + 1], s, b);
                        point(iz, iy, ix, tri[t + 2], s, cc);
                        double abx = a[1] * b[2] - b[1] * a[2];
                        double aby = a[2] * b[0] - b[2] * a[0];
                        double abz = a[0] * b[1] - b[0] * a[1];
                        volume += sign * (abx * cc[0] + aby * cc[1] + abz * cc[2]);
                        double ux = a[0] - cc[0];
                        double uy = a[1] - cc[1];
                        double uz = a[2] - cc[2];
                        double vx = b[0] - cc[0];
                        double vy = b[1] - cc[1];
                        double vz = b[2] - cc[2];
                        double cx = uy * vz - vy * uz;
                        double cy = uz * vx - vz * ux;
                        double cz = ux * vy - vx * uy;
                        area += 0.5 * Math.sqrt(cx * cx + cy * cy + cz * cz);
                    }
                }
            }
        }
        volume /= 6;
        double[] diam = diameters(m, px, py, pz, s);
        double[] ev = pcaEigenvalues(mask, nx, ny, nz, s, np);
        Map<String, Double> out = Features.sorted();
        out.put("MeshVolume", volume);
        out.put("VoxelVolume", np * s[0] * s[1] * s[2]);
        out.put("SurfaceArea", area);
        out.put("SurfaceVolumeRatio", area / volume);
        out.put("Sphericity", Math.cbrt(36 * Math.PI * volume * volume) / area);
        out.put("Maximum3DDiameter", diam[3]);
        out.put("Maximum2DDiameterSlice", diam[0]);
        out.put("Maximum2DDiameterColumn", diam[1]);
        out.put("Maximum2DDiameterRow", diam[2]);
        out.put("MajorAxisLength", ev[2] < 0 ? Double.NaN : Math.sqrt(ev[2]) * 4);
        out.put("MinorAxisLength", ev[1] < 0 ? Double.NaN : Math.sqrt(ev[1]) * 4);
        out.put("LeastAxisLength", ev[0] < 0 ? Double.NaN : Math.sqrt(ev[0]) * 4);
        out.put("Elongation", ev[1] < 0 || ev[2] < 0 ? Double.NaN : Math.sqrt(ev[1] / ev[2]));
        out.put("Flatness", ev[0] < 0 || ev[2] < 0 ? Double.NaN : Math.sqrt(ev[0] / ev[2]));
        return out;
    }

    /** The four voxels at (z, y) = (0, 0), (0, 1), (1, 0), (1, 1) of a cube face as bits 0-3. */
    private static int column(boolean[] m, int i00, int i01, int i10, int i11) {
        return (m[i00] ? 1 : 0) | (m[i01] ? 2 : 0) | (m[i10] ? 4 : 0) | (m[i11] ? 8 : 0);
    }

    private static void point(int iz, int iy, int ix, int edge, double[] s, double[] out) {
        double[] v = MarchingCubes.EDGE_MIDPOINTS[edge];
        out[0] = (iz + v[0]) * s[0];
        out[1] = (iy + v[1]) * s[1];
        out[2] = (ix + v[2]) * s[2];
    }

    /** Mesh vertices (z, y, x triples, mm) of a cropped mask: the midpoints of grid edges whose ends differ. */
    public static double[] meshVertices(boolean[] mask, int nx, int ny, int nz, double[] spacing) {
        int px = nx + 2;
        int py = ny + 2;
        int pz = nz + 2;
        boolean[] m = new boolean[px * py * pz];
        for (int z = 0; z < nz; z++) {
            for (int y = 0; y < ny; y++) {
                for (int x = 0; x < nx; x++) {
                    m[(x + 1) + px * ((y + 1) + py * (z + 1))] = mask[x + nx * (y + ny * z)];
                }
            }
        }
        return vertices(m, px, py, pz, new double[] {spacing[2], spacing[1], spacing[0]});
    }

    /** The vertices on a padded mask m, s = (z, y, x) spacing. */
    static double[] vertices(boolean[] m, int px, int py, int pz, double[] s) {
        double[] pts = new double[3 * 1024];
        int n = 0;
        int pxy = px * py;
        for (int z = 0; z < pz; z++) {
            double cz = z * s[0];
            double hz = (z + 0.5) * s[0];
            for (int y = 0; y < py; y++) {
                double cy = y * s[1];
                double hy = (y + 0.5) * s[1];
                int row = px * (y + py * z);
                for (int x = 0; x < px; x++) {
                    int i = row + x;
                    boolean v = m[i];
                    // the edges to the next voxel along x, y and z, in that order; most voxels differ from none
                    boolean ex = x + 1 < px && m[i + 1] != v;
                    boolean ey = y + 1 < py && m[i + px] != v;
                    boolean ez = z + 1 < pz && m[i + pxy] != v;
                    if (!(ex | ey | ez)) {
                        continue;
                    }
                    if (n + 9 > pts.length) {
                        pts = java.util.Arrays.copyOf(pts, pts.length * 2);
                    }
                    double cx = x * s[2];
                    if (ex) {
                        pts[n++] = cz;
                        pts[n++] = cy;
                        pts[n++] = (x + 0.5) * s[2];
                    }
                    if (ey) {
                        pts[n++] = cz;
                        pts[n++] = hy;
                        pts[n++] = cx;
                    }
                    if (ez) {
                        pts[n++] = hz;
                        pts[n++] = cy;
                        pts[n++] = cx;
                    }
                }
            }
        }
        return java.util.Arrays.copyOf(pts, n);
    }

    /**
     * Diameters over the mesh vertices (midpoints of grid edges whose ends differ): [0] within a z-plane (Slice),
     * [1] within a y-plane (Column), [2] within an x-plane (Row), [3] in 3D.
     */
    static double[] diameters(boolean[] m, int px, int py, int pz, double[] s) {
        double[] pts = vertices(m, px, py, pz, s);
        int n = pts.length;
        double[] out = new double[4];
        out[3] = Diameters.max(pts, 3);
        for (int axis = 0; axis < 3; axis++) {
            // the points by plane: a vertex lies on a grid plane or halfway between two, so its plane is
            // round(2 · coordinate / spacing) (a counting sort; boxed Double keys cost as much as the diameters)
            int planes = 2 * (axis == 0 ? pz : axis == 1 ? py : px) + 1;
            int[] start = new int[planes + 1];
            int[] plane = new int[n / 3];
            for (int k = 0; k < n; k += 3) {
                int p = (int) Math.round(2 * pts[k + axis] / s[axis]);
                plane[k / 3] = p;
                start[p + 1]++;
            }
            for (int p = 0; p < planes; p++) {
                start[p + 1] += start[p];
            }
            double[] sorted = new double[n];
            int[] fill = start.clone();
            for (int k = 0; k < n; k += 3) {
                System.arraycopy(pts, k, sorted, 3 * fill[plane[k / 3]]++, 3);
            }
            double best = 0;
            for (int p = 0; p < planes; p++) {
                if (start[p + 1] > start[p]) {
                    best = Math.max(best, Diameters.max(java.util.Arrays.copyOfRange(sorted, 3 * start[p],
                            3 * start[p + 1]), 3));
                }
            }
            out[axis] = best;
        }
        return out;
    }

    /** Eigenvalues (ascending) of the covariance of the voxel centres (population, physical units). */
    static double[] pcaEigenvalues(boolean[] mask, int nx, int ny, int nz, double[] s, int np) {
        // coordinates computed once a row (the same products as a voxel at a time); the covariance's lower half
        // mirrors its upper (c[r] · c[q] and c[q] · c[r] are the same product)
        double[] mean = new double[3];
        for (int z = 0; z < nz; z++) {
            double cz = z * s[0];
            for (int y = 0; y < ny; y++) {
                double cy = y * s[1];
                int row = nx * (y + ny * z);
                for (int x = 0; x < nx; x++) {
                    if (mask[row + x]) {
                        mean[0] += cz;
                        mean[1] += cy;
                        mean[2] += x * s[2];
                    }
                }
            }
        }
        for (int d = 0; d < 3; d++) {
            mean[d] /= np;
        }
        double czz = 0;
        double czy = 0;
        double czx = 0;
        double cyy = 0;
        double cyx = 0;
        double cxx = 0;
        for (int z = 0; z < nz; z++) {
            double dz = z * s[0] - mean[0];
            for (int y = 0; y < ny; y++) {
                double dy = y * s[1] - mean[1];
                int row = nx * (y + ny * z);
                for (int x = 0; x < nx; x++) {
                    if (mask[row + x]) {
                        double dx = x * s[2] - mean[2];
                        czz += dz * dz;
                        czy += dz * dy;
                        czx += dz * dx;
                        cyy += dy * dy;
                        cyx += dy * dx;
                        cxx += dx * dx;
                    }
                }
            }
        }
        double[] cov = {czz, czy, czx, czy, cyy, cyx, czx, cyx, cxx};
        for (int k = 0; k < 9; k++) {
            cov[k] /= np;
        }
        double[] ev = Eigen.symmetricEigenvalues(cov, 3);
        for (int k = 0; k < 3; k++) {
            if (ev[k] < 0 && ev[k] > -1e-10) {
                ev[k] = 0;
            }
        }
        return ev;
    }
}
