package rt.radiomics.internal;

import java.util.HashMap;
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
        int[] cornerOffset = new int[8];
        for (int c = 0; c < 8; c++) {
            int[] o = MarchingCubes.CORNERS[c];
            cornerOffset[c] = o[2] + px * (o[1] + py * o[0]);
        }
        double[] a = new double[3];
        double[] b = new double[3];
        double[] cc = new double[3];
        for (int iz = 0; iz < pz - 1; iz++) {
            for (int iy = 0; iy < py - 1; iy++) {
                int base0 = px * (iy + py * iz);
                for (int ix = 0; ix < px - 1; ix++) {
                    int base = base0 + ix;
                    int idx = 0;
                    for (int c = 0; c < 8; c++) {
                        if (m[base + cornerOffset[c]]) {
                            idx |= 1 << c;
                        }
                    }
                    if (idx == 0 || idx == 0xff) {
                        continue;
                    }
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
        for (int z = 0; z < pz; z++) {
            for (int y = 0; y < py; y++) {
                for (int x = 0; x < px; x++) {
                    int i = x + px * (y + py * z);
                    boolean v = m[i];
                    for (int d = 0; d < 3; d++) {
                        int j;
                        double vz = z;
                        double vy = y;
                        double vx = x;
                        if (d == 0) {
                            if (x + 1 >= px) {
                                continue;
                            }
                            j = i + 1;
                            vx += 0.5;
                        } else if (d == 1) {
                            if (y + 1 >= py) {
                                continue;
                            }
                            j = i + px;
                            vy += 0.5;
                        } else {
                            if (z + 1 >= pz) {
                                continue;
                            }
                            j = i + px * py;
                            vz += 0.5;
                        }
                        if (m[j] != v) {
                            if (n + 3 > pts.length) {
                                pts = java.util.Arrays.copyOf(pts, pts.length * 2);
                            }
                            pts[n++] = vz * s[0];
                            pts[n++] = vy * s[1];
                            pts[n++] = vx * s[2];
                        }
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
            Map<Double, double[]> planes = new HashMap<>();
            Map<Double, Integer> sizes = new HashMap<>();
            for (int k = 0; k < n; k += 3) {
                double key = pts[k + axis];
                double[] arr = planes.computeIfAbsent(key, q -> new double[64]);
                int sz = sizes.getOrDefault(key, 0);
                if (sz + 3 > arr.length) {
                    arr = java.util.Arrays.copyOf(arr, arr.length * 2);
                    planes.put(key, arr);
                }
                arr[sz] = pts[k];
                arr[sz + 1] = pts[k + 1];
                arr[sz + 2] = pts[k + 2];
                sizes.put(key, sz + 3);
            }
            double best = 0;
            for (Map.Entry<Double, double[]> e : planes.entrySet()) {
                best = Math.max(best, Diameters.max(java.util.Arrays.copyOf(e.getValue(), sizes.get(e.getKey())), 3));
            }
            out[axis] = best;
        }
        return out;
    }

    /** Eigenvalues (ascending) of the covariance of the voxel centres (population, physical units). */
    static double[] pcaEigenvalues(boolean[] mask, int nx, int ny, int nz, double[] s, int np) {
        double[] mean = new double[3];
        for (int z = 0; z < nz; z++) {
            for (int y = 0; y < ny; y++) {
                for (int x = 0; x < nx; x++) {
                    if (mask[x + nx * (y + ny * z)]) {
                        mean[0] += z * s[0];
                        mean[1] += y * s[1];
                        mean[2] += x * s[2];
                    }
                }
            }
        }
        for (int d = 0; d < 3; d++) {
            mean[d] /= np;
        }
        double[] cov = new double[9];
        for (int z = 0; z < nz; z++) {
            for (int y = 0; y < ny; y++) {
                for (int x = 0; x < nx; x++) {
                    if (mask[x + nx * (y + ny * z)]) {
                        double[] c = {z * s[0] - mean[0], y * s[1] - mean[1], x * s[2] - mean[2]};
                        for (int r = 0; r < 3; r++) {
                            for (int q = 0; q < 3; q++) {
                                cov[r * 3 + q] += c[r] * c[q];
                            }
                        }
                    }
                }
            }
        }
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
