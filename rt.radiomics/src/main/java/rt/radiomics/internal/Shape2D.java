package rt.radiomics.internal;

import java.util.Map;

/** 2D shape features (pyradiomics {@code shape2D}, 9 features) by marching squares through edge midpoints. */
public final class Shape2D {

    private Shape2D() {
    }

    /** Square corners (dy, dx): p0 (0,0), p1 (0,1), p2 (1,1), p3 (1,0). Edge midpoints (y, x). */
    private static final double[][] EDGE = {{0, 0.5}, {0.5, 1}, {1, 0.5}, {0.5, 0}};

    /** Oriented segments (edge pairs) per corner configuration; inside on the left of travel. */
    private static final int[][] LINES = {{}, {3, 0}, {0, 1}, {3, 1}, {1, 2}, {1, 2, 3, 0}, {0, 2}, {3, 2},
        {2, 3}, {2, 0}, {0, 1, 2, 3}, {2, 1}, {1, 3}, {1, 0}, {0, 3}, {}};

    /**
     * @param mask    2D mask, first index fastest ({@code i = c + nc * r}) (Not modified)
     * @param spacing (row spacing, column spacing) mm, i.e. (y, x) for an axial slice
     */
    public static Map<String, Double> compute(boolean[] mask, int nc, int nrows, double[] spacing) {
        int pc = nc + 2;
        int pr = nrows + 2;
        boolean[] m = new boolean[pc * pr];
        int np = 0;
        for (int r = 0; r < nrows; r++) {
            for (int c = 0; c < nc; c++) {
                if (mask[c + nc * r]) {
                    m[(c + 1) + pc * (r + 1)] = true;
                    np++;
                }
            }
        }
        double perimeter = 0;
        double surface = 0;
        for (int r = 0; r < pr - 1; r++) {
            for (int c = 0; c < pc - 1; c++) {
                int idx = 0;
                if (m[c + pc * r]) {
                    idx |= 1;
                }
                if (m[c + 1 + pc * r]) {
                    idx |= 2;
                }
                if (m[c + 1 + pc * (r + 1)]) {
                    idx |= 4;
                }
                if (m[c + pc * (r + 1)]) {
                    idx |= 8;
                }
                int[] l = LINES[idx];
                for (int t = 0; t + 1 < l.length; t += 2) {
                    double ay = (r + EDGE[l[t]][0]) * spacing[0];
                    double ax = (c + EDGE[l[t]][1]) * spacing[1];
                    double by = (r + EDGE[l[t + 1]][0]) * spacing[0];
                    double bx = (c + EDGE[l[t + 1]][1]) * spacing[1];
                    surface += ay * bx - by * ax;
                    perimeter += Math.hypot(ay - by, ax - bx);
                }
            }
        }
        surface /= 2;
        // diameter over the midpoints of grid edges whose ends differ
        double[] pts = new double[256];
        int n = 0;
        for (int r = 0; r < pr; r++) {
            for (int c = 0; c < pc; c++) {
                boolean v = m[c + pc * r];
                if (c + 1 < pc && m[c + 1 + pc * r] != v) {
                    if (n + 2 > pts.length) {
                        pts = java.util.Arrays.copyOf(pts, pts.length * 2);
                    }
                    pts[n++] = r * spacing[0];
                    pts[n++] = (c + 0.5) * spacing[1];
                }
                if (r + 1 < pr && m[c + pc * (r + 1)] != v) {
                    if (n + 2 > pts.length) {
                        pts = java.util.Arrays.copyOf(pts, pts.length * 2);
                    }
                    pts[n++] = (r + 0.5) * spacing[0];
                    pts[n++] = c * spacing[1];
                }
            }
        }
        double diameter = Diameters.max(java.util.Arrays.copyOf(pts, n), 2);
        double[] mean = new double[2];
        for (int r = 0; r < nrows; r++) {
            for (int c = 0; c < nc; c++) {
                if (mask[c + nc * r]) {
                    mean[0] += r * spacing[0];
                    mean[1] += c * spacing[1];
                }
            }
        }
        mean[0] /= np;
        mean[1] /= np;
        double[] cov = new double[4];
        for (int r = 0; r < nrows; r++) {
            for (int c = 0; c < nc; c++) {
                if (mask[c + nc * r]) {
                    double a = r * spacing[0] - mean[0];
                    double b = c * spacing[1] - mean[1];
                    cov[0] += a * a;
                    cov[1] += a * b;
                    cov[3] += b * b;
                }
            }
        }
        cov[2] = cov[1];
        for (int k = 0; k < 4; k++) {
            cov[k] /= np;
        }
        double[] ev = Eigen.symmetricEigenvalues(cov, 2);
        for (int k = 0; k < 2; k++) {
            if (ev[k] < 0 && ev[k] > -1e-10) {
                ev[k] = 0;
            }
        }
        Map<String, Double> out = Features.sorted();
        out.put("MeshSurface", surface);
        out.put("PixelSurface", np * spacing[0] * spacing[1]);
        out.put("Perimeter", perimeter);
        out.put("PerimeterSurfaceRatio", perimeter / surface);
        out.put("Sphericity", 2 * Math.sqrt(Math.PI * surface) / perimeter);
        out.put("MaximumDiameter", diameter);
        out.put("MajorAxisLength", ev[1] < 0 ? Double.NaN : Math.sqrt(ev[1]) * 4);
        out.put("MinorAxisLength", ev[0] < 0 ? Double.NaN : Math.sqrt(ev[0]) * 4);
        out.put("Elongation", ev[0] < 0 || ev[1] < 0 ? Double.NaN : Math.sqrt(ev[0] / ev[1]));
        return out;
    }
}
