package rt.imaging.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import rt.api.image.Grid;
import rt.imaging.Occupancy;

/** Scanline polygon filling (even-odd) with in-plane supersampling; see {@code rt.imaging.Rasterizer}. */
public final class RasterAlgs {

    /** Contour planes closer than this (mm along the grid normal) are one plane. */
    static final double SAME_PLANE_MM = 0.01;

    private RasterAlgs() {
    }

    /** One contour in continuous index coordinates of the grid. */
    private record Poly(double[] x, double[] y, double k) {
    }

    /** Contours of one plane. */
    private record Plane(double k, List<Poly> polys) {
    }

    public static Occupancy rasterize(Grid grid, List<double[]> contours, int sub, double thickness) {
        int nx = grid.nx();
        int ny = grid.ny();
        int nz = grid.nz();
        double sz = grid.spacing(2);
        List<Poly> polys = new ArrayList<>();
        double minX = Double.POSITIVE_INFINITY, maxX = Double.NEGATIVE_INFINITY;
        double minY = Double.POSITIVE_INFINITY, maxY = Double.NEGATIVE_INFINITY;
        for (double[] c : contours) {
            int n = c.length / 3;
            if (n < 3) {
                continue;
            }
            double[] x = new double[n];
            double[] y = new double[n];
            double ksum = 0;
            for (int p = 0; p < n; p++) {
                double[] idx = grid.worldToIndex(c[3 * p], c[3 * p + 1], c[3 * p + 2]);
                x[p] = idx[0];
                y[p] = idx[1];
                ksum += idx[2];
                minX = Math.min(minX, x[p]);
                maxX = Math.max(maxX, x[p]);
                minY = Math.min(minY, y[p]);
                maxY = Math.max(maxY, y[p]);
            }
            polys.add(new Poly(x, y, ksum / n));
        }
        if (polys.isEmpty()) {
            return emptyResult(grid);
        }
        polys.sort((a, b) -> Double.compare(a.k, b.k));
        List<Plane> planes = new ArrayList<>();
        for (Poly p : polys) {
            Plane last = planes.isEmpty() ? null : planes.get(planes.size() - 1);
            if (last != null && Math.abs(p.k - last.polys.get(0).k) * sz < SAME_PLANE_MM) {
                last.polys.add(p);
            } else {
                List<Poly> l = new ArrayList<>();
                l.add(p);
                planes.add(new Plane(p.k, l));
            }
        }
        double[] planeK = new double[planes.size()];
        for (int n = 0; n < planeK.length; n++) {
            List<Poly> l = planes.get(n).polys;
            double s = 0;
            for (Poly p : l) {
                s += p.k;
            }
            planeK[n] = s / l.size();
        }
        double thick = thickness;
        if (!(thick > 0)) {
            if (planeK.length >= 2) {
                double[] gaps = new double[planeK.length - 1];
                for (int n = 0; n < gaps.length; n++) {
                    gaps[n] = (planeK[n + 1] - planeK[n]) * sz;
                }
                Arrays.sort(gaps);
                thick = gaps[gaps.length / 2];
                if (gaps.length % 2 == 0) {
                    thick = 0.5 * (gaps[gaps.length / 2 - 1] + gaps[gaps.length / 2]);
                }
            } else {
                thick = sz;
            }
        }
        double halfK = (Math.max(thick, sz) / 2 + 1e-6) / sz;
        int k0 = Math.max(0, (int) Math.ceil(planeK[0] - halfK));
        int k1 = Math.min(nz - 1, (int) Math.floor(planeK[planeK.length - 1] + halfK));
        // Voxels whose extent (i - 0.5, i + 0.5) overlaps [min, max]: only they can hold inside samples.
        int i0 = Math.max(0, (int) Math.floor(minX - 0.5) + 1);
        int i1 = Math.min(nx - 1, (int) Math.ceil(maxX + 0.5) - 1);
        int j0 = Math.max(0, (int) Math.floor(minY - 0.5) + 1);
        int j1 = Math.min(ny - 1, (int) Math.ceil(maxY + 0.5) - 1);
        if (k0 > k1 || i0 > i1 || j0 > j1) {
            return emptyResult(grid);
        }
        int cx = i1 - i0 + 1;
        int cy = j1 - j0 + 1;
        int cz = k1 - k0 + 1;
        float[] frac = new float[Math.toIntExact((long) cx * cy * cz)];
        int[] counts = new int[cx * cy];
        int lastPlane = -1;
        float[] lastSlice = null;
        float inv = 1f / (sub * sub);
        for (int k = k0; k <= k1; k++) {
            int pl = nearest(planeK, k);
            if (Math.abs(planeK[pl] - k) > halfK) {
                continue;
            }
            int off = (k - k0) * cx * cy;
            if (pl == lastPlane) {
                System.arraycopy(lastSlice, 0, frac, off, cx * cy);
                continue;
            }
            Arrays.fill(counts, 0);
            fillPlane(planes.get(pl).polys, sub, i0, j0, cx, cy, counts);
            for (int n = 0; n < counts.length; n++) {
                frac[off + n] = counts[n] * inv;
            }
            lastPlane = pl;
            lastSlice = Arrays.copyOfRange(frac, off, off + cx * cy);
        }
        return new Occupancy(grid.crop(i0, j0, k0, cx, cy, cz), frac);
    }

