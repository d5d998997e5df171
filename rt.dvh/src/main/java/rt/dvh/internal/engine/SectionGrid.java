package rt.dvh.internal.engine;

import java.util.Arrays;

/**
 * The fine in-plane grid over a ROI's bounding box, on which each contour plane becomes the implicit functions that
 * the sweep samples (φ, the signed distance, ψ; see {@link #plane}); cell (i, j) spans x0 + [i, i+1)·cell. Apart
 * from the sweep because a plane is computed once and used by up to six slabs; its work buffers make it one ROI's,
 * on one thread.
 */
final class SectionGrid {
    final double x0;
    final double y0;
    final double cell;
    final double zStep;
    final int nx;
    final int ny;
    // work buffers of plane(), allocated on first use (a SectionGrid serves one ROI on one thread)
    private boolean[] in;
    private float[] band;
    private float[] nearXY; // the closest edge point of each cell, x and y side by side (one cache line)
    private float[] centreX; // cell-centre x of each column, as float
    private final OutlineCorners corners = new OutlineCorners(); // the outline's corners, see Plane#corners
    private float[] nearK; // the outline's curvature (1/mm, convex towards the inside > 0) at the closest point

    private SectionGrid(double[] bounds, double cell, double zStep, int nx, int ny, int pad) {
        this.x0 = bounds[0] - pad * cell;
        this.y0 = bounds[2] - pad * cell;
        this.cell = cell;
        this.zStep = zStep;
        this.nx = nx;
        this.ny = ny;
    }

    /** Centre of cell n (row-major), x and y in mm. */
    double centreX(int n) {
        return x0 + (n % nx + 0.5) * cell;
    }

    double centreY(int n) {
        return y0 + (n / nx + 0.5) * cell;
    }

    static SectionGrid forRoi(RoiPlanes roi, DoseField dose, DvhSampler.Options o) {
        double[] b = roi.bounds();
        double ex = Math.max(b[1] - b[0], 1e-3);
        double ey = Math.max(b[3] - b[2], 1e-3);
        double inPlaneDose = Math.min(dose.grid().spacing(0), dose.grid().spacing(1));
        double cell = !Double.isNaN(o.cellMm()) ? o.cellMm()
                : Math.max(0.02, Math.min(Math.max(DvhSampler.MAX_CELL_MM, Math.max(ex, ey)
                        * DvhSampler.CELL_PER_EXTENT_OF_LARGE), Math.min(inPlaneDose * DvhSampler.CELL_PER_DOSE_SPACING,
                        Math.max(ex, ey) * DvhSampler.CELL_PER_EXTENT)));
        double zStep = Math.min(cell, dose.grid().spacing(2) * DvhSampler.CELL_PER_DOSE_SPACING);
        double zExtent = roi.z()[roi.planeCount() - 1] - roi.z()[0]
                + (Double.isNaN(roi.medianSpacing()) ? zStep : roi.medianSpacing());
        double samples = (ex / cell + 4) * (ey / cell + 4) * Math.max(1, zExtent / zStep);
        if (samples > o.budget()) {
            double f = Math.cbrt(samples / o.budget());
            cell *= f;
            zStep *= f;
        }
        // two cells around the outlines, and room for what the interpolation adds between the planes beyond
        // them (an apex lying across the planes reaches about a spacing past the last section that shows it)
        double between = o.model().between() == DvhSampler.Between.INTERPOLATE && !Double.isNaN(roi.medianSpacing())
                ? roi.medianSpacing() : 0;
        int pad = 2 + (int) Math.ceil(between / cell);
        int nx = (int) Math.ceil(ex / cell) + 2 * pad;
        int ny = (int) Math.ceil(ey / cell) + 2 * pad;
        return new SectionGrid(b, cell, zStep, nx, ny, pad);
    }

