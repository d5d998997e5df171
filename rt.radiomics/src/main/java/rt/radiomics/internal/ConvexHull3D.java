package rt.radiomics.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * 3D convex hull by quickhull (Barber, Dobkin and Huhdanpaa 1996): an initial tetrahedron, then repeatedly the point
 * farthest outside a face is added, the faces it sees are removed and the horizon is joined to it. Faces are triangles
 * (coplanar facets stay triangulated, which does not change volume or area). Points within a tolerance of a face count
 * as on it, so grid-aligned inputs with many coplanar points stay well behaved.
 */
public final class ConvexHull3D {

    private final double[] p;
    private final double eps;
    private final List<Face> faces = new ArrayList<>();
    private final Map<Long, Face> edges = new HashMap<>();
    private final int n;

    private static final class Face {
        final int a;
        final int b;
        final int c;
        final double nx;
        final double ny;
        final double nz;
        final double off;
        int[] outside = new int[0];
        int nOut;
        boolean alive = true;

        Face(double[] p, int a, int b, int c) {
            this.a = a;
            this.b = b;
            this.c = c;
            double ux = p[3 * b] - p[3 * a];
            double uy = p[3 * b + 1] - p[3 * a + 1];
            double uz = p[3 * b + 2] - p[3 * a + 2];
            double vx = p[3 * c] - p[3 * a];
            double vy = p[3 * c + 1] - p[3 * a + 1];
            double vz = p[3 * c + 2] - p[3 * a + 2];
            double x = uy * vz - uz * vy;
            double y = uz * vx - ux * vz;
            double z = ux * vy - uy * vx;
            double len = Math.sqrt(x * x + y * y + z * z);
            nx = x / len;
            ny = y / len;
            nz = z / len;
            off = nx * p[3 * a] + ny * p[3 * a + 1] + nz * p[3 * a + 2];
        }

        double dist(double[] p, int i) {
            return nx * p[3 * i] + ny * p[3 * i + 1] + nz * p[3 * i + 2] - off;
        }

        void add(int i) {
            if (nOut == outside.length) {
                outside = java.util.Arrays.copyOf(outside, Math.max(8, 2 * nOut));
            }
            outside[nOut++] = i;
        }
    }

    private ConvexHull3D(double[] xyz) {
        this.p = xyz;
        this.n = xyz.length / 3;
        double scale = 0;
        for (double v : xyz) {
            scale = Math.max(scale, Math.abs(v));
        }
        this.eps = 1e-10 * Math.max(scale, 1e-300) * 3;
    }

    /**
     * Volume and surface area of the convex hull of points given as x, y, z triples; {0, NaN} when the points do not
     * span three dimensions.
     */
    public static double[] volumeAndArea(double[] xyz) {
        if (xyz.length % 3 != 0) {
            throw new IllegalArgumentException("point array length " + xyz.length + " is not a multiple of 3");
        }
        ConvexHull3D h = new ConvexHull3D(xyz);
        if (!h.build()) {
            return new double[] {0, Double.NaN};
        }
        return h.measure();
    }

    private boolean build() {
        if (n < 4) {
            return false;
        }
        int[] t = initialSimplex();
        if (t == null) {
            return false;
        }
        double cx = 0;
        double cy = 0;
        double cz = 0;
        for (int i : t) {
            cx += p[3 * i] / 4;
            cy += p[3 * i + 1] / 4;
            cz += p[3 * i + 2] / 4;
        }
        int[][] tri = {{t[0], t[1], t[2]}, {t[0], t[1], t[3]}, {t[0], t[2], t[3]}, {t[1], t[2], t[3]}};
        List<Face> initial = new ArrayList<>();
        for (int[] f : tri) {
            Face face = new Face(p, f[0], f[1], f[2]);
            if (face.nx * cx + face.ny * cy + face.nz * cz - face.off > 0) {
                face = new Face(p, f[0], f[2], f[1]);
            }
            initial.add(face);
            addFace(face);
        }
        for (int i = 0; i < n; i++) {
            if (i == t[0] || i == t[1] || i == t[2] || i == t[3]) {
                continue;
            }
            assign(i, initial);
        }
        ArrayDeque<Face> work = new ArrayDeque<>(initial);
        while (!work.isEmpty()) {
            Face f = work.poll();
            if (!f.alive || f.nOut == 0) {
                continue;
            }
            int eye = -1;
            double best = -1;
            for (int k = 0; k < f.nOut; k++) {
                double d = f.dist(p, f.outside[k]);
                if (d > best) {
                    best = d;
                    eye = f.outside[k];
                }
            }
            List<Face> created = addPoint(f, eye);
            work.addAll(created);
        }
        return true;
    }