    private static Occupancy emptyResult(Grid grid) {
        return new Occupancy(grid.crop(0, 0, 0, 1, 1, 1), new float[1]);
    }

    /** Index of the plane nearest to k (ties: the lower one). */
    static int nearest(double[] planeK, double k) {
        int pos = Arrays.binarySearch(planeK, k);
        if (pos >= 0) {
            return pos;
        }
        int ins = -pos - 1;
        if (ins == 0) {
            return 0;
        }
        if (ins == planeK.length) {
            return planeK.length - 1;
        }
        return k - planeK[ins - 1] <= planeK[ins] - k ? ins - 1 : ins;
    }

    /**
     * Adds, per crop voxel, the number of its sub-samples inside (even-odd over all polygons). Sample (m, r) of
     * the crop sits at index x = i0 + (m + 0.5)/sub − 0.5, y = j0 + (r + 0.5)/sub − 0.5. Edges use the half-open
     * rule y0 ≤ y &lt; y1; samples with xa ≤ x &lt; xb between sorted crossings xa, xb are inside.
     */
    static void fillPlane(List<Poly> polys, int sub, int i0, int j0, int cx, int cy, int[] counts) {
        int rows = cy * sub;
        double[][] xs = new double[rows][];
        int[] nxs = new int[rows];
        for (Poly p : polys) {
            double[] x = p.x;
            double[] y = p.y;
            int n = x.length;
            for (int a = 0, b = n - 1; a < n; b = a++) {
                double ya = y[b];
                double yb = y[a];
                if (ya == yb) {
                    continue;
                }
                double xa = x[b];
                double xb = x[a];
                double lo = Math.min(ya, yb);
                double hi = Math.max(ya, yb);
                // rows r with lo <= y_r < hi, y_r = j0 + (r + 0.5)/sub - 0.5
                int r0 = Math.max(0, (int) Math.ceil((lo - j0 + 0.5) * sub - 0.5) - 1);
                int r1 = Math.min(rows - 1, (int) Math.ceil((hi - j0 + 0.5) * sub - 0.5));
                double slope = (xb - xa) / (yb - ya);
                for (int r = r0; r <= r1; r++) {
                    double yr = j0 + (r + 0.5) / sub - 0.5;
                    if (yr < lo || yr >= hi) {
                        continue; // rounding guard
                    }
                    double xr = xa + (yr - ya) * slope;
                    double[] row = xs[r];
                    if (row == null) {
                        row = xs[r] = new double[8];
                    } else if (nxs[r] == row.length) {
                        row = xs[r] = Arrays.copyOf(row, row.length * 2);
                    }
                    row[nxs[r]++] = xr;
                }
            }
        }
        int cols = cx * sub;
        for (int r = 0; r < rows; r++) {
            int n = nxs[r];
            if (n < 2) {
                continue;
            }
            double[] row = xs[r];
            Arrays.sort(row, 0, n);
            int base = (r / sub) * cx;
            for (int c = 0; c + 1 < n; c += 2) {
                // samples m with xa <= i0 + (m + 0.5)/sub - 0.5 < xb
                int m0 = Math.max(0, (int) Math.ceil((row[c] - i0 + 0.5) * sub - 0.5));
                int m1 = Math.min(cols - 1, (int) Math.ceil((row[c + 1] - i0 + 0.5) * sub - 0.5) - 1);
                if (sub == 1) {
                    for (int m = m0; m <= m1; m++) {
                        counts[base + m]++;
                    }
                } else {
                    for (int m = m0; m <= m1; m++) {
                        counts[base + m / sub]++;
                    }
                }
            }
        }
    }
}