    /**
     * φ of one plane: negative inside, monotone in the signed distance, zero on the contour.
     *
     * @param reuse a φ array of a plane no longer needed (length nx·ny), or null
     */
    Plane plane(double[][][] polys, Plane reuse) {
        int cells = nx * ny;
        if (in == null) {
            in = new boolean[cells];
            band = new float[cells];
            nearXY = new float[2 * cells];
            centreX = new float[nx];
            for (int i = 0; i < nx; i++) {
                centreX[i] = (float) (x0 + (i + 0.5) * cell);
            }
            nearK = new float[cells];
        }
        rasterise(polys, in);
        nearEdgesSquared(polys, band);
        // within the band the exact distance to the edges, beyond it the distance to the closest edge point of a
        // neighbouring cell, passed on cell by cell (near-exact, so that deep levels of φ are true distances too)
        propagateClosestPoints(band);
        float[] phi = reuse != null && reuse.phi().length == cells ? reuse.phi() : new float[cells];
        float[] signed = reuse != null && reuse.dist().length == cells ? reuse.dist() : new float[cells];
        float[] power = reuse != null && reuse.psi().length == cells ? reuse.psi() : new float[cells];
        double depth = 0;
        int best = 0;
        long sumI = 0;
        long sumJ = 0;
        int area = 0;
        for (int j = 0, n = 0; j < ny; j++) {
            for (int i = 0; i < nx; i++, n++) {
                double dist = Math.sqrt(band[n]);
                if (in[n]) {
                    phi[n] = (float) -dist;
                    if (dist > depth) {
                        depth = dist;
                        best = n;
                    }
                    sumI += i;
                    sumJ += j;
                    area++;
                } else {
                    phi[n] = (float) dist;
                }
            }
        }
        // φ = d·(d + 2M) for the blend between planes; ψ = d·(d + 2ρ) for bulges between them: the power of
        // the point with respect to the osculating circle of the outline at its closest point (ρ its radius
        // where the outline is convex, at most M; M where it is straight or concave). For a section of a
        // sphere, a cylinder or a cone, ψ is near the outline the restriction of the surface's own quadratic
        // function to the plane (a circle: ρ² − R²; a strip: x² − w²; the tip of a cone's section lying across
        // the planes, whose vertex radius shrinks with its distance from the apex), so ψ's quadratic in z
        // tells how far a tip or rim reaches between the planes where its extreme lies between them
        float invDepth = (float) (depth > 0 ? 1 / depth : 0);
        double twoDepth = 2 * depth;
        for (int n = 0; n < cells; n++) {
            double d = phi[n];
            signed[n] = (float) d;
            phi[n] = (float) (d * (d + twoDepth));
            double rho = nearK[n] > invDepth ? 1 / nearK[n] : depth;
            power[n] = (float) (d * (d + 2 * Math.max(rho, -d))); // inside, the osculating circle holds |d|
        }
        double edge = 1.5 * cell;
        return new Plane(phi, signed, power, (float) (edge * (edge + 2 * depth)), depth,
                area > 0 ? (double) sumI / area : 0,
                area > 0 ? (double) sumJ / area : 0, area, polys.length, best, corners.toArray());
    }

