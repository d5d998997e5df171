package rt.imaging.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import rt.api.image.Grid;
import rt.imaging.SliceContour;

/**
 * Marching squares per k slice on the voxel-centre lattice, padded by one ring of virtual outside voxels so every
 * contour closes. Segments are oriented with the inside on their left (outer boundaries counter-clockwise in
 * (i, j)), which makes linking unique: every crossing point has one incoming and one outgoing segment. Saddles
 * are joined only when the mean of the four corners is strictly above the level (so binary masks separate).
 */
public final class MarchingSquaresAlgs {

    private MarchingSquaresAlgs() {
    }

    /** Edge codes of a cell: 0 bottom, 1 right, 2 top, 3 left; pairs {from, to} per case. */
    private static final int[][] SEGMENTS = {
        {}, {0, 3}, {1, 0}, {1, 3}, {2, 1}, {0, 3, 2, 1}, {2, 0}, {2, 3},
        {3, 2}, {0, 2}, {1, 0, 3, 2}, {1, 2}, {3, 1}, {0, 1}, {3, 0}, {}};
    /** Joined saddles: case 5 (c0, c2 inside) and 10 (c1, c3 inside). */
    private static final int[] SADDLE5_JOINED = {0, 1, 2, 3};
    private static final int[] SADDLE10_JOINED = {3, 0, 1, 2};

    public static List<SliceContour> contours(Grid g, float[] f, float level) {
        int nx = g.nx();
        int ny = g.ny();
        float min = Float.POSITIVE_INFINITY;
        for (float v : f) {
            min = Math.min(min, v);
        }
        float outside = Math.min(level - 0.5f, min);
        int w = nx + 2;
        int h = ny + 2;
        int[] next = new int[2 * w * h];
        int[] starts = new int[2 * w * h];
        List<SliceContour> out = new ArrayList<>();
        for (int k = 0; k < g.nz(); k++) {
            int base = nx * ny * k;
            boolean any = false;
            for (int n = base; n < base + nx * ny && !any; n++) {
                any = f[n] >= level;
            }
            if (!any) {
                continue;
            }
            Slice s = new Slice(f, base, nx, ny, outside, level);
            Arrays.fill(next, -1);
            int nStarts = 0;
            for (int cj = -1; cj < ny; cj++) {
                for (int ci = -1; ci < nx; ci++) {
                    float v0 = s.value(ci, cj);
                    float v1 = s.value(ci + 1, cj);
                    float v2 = s.value(ci + 1, cj + 1);
                    float v3 = s.value(ci, cj + 1);
                    int c = (v0 >= level ? 1 : 0) | (v1 >= level ? 2 : 0) | (v2 >= level ? 4 : 0)
                            | (v3 >= level ? 8 : 0);
                    if (c == 0 || c == 15) {
                        continue;
                    }
                    int[] seg = SEGMENTS[c];
                    if ((c == 5 || c == 10) && (v0 + v1 + v2 + v3) / 4 > level) {
                        seg = c == 5 ? SADDLE5_JOINED : SADDLE10_JOINED;
                    }
                    for (int p = 0; p < seg.length; p += 2) {
                        int from = edgeId(ci, cj, seg[p], w);
                        int to = edgeId(ci, cj, seg[p + 1], w);
                        next[from] = to;
                        starts[nStarts++] = from;
                    }
                }
            }
            for (int n = 0; n < nStarts; n++) {
                int start = starts[n];
                if (next[start] < 0) {
                    continue; // already used
                }
                List<double[]> pts = new ArrayList<>();
                int e = start;
                int guard = 0;
                while (e >= 0 && guard++ <= nStarts) {
                    pts.add(s.point(e, w));
                    int nx2 = next[e];
                    next[e] = -1;
                    e = nx2;
                    if (e == start) {
                        break;
                    }
                }
                SliceContour c = toContour(g, k, pts);
                if (c != null) {
                    out.add(c);
                }
            }
        }
        return out;
    }

    /** Lattice edge id: horizontal edge from point (pi, pj) → even, vertical edge from (pi, pj) → odd. */
    private static int edgeId(int ci, int cj, int edge, int w) {
        return switch (edge) {
            case 0 -> 2 * ((ci + 1) + w * (cj + 1));
            case 1 -> 2 * ((ci + 2) + w * (cj + 1)) + 1;
            case 2 -> 2 * ((ci + 1) + w * (cj + 2));
            default -> 2 * ((ci + 1) + w * (cj + 1)) + 1;
        };
    }

    private record Slice(float[] f, int base, int nx, int ny, float outside, float level) {
        float value(int i, int j) {
            return i < 0 || j < 0 || i >= nx || j >= ny ? outside : f[base + i + nx * j];
        }

        /** The crossing on a lattice edge, in index coordinates (i, j). */
        double[] point(int id, int w) {
            int cell = id >> 1;
            int pi = cell % w - 1;
            int pj = cell / w - 1;
            boolean vertical = (id & 1) == 1;
            int qi = vertical ? pi : pi + 1;
            int qj = vertical ? pj + 1 : pj;
            float va = value(pi, pj);
            float vb = value(qi, qj);
            double t = va == vb ? 0.5 : (level - va) / (double) (vb - va);
            t = Math.max(0, Math.min(1, t));
            return new double[] {pi + t * (qi - pi), pj + t * (qj - pj)};
        }
    }

    private static boolean same(double[] a, double[] b) {
        return Math.abs(b[0] - a[0]) < 1e-9 && Math.abs(b[1] - a[1]) < 1e-9;
    }

    private static boolean collinear(double[] a, double[] b, double[] c) {
        return Math.abs((b[0] - a[0]) * (c[1] - b[1]) - (b[1] - a[1]) * (c[0] - b[0])) < 1e-12;
    }

    private static SliceContour toContour(Grid g, int k, List<double[]> pts) {
        // Drop repeated and collinear points in one pass, then fix up the wrap-around.
        List<double[]> p = new ArrayList<>(pts.size());
        for (double[] q : pts) {
            if (!p.isEmpty() && same(p.get(p.size() - 1), q)) {
                continue;
            }
            while (p.size() >= 2 && collinear(p.get(p.size() - 2), p.get(p.size() - 1), q)) {
                p.remove(p.size() - 1);
            }
            p.add(q);
        }
        boolean changed = true;
        while (changed && p.size() >= 3) {
            changed = false;
            int n = p.size();
            if (same(p.get(n - 1), p.get(0)) || collinear(p.get(n - 2), p.get(n - 1), p.get(0))) {
                p.remove(n - 1);
                changed = true;
            } else if (collinear(p.get(n - 1), p.get(0), p.get(1))) {
                p.remove(0);
                changed = true;
            }
        }
        if (p.size() < 3) {
            return null;
        }
        double area = 0;
        for (int n = 0, m = p.size() - 1; n < p.size(); m = n++) {
            area += p.get(m)[0] * p.get(n)[1] - p.get(n)[0] * p.get(m)[1];
        }
        double[] xyz = new double[3 * p.size()];
        for (int n = 0; n < p.size(); n++) {
            double[] wpt = g.indexToWorld(p.get(n)[0], p.get(n)[1], k);
            System.arraycopy(wpt, 0, xyz, 3 * n, 3);
        }
        return new SliceContour(k, xyz, area < 0);
    }
}
