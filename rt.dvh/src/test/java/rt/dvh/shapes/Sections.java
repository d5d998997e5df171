package rt.dvh.shapes;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Axial sections of a {@link Revolved} as closed polygons (x,y,z triples), the way a contouring system draws them:
 * marching squares on a fine node grid, every vertex moved onto the true surface by bisection along its grid edge,
 * so that the polygon's only error is the chord between vertices one step apart.
 */
final class Sections {

    private Sections() {
    }

    /** The closed contours of the solid on the plane z (empty when the plane misses it). */
    static List<double[]> at(Revolved s, double z, double step) {
        double[] b = s.bounds();
        if (z < b[4] || z > b[5]) {
            return List.of();
        }
        double x0 = b[0] - 2 * step;
        double y0 = b[2] - 2 * step;
        int nx = (int) Math.ceil((b[1] - b[0]) / step) + 5;
        int ny = (int) Math.ceil((b[3] - b[2]) / step) + 5;
        double[] f = new double[nx * ny];
        for (int j = 0; j < ny; j++) {
            for (int i = 0; i < nx; i++) {
                f[j * nx + i] = s.f(x0 + i * step, y0 + j * step, z);
            }
        }
        // next.get(e) = the edge where the contour leaves the cell it entered through edge e; the points per edge
        Map<Long, Long> next = new HashMap<>();
        Map<Long, double[]> point = new HashMap<>();
        int[][] corner = {{0, 0}, {1, 0}, {1, 1}, {0, 1}}; // counter-clockwise
        for (int j = 0; j + 1 < ny; j++) {
            for (int i = 0; i + 1 < nx; i++) {
                boolean[] in = new boolean[4];
                int count = 0;
                for (int c = 0; c < 4; c++) {
                    in[c] = f[(j + corner[c][1]) * nx + i + corner[c][0]] < 0;
                    count += in[c] ? 1 : 0;
                }
                if (count == 0 || count == 4) {
                    continue;
                }
                // crossings in counter-clockwise order: edge c joins corner c and c+1
                List<Long> leave = new ArrayList<>(); // inside → outside
                List<Long> enter = new ArrayList<>(); // outside → inside
                for (int c = 0; c < 4; c++) {
                    int d = (c + 1) % 4;
                    if (in[c] != in[d]) {
                        long id = edgeId(i, j, c, nx);
                        if (!point.containsKey(id)) {
                            point.put(id, crossing(s, z, x0 + (i + corner[c][0]) * step,
                                    y0 + (j + corner[c][1]) * step, x0 + (i + corner[d][0]) * step,
                                    y0 + (j + corner[d][1]) * step));
                        }
                        (in[c] ? leave : enter).add(id);
                    }
                }
                if (leave.size() == 1) {
                    next.put(leave.get(0), enter.get(0));
                } else {
                    // saddle: the centre decides whether the inside corners connect through the cell
                    boolean centreIn = s.f(x0 + (i + 0.5) * step, y0 + (j + 0.5) * step, z) < 0;
                    // in counter-clockwise order the crossings alternate leave0, enter0, leave1, enter1 (up to a
                    // rotation); leave k pairs with the enter that follows it when the centre is inside
                    List<Long> order = new ArrayList<>();
                    for (int c = 0; c < 4; c++) {
                        if (in[c] != in[(c + 1) % 4]) {
                            order.add(edgeId(i, j, c, nx));
                        }
                    }
                    for (int k = 0; k < 4; k++) {
                        long id = order.get(k);
                        if (leave.contains(id)) {
                            long follow = order.get((k + 1) % 4);
                            long before = order.get((k + 3) % 4);
                            next.put(id, centreIn ? follow : before);
                        }
                    }
                }
            }
        }
        List<double[]> loops = new ArrayList<>();
        while (!next.isEmpty()) {
            long start = next.keySet().iterator().next();
            List<double[]> pts = new ArrayList<>();
            long e = start;
            do {
                pts.add(point.get(e));
                Long n = next.remove(e);
                if (n == null) {
                    throw new IllegalStateException("open contour at z=" + z);
                }
                e = n;
            } while (e != start);
            if (pts.size() >= 3) {
                double[] c = new double[3 * pts.size()];
                for (int p = 0; p < pts.size(); p++) {
                    c[3 * p] = pts.get(p)[0];
                    c[3 * p + 1] = pts.get(p)[1];
                    c[3 * p + 2] = z;
                }
                loops.add(c);
            }
        }
        return loops;
    }

    /** A grid edge's id, the same from both cells that share it. */
    private static long edgeId(int i, int j, int c, int nx) {
        switch (c) {
            case 0:
                return 2L * ((long) j * nx + i); // bottom: (i,j)-(i+1,j)
            case 1:
                return 2L * ((long) j * nx + i + 1) + 1; // right: (i+1,j)-(i+1,j+1)
            case 2:
                return 2L * ((long) (j + 1) * nx + i); // top: (i,j+1)-(i+1,j+1)
            default:
                return 2L * ((long) j * nx + i) + 1; // left: (i,j)-(i,j+1)
        }
    }

    /** The surface point between two nodes of opposite sign. */
    private static double[] crossing(Revolved s, double z, double ax, double ay, double bx, double by) {
        boolean aIn = s.f(ax, ay, z) < 0;
        double lo = 0;
        double hi = 1;
        for (int it = 0; it < 40; it++) {
            double m = 0.5 * (lo + hi);
            if ((s.f(ax + m * (bx - ax), ay + m * (by - ay), z) < 0) == aIn) {
                lo = m;
            } else {
                hi = m;
            }
        }
        double t = 0.5 * (lo + hi);
        return new double[] {ax + t * (bx - ax), ay + t * (by - ay)};
    }
}