    /**
     * Extends the squared distances of the band cells to every cell: each cell tries the closest edge point of its
     * row and column neighbours, in a downward and an upward sweep, each row both ways (Danielsson's vector
     * propagation; its rare misses are far from the outline, where φ only has to be monotone).
     */
    private void propagateClosestPoints(float[] d2) {
        float[] p = nearXY;
        float[] pk = nearK;
        float[] xs = centreX;
        for (int n = 0; n < d2.length; n++) {
            if (d2[n] == Float.MAX_VALUE) {
                p[2 * n] = NO_POINT; // so far from everything that it never wins
                p[2 * n + 1] = NO_POINT;
            }
        }
        for (int pass = 0; pass < 2; pass++) {
            int step = pass == 0 ? 1 : -1;
            for (int j = pass == 0 ? 0 : ny - 1; j >= 0 && j < ny; j += step) {
                float cy = (float) (y0 + (j + 0.5) * cell);
                int row = j * nx;
                int prevRow = row - step * nx;
                boolean hasPrev = j - step >= 0 && j - step < ny;
                // from the row before, then along the row: the same order per cell as both in one loop (a
                // cell's own vertical step comes before its horizontal one, which sees its left neighbour done).
                // Each step written out, not called: ./rt dvh runs on C1 alone (see rt), which inlines no method
                // this large, and a call per step was a tenth of a structure set's time
                if (hasPrev) {
                    for (int i = 0; i < nx; i++) {
                        int to = row + i;
                        int from = prevRow + i;
                        float px = p[2 * from];
                        float py = p[2 * from + 1];
                        float ex = xs[i] - px;
                        float ey = cy - py;
                        float d = ex * ex + ey * ey;
                        if (d < d2[to]) {
                            d2[to] = d;
                            p[2 * to] = px;
                            p[2 * to + 1] = py;
                            pk[to] = pk[from];
                        }
                    }
                }
                for (int i = 1; i < nx; i++) {
                    int to = row + i;
                    int from = to - 1;
                    float px = p[2 * from];
                    float py = p[2 * from + 1];
                    float ex = xs[i] - px;
                    float ey = cy - py;
                    float d = ex * ex + ey * ey;
                    if (d < d2[to]) {
                        d2[to] = d;
                        p[2 * to] = px;
                        p[2 * to + 1] = py;
                        pk[to] = pk[from];
                    }
                }
                for (int i = nx - 2; i >= 0; i--) {
                    int to = row + i;
                    int from = to + 1;
                    float px = p[2 * from];
                    float py = p[2 * from + 1];
                    float ex = xs[i] - px;
                    float ey = cy - py;
                    float d = ex * ex + ey * ey;
                    if (d < d2[to]) {
                        d2[to] = d;
                        p[2 * to] = px;
                        p[2 * to + 1] = py;
                        pk[to] = pk[from];
                    }
                }
            }
        }
    }

    private static final float NO_POINT = 1e15f;

    /** Squared distance (mm²) to the nearest polygon edge for cells near an edge, Float.MAX_VALUE elsewhere. */
    private void nearEdgesSquared(double[][][] polys, float[] band) {
        Arrays.fill(band, Float.MAX_VALUE);
        Arrays.fill(nearK, 0f);
        corners.clear();
        double reach = 1.5 * cell;
        double inv = 1.0 / cell;
        for (double[][] full : polys) {
            double[][] p = Outlines.simplify(full, 0.02 * cell);
            double[] px = p[0];
            double[] py = p[1];
            int m = px.length;
            double span = Math.max(cell, 0.5);
            boolean left = Outlines.insideLeft(full, polys);
            double[] kv = OutlineCorners.curvatures(p, left, span);
            if (OutlineCorners.mayHaveCorners(kv, span)) {
                corners.add(p, kv, OutlineCorners.curvatures(p, left, 2 * span), span, left);
            }
            for (int e = 0, f = m - 1; e < m; f = e++) {
                double ax = px[f];
                double ay = py[f];
                double dx = px[e] - ax;
                double dy = py[e] - ay;
                double len2 = dx * dx + dy * dy;
                double il2 = len2 > 0 ? 1.0 / len2 : 0;
                // long edges in pieces, so that the box around each piece stays small
                int pieces = Math.max(1, (int) Math.ceil(Math.sqrt(len2) / (4 * cell)));
                for (int q = 0; q < pieces; q++) {
                    double sx = ax + dx * q / pieces;
                    double sy = ay + dy * q / pieces;
                    double tx = ax + dx * (q + 1) / pieces;
                    double ty = ay + dy * (q + 1) / pieces;
                    int i0 = Math.max(0, (int) ((Math.min(sx, tx) - reach - x0) * inv));
                    int i1 = Math.min(nx - 1, (int) ((Math.max(sx, tx) + reach - x0) * inv));
                    int j0 = Math.max(0, (int) ((Math.min(sy, ty) - reach - y0) * inv));
                    int j1 = Math.min(ny - 1, (int) ((Math.max(sy, ty) + reach - y0) * inv));
                    for (int j = j0; j <= j1; j++) {
                        double cy = y0 + (j + 0.5) * cell - ay;
                        double cyDy = cy * dy;
                        int row = j * nx;
                        for (int i = i0; i <= i1; i++) {
                            double cx = x0 + (i + 0.5) * cell - ax;
                            double t = (cx * dx + cyDy) * il2;
                            t = t < 0 ? 0 : (t > 1 ? 1 : t);
                            double ex = cx - t * dx;
                            double ey = cy - t * dy;
                            float d2 = (float) (ex * ex + ey * ey);
                            if (d2 < band[row + i]) {
                                band[row + i] = d2;
                                nearXY[2 * (row + i)] = (float) (ax + t * dx);
                                nearXY[2 * (row + i) + 1] = (float) (ay + t * dy);
                                double tq = (q + t) / pieces;
                                nearK[row + i] = (float) ((1 - tq) * kv[f] + tq * kv[e]);
                            }
                        }
                    }
                }
            }
        }
    }