    /** Four affinely independent points of extreme position, or null when the set is (nearly) flat. */
    private int[] initialSimplex() {
        int axis = 0;
        int lo = 0;
        int hi = 0;
        double span = -1;
        for (int d = 0; d < 3; d++) {
            int mn = 0;
            int mx = 0;
            for (int i = 1; i < n; i++) {
                if (p[3 * i + d] < p[3 * mn + d]) {
                    mn = i;
                }
                if (p[3 * i + d] > p[3 * mx + d]) {
                    mx = i;
                }
            }
            if (p[3 * mx + d] - p[3 * mn + d] > span) {
                span = p[3 * mx + d] - p[3 * mn + d];
                axis = d;
                lo = mn;
                hi = mx;
            }
        }
        if (span <= eps) {
            return null;
        }
        // farthest from the line lo-hi
        double dx = p[3 * hi] - p[3 * lo];
        double dy = p[3 * hi + 1] - p[3 * lo + 1];
        double dz = p[3 * hi + 2] - p[3 * lo + 2];
        int c = -1;
        double bestLine = eps * span;
        for (int i = 0; i < n; i++) {
            double wx = p[3 * i] - p[3 * lo];
            double wy = p[3 * i + 1] - p[3 * lo + 1];
            double wz = p[3 * i + 2] - p[3 * lo + 2];
            double x = dy * wz - dz * wy;
            double y = dz * wx - dx * wz;
            double z = dx * wy - dy * wx;
            double d = x * x + y * y + z * z;
            if (d > bestLine * bestLine) {
                bestLine = Math.sqrt(d);
                c = i;
            }
        }
        if (c < 0) {
            return null;
        }
        Face plane = new Face(p, lo, hi, c);
        int e = -1;
        double bestPlane = eps;
        for (int i = 0; i < n; i++) {
            double d = Math.abs(plane.dist(p, i));
            if (d > bestPlane) {
                bestPlane = d;
                e = i;
            }
        }
        return e < 0 ? null : new int[] {lo, hi, c, e};
    }

    private static long key(int from, int to) {
        return ((long) from << 32) | (to & 0xffffffffL);
    }

    private void addFace(Face f) {
        faces.add(f);
        edges.put(key(f.a, f.b), f);
        edges.put(key(f.b, f.c), f);
        edges.put(key(f.c, f.a), f);
    }

    private void assign(int i, List<Face> candidates) {
        for (Face f : candidates) {
            if (f.alive && f.dist(p, i) > eps) {
                f.add(i);
                return;
            }
        }
    }

    /** Adds the eye point seen from face start; returns the new faces. */
    private List<Face> addPoint(Face start, int eye) {
        List<Face> visible = new ArrayList<>();
        ArrayDeque<Face> stack = new ArrayDeque<>();
        start.alive = false;
        stack.push(start);
        while (!stack.isEmpty()) {
            Face f = stack.pop();
            visible.add(f);
            int[] v = {f.a, f.b, f.c};
            for (int k = 0; k < 3; k++) {
                Face nb = edges.get(key(v[(k + 1) % 3], v[k]));
                if (nb != null && nb.alive && nb.dist(p, eye) > eps) {
                    nb.alive = false;
                    stack.push(nb);
                }
            }
        }
        // horizon: edges of visible faces whose twin belongs to a face that stays
        List<int[]> horizon = new ArrayList<>();
        for (Face f : visible) {
            int[] v = {f.a, f.b, f.c};
            for (int k = 0; k < 3; k++) {
                int from = v[k];
                int to = v[(k + 1) % 3];
                Face nb = edges.get(key(to, from));
                if (nb != null && nb.alive) {
                    horizon.add(new int[] {from, to});
                }
            }
        }
        for (Face f : visible) {
            int[] v = {f.a, f.b, f.c};
            for (int k = 0; k < 3; k++) {
                long k1 = key(v[k], v[(k + 1) % 3]);
                if (edges.get(k1) == f) {
                    edges.remove(k1);
                }
            }
        }
        List<Face> created = new ArrayList<>(horizon.size());
        for (int[] e : horizon) {
            Face nf = new Face(p, e[0], e[1], eye);
            addFace(nf);
            created.add(nf);
        }
        for (Face f : visible) {
            for (int k = 0; k < f.nOut; k++) {
                int i = f.outside[k];
                if (i != eye) {
                    assign(i, created);
                }
            }
            f.outside = null;
            f.nOut = 0;
        }
        return created;
    }

    private double[] measure() {
        double ox = 0;
        double oy = 0;
        double oz = 0;
        int cnt = 0;
        for (Face f : faces) {
            if (f.alive) {
                ox += p[3 * f.a];
                oy += p[3 * f.a + 1];
                oz += p[3 * f.a + 2];
                cnt++;
            }
        }
        ox /= cnt;
        oy /= cnt;
        oz /= cnt;
        double vol = 0;
        double area = 0;
        for (Face f : faces) {
            if (!f.alive) {
                continue;
            }
            double ax = p[3 * f.a] - ox;
            double ay = p[3 * f.a + 1] - oy;
            double az = p[3 * f.a + 2] - oz;
            double bx = p[3 * f.b] - ox;
            double by = p[3 * f.b + 1] - oy;
            double bz = p[3 * f.b + 2] - oz;
            double qx = p[3 * f.c] - ox;
            double qy = p[3 * f.c + 1] - oy;
            double qz = p[3 * f.c + 2] - oz;
            double x = by * qz - bz * qy;
            double y = bz * qx - bx * qz;
            double z = bx * qy - by * qx;
            vol += ax * x + ay * y + az * z;
            double ux = bx - ax;
            double uy = by - ay;
            double uz = bz - az;
            double vx = qx - ax;
            double vy = qy - ay;
            double vz = qz - az;
            double cx = uy * vz - uz * vy;
            double cy = uz * vx - ux * vz;
            double cz = ux * vy - uy * vx;
            area += 0.5 * Math.sqrt(cx * cx + cy * cy + cz * cz);
        }
        return new double[] {vol / 6, area};
    }
}
