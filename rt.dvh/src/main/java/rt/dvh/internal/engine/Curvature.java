package rt.dvh.internal.engine;

import java.util.Arrays;

/**
 * d²φ/dz² of a plane from its two neighbours, aligned by the slabs' centroid shifts: the linear blend
 * between planes misses it — for a sphere φ = ρ² − R² + z², whose z² the blend overestimates by t(1−t)·s² — so
 * the slab takes t(1−t)/2·s²·d²φ/dz² off (the quadratic through three planes, exact for spheres, ellipsoids and
 * cones lying across the planes).
 */
record Curvature(float[] k) {
    /** At plane b, with a's cells shifted by −ab and c's by +bc (the planes aligned as the slabs blend them). */
    static Curvature of(Plane a, Plane b, Plane c, double h1, double h2, int[] ab, int[] bc, int nx, int ny,
            Curvature reuse) {
        float[] pa = a.phi();
        float[] pb = b.phi();
        float[] pc = c.phi();
        float[] k = reuse != null && reuse.k.length == pb.length ? reuse.k : new float[pb.length];
        float wc = (float) (2 / ((h1 + h2) * h2));
        float wa = (float) (2 / ((h1 + h2) * h1));
        float wb = wa + wc;
        int offA = -(ab[1] * nx + ab[0]);
        int offC = bc[1] * nx + bc[0];
        // the columns where both shifted cells are on the grid: i − ab[0] and i + bc[0] in [0, nx)
        int iLo = Math.max(0, Math.max(ab[0], -bc[0]));
        int iHi = Math.min(nx, Math.min(nx + ab[0], nx - bc[0]));
        for (int j = 0, row = 0; j < ny; j++, row += nx) {
            boolean rows = j - ab[1] >= 0 && j - ab[1] < ny && j + bc[1] >= 0 && j + bc[1] < ny;
            int lo = rows ? Math.min(iLo, nx) : nx;
            int hi = rows ? Math.max(iHi, lo) : nx;
            Arrays.fill(k, row, row + lo, 0f);
            for (int n = row + lo; n < row + hi; n++) {
                k[n] = wc * pc[n + offC] - wb * pb[n] + wa * pa[n + offA];
            }
            Arrays.fill(k, row + hi, row + nx, 0f);
        }
        return new Curvature(k);
    }
}