    /** Cell centres inside the plane's polygons, even-odd (crossings bucketed per row, edge by edge). */
    private void rasterise(double[][][] polys, boolean[] in) {
        Arrays.fill(in, false);
        int[] count = new int[ny + 1];
        for (int pass = 0; pass < 2; pass++) {
            double[] xs = pass == 0 ? null : new double[count[ny]];
            int[] fill = pass == 0 ? null : Arrays.copyOf(count, ny);
            for (double[][] p : polys) {
                double[] px = p[0];
                double[] py = p[1];
                int m = px.length;
                for (int e = 0, f = m - 1; e < m; f = e++) {
                    double ya = py[f];
                    double yb = py[e];
                    if (ya == yb) {
                        continue;
                    }
                    double lo = Math.min(ya, yb);
                    double hi = Math.max(ya, yb);
                    // rows whose centre yc satisfies lo <= yc < hi
                    int j0 = Math.max(0, (int) Math.ceil((lo - y0) / cell - 0.5));
                    int j1 = Math.min(ny - 1, (int) Math.ceil((hi - y0) / cell - 0.5) - 1);
                    for (int j = j0; j <= j1; j++) {
                        if (pass == 0) {
                            count[j + 1]++;
                        } else {
                            double yc = y0 + (j + 0.5) * cell;
                            xs[fill[j]++] = px[f] + (yc - ya) * (px[e] - px[f]) / (yb - ya);
                        }
                    }
                }
            }
            if (pass == 0) {
                for (int j = 0; j < ny; j++) {
                    count[j + 1] += count[j];
                }
            } else {
                for (int j = 0; j < ny; j++) {
                    int a = count[j];
                    int b = count[j + 1];
                    Arrays.sort(xs, a, b);
                    for (int c = a; c + 1 < b; c += 2) {
                        int i0 = (int) Math.ceil((xs[c] - x0) / cell - 0.5);
                        int i1 = (int) Math.ceil((xs[c + 1] - x0) / cell - 0.5);
                        for (int i = Math.max(i0, 0); i < Math.min(i1, nx); i++) {
                            in[j * nx + i] = true;
                        }
                    }
                }
            }
        }
    }

    /** f bilinear between the centres of cell b, its right, lower and lower-right neighbours (row length nx). */
    static double bilinear(float[] f, int b, int nx, double fx, double fy) {
        double top = f[b] + fx * (f[b + 1] - f[b]);
        double bottom = f[b + nx] + fx * (f[b + nx + 1] - f[b + nx]);
        return top + fy * (bottom - top);
    }
}
