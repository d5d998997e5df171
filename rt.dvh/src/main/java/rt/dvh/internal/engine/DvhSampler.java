package rt.dvh.internal.engine;

import java.util.Arrays;
import java.util.List;

/**
 * Computes the DVH of one ROI from its contours by sub-voxel sampling.
 *
 * <p>Geometry: each contour plane is rasterised on a fine in-plane grid over the ROI's bounding box (even-odd, so
 * holes and nested islands work) and turned into an implicit function φ = d·(d + 2M) of its signed distance d
 * (M = the plane's largest inscribed distance). Between two adjacent planes the ROI is where the linear blend of
 * their φ is negative: for circles this interpolates the squared radius, so domes (spheres, the round side of a
 * cylinder) are followed closely instead of the stair steps or cones of slab or plain distance interpolation.
 * Beyond the first and last planes (and at gaps wider than 2.5 median spacings) the end contour is extruded by half
 * a contour spacing: the end-cap convention of the Nelms et al. analytical DVHs and of most planning systems.
 *
 * <p>Dose: trilinear at every sample. Each fine cell and sub-slab is one sample whose position is jittered inside
 * its cell by a deterministic low-discrepancy sequence, so a dose gradient gives a smooth DVH instead of one step
 * per row. Dmin/Dmax come from the cell centres (inside the ROI, unlike a jittered point of a boundary cell) and the
 * dose at every contour vertex and end-cap face vertex, the boundary of the closed structure.
 */
public final class DvhSampler {

    /**
     * @param cellMm          in-plane sample spacing (mm), or NaN for automatic (¼ of the dose spacing, at most
     *                        1/100 of the ROI extent and 0.5 mm)
     * @param budget          most samples (cells × sub-slabs) one ROI may use; the spacing grows to fit
     * @param capThicknessMm  slab thickness for ROIs with a single plane (and at gaps), or NaN to use the dose z spacing
     * @param bins            histogram bins over [0, max dose of the grid]
     */
    public record Options(double cellMm, long budget, double capThicknessMm, int bins) {
        public static Options defaults() {
            return new Options(Double.NaN, 40_000_000L, Double.NaN, 100_000);
        }

        public Options withCapThickness(double mm) {
            return new Options(cellMm, budget, mm, bins);
        }

        public Options withBudget(long samples) {
            return new Options(cellMm, samples, capThicknessMm, bins);
        }
    }

    private static final double A1 = 0.8191725133961645; // R3 quasi-random sequence (1/g, 1/g², 1/g³)
    private static final double A2 = 0.6710436067037893;
    private static final double A3 = 0.5497004779019703;

    private DvhSampler() {
    }

    public static Dvh compute(RoiPlanes roi, DoseField dose, Options options) {
        Dvh.Builder hist = new Dvh.Builder(dose.maxDose(), options.bins());
        if (roi.isEmpty()) {
            return hist.build();
        }
        Grid2 g = Grid2.forRoi(roi, dose, options);
        int planes = roi.planeCount();
        double[] z = roi.z();
        double median = roi.medianSpacing();
        double isolated = !Double.isNaN(median) ? median
                : !Double.isNaN(options.capThicknessMm()) ? options.capThicknessMm() : dose.grid().spacing(2);
        boolean[] linked = new boolean[Math.max(planes - 1, 0)];
        for (int k = 0; k + 1 < planes; k++) {
            linked[k] = z[k + 1] - z[k] <= 2.5 * median + 1e-6;
        }
        Sweep sweep = new Sweep(g, dose, hist);
        float[][] phi = new float[planes][];
        for (int k = 0; k < planes; k++) {
            if (phi[k] == null) {
                phi[k] = g.phi(roi.polygons().get(k));
            }
            boolean lowerLinked = k > 0 && linked[k - 1];
            boolean upperLinked = k + 1 < planes && linked[k];
            if (!lowerLinked) {
                double cap = upperLinked ? (z[k + 1] - z[k]) / 2 : isolated / 2;
                sweep.cap(phi[k], z[k], -cap);
                extremes(roi.polygons().get(k), z[k] - cap, dose, hist);
            }
            if (!upperLinked) {
                double cap = lowerLinked ? (z[k] - z[k - 1]) / 2 : isolated / 2;
                sweep.cap(phi[k], z[k], cap);
                extremes(roi.polygons().get(k), z[k] + cap, dose, hist);
            } else {
                phi[k + 1] = g.phi(roi.polygons().get(k + 1));
                sweep.between(phi[k], phi[k + 1], z[k], z[k + 1]);
            }
            extremes(roi.polygons().get(k), z[k], dose, hist);
            phi[k] = null; // keep at most two planes in memory
        }
        return hist.build();
    }

    private static void extremes(List<double[][]> polys, double z, DoseField dose, Dvh.Builder hist) {
        for (double[][] p : polys) {
            for (int n = 0; n < p[0].length; n++) {
                hist.extremes(dose.at(p[0][n], p[1][n], z));
            }
        }
    }

    /** Walks sub-slabs and adds jittered samples to the histogram. */
    private static final class Sweep {
        private final Grid2 g;
        private final DoseField dose;
        private final Dvh.Builder hist;
        private long counter;
        private int[] cand = new int[0];

        Sweep(Grid2 g, DoseField dose, Dvh.Builder hist) {
            this.g = g;
            this.dose = dose;
            this.hist = hist;
        }

        /** The extrusion of one plane over [z, z + thickness] (thickness may be negative). */
        void cap(float[] phi, double z0, double thickness) {
            int n = candidates(phi, null);
            double len = Math.abs(thickness);
            int sub = Math.max(1, (int) Math.ceil(len / g.zStep - 1e-9));
            double w = g.cell * g.cell * len / sub;
            for (int s = 0; s < sub; s++) {
                for (int c = 0; c < n; c++) {
                    int idx = cand[c];
                    long q = counter++;
                    double ux = frac(0.5 + A1 * q);
                    double uy = frac(0.5 + A2 * q);
                    double uz = frac(0.5 + A3 * q);
                    double zz = z0 + thickness * (s + uz) / sub;
                    sample(idx, ux, uy, zz, w);
                }
            }
        }

        /** The interpolated ROI between two linked planes. */
        void between(float[] a, float[] b, double za, double zb) {
            int n = candidates(a, b);
            double len = zb - za;
            int sub = Math.max(1, (int) Math.ceil(len / g.zStep - 1e-9));
            double w = g.cell * g.cell * len / sub;
            for (int s = 0; s < sub; s++) {
                for (int c = 0; c < n; c++) {
                    int idx = cand[c];
                    long q = counter++;
                    double uz = frac(0.5 + A3 * q);
                    double t = (s + uz) / sub;
                    if ((1 - t) * a[idx] + t * b[idx] >= 0) {
                        continue;
                    }
                    double ux = frac(0.5 + A1 * q);
                    double uy = frac(0.5 + A2 * q);
                    sample(idx, ux, uy, za + t * len, w);
                }
            }
        }

        private void sample(int idx, double ux, double uy, double zz, double w) {
            int i = idx % g.nx;
            int j = idx / g.nx;
            double x = g.x0 + (i + ux) * g.cell;
            double y = g.y0 + (j + uy) * g.cell;
            double d = dose.at(x, y, zz);
            hist.add(d, w);
            if (hist.isExtreme(d)) {
                // a jittered point may lie up to half a cell beyond the contour; the cell centre is inside
                // (clamped to the ROI's bounds for cells marked by a sliver's outline)
                double cx = Math.max(g.bx0, Math.min(g.bx1, g.x0 + (i + 0.5) * g.cell));
                double cy = Math.max(g.by0, Math.min(g.by1, g.y0 + (j + 0.5) * g.cell));
                hist.extremes(dose.at(cx, cy, zz));
            }
        }

        private int candidates(float[] a, float[] b) {
            if (cand.length < a.length) {
                cand = new int[a.length];
            }
            int n = 0;
            for (int idx = 0; idx < a.length; idx++) {
                if (a[idx] < 0 || (b != null && b[idx] < 0)) {
                    cand[n++] = idx;
                }
            }
            return n;
        }

        private static double frac(double v) {
            return v - Math.floor(v);
        }
    }

    /** The fine in-plane grid over the ROI's bounding box; cell (i, j) spans x0 + [i, i+1)·cell. */
    static final class Grid2 {
        final double x0;
        final double y0;
        final double cell;
        final double zStep;
        final int nx;
        final int ny;
        final double bx0;
        final double bx1;
        final double by0;
        final double by1;

        private Grid2(double[] bounds, double cell, double zStep, int nx, int ny) {
            this.x0 = bounds[0] - cell;
            this.y0 = bounds[2] - cell;
            this.bx0 = bounds[0];
            this.bx1 = bounds[1];
            this.by0 = bounds[2];
            this.by1 = bounds[3];
            this.cell = cell;
            this.zStep = zStep;
            this.nx = nx;
            this.ny = ny;
        }

        static Grid2 forRoi(RoiPlanes roi, DoseField dose, Options o) {
            double[] b = roi.bounds();
            double ex = Math.max(b[1] - b[0], 1e-3);
            double ey = Math.max(b[3] - b[2], 1e-3);
            double inPlaneDose = Math.min(dose.grid().spacing(0), dose.grid().spacing(1));
            double cell = !Double.isNaN(o.cellMm()) ? o.cellMm()
                    : Math.max(0.02, Math.min(0.5, Math.min(inPlaneDose / 4, Math.max(ex, ey) / 100)));
            double zStep = Math.min(cell, dose.grid().spacing(2) / 4);
            double zExtent = roi.z()[roi.planeCount() - 1] - roi.z()[0]
                    + (Double.isNaN(roi.medianSpacing()) ? zStep : roi.medianSpacing());
            double samples = (ex / cell + 2) * (ey / cell + 2) * Math.max(1, zExtent / zStep);
            if (samples > o.budget()) {
                double f = Math.cbrt(samples / o.budget());
                cell *= f;
                zStep *= f;
            }
            int nx = (int) Math.ceil(ex / cell) + 2;
            int ny = (int) Math.ceil(ey / cell) + 2;
            return new Grid2(b, cell, zStep, nx, ny);
        }

        /** φ of one plane: negative inside, monotone in the signed distance, zero on the contour. */
        float[] phi(List<double[][]> polys) {
            boolean[] in = rasterise(polys);
            float[] dIn = Edt.squared(in, nx, ny, true);   // to the nearest inside cell
            float[] dOut = Edt.squared(in, nx, ny, false); // to the nearest outside cell
            float[] phi = new float[in.length];
            double half = 0.5 * cell;
            double depth = 0;
            for (int n = 0; n < in.length; n++) {
                double d = in[n] ? -(Math.sqrt(dOut[n]) * cell - half) : Math.sqrt(dIn[n]) * cell - half;
                phi[n] = (float) d;
                depth = Math.max(depth, -d);
            }
            for (int n = 0; n < in.length; n++) {
                double d = phi[n];
                phi[n] = (float) (d * (d + 2 * depth));
            }
            return phi;
        }

        /** Cell centres inside the plane's polygons, even-odd; a polygon smaller than a cell still marks one cell. */
        boolean[] rasterise(List<double[][]> polys) {
            boolean[] in = new boolean[nx * ny];
            double[] xs = new double[16];
            for (int j = 0; j < ny; j++) {
                double yc = y0 + (j + 0.5) * cell;
                int n = 0;
                for (double[][] p : polys) {
                    double[] px = p[0];
                    double[] py = p[1];
                    int m = px.length;
                    for (int e = 0, f = m - 1; e < m; f = e++) {
                        double ya = py[f];
                        double yb = py[e];
                        if ((ya <= yc && yc < yb) || (yb <= yc && yc < ya)) {
                            if (n == xs.length) {
                                xs = Arrays.copyOf(xs, 2 * n);
                            }
                            xs[n++] = px[f] + (yc - ya) * (px[e] - px[f]) / (yb - ya);
                        }
                    }
                }
                Arrays.sort(xs, 0, n);
                for (int c = 0; c + 1 < n; c += 2) {
                    int i0 = (int) Math.ceil((xs[c] - x0) / cell - 0.5);
                    int i1 = (int) Math.ceil((xs[c + 1] - x0) / cell - 0.5);
                    for (int i = Math.max(i0, 0); i < Math.min(i1, nx); i++) {
                        in[j * nx + i] = true;
                    }
                }
            }
            for (double[][] p : polys) {
                markIfThin(p, in);
            }
            return in;
        }

        /**
         * A polygon thinner than two cells (a sliver, the tip of a dome) may cover no cell centre: mark the cells its
         * outline crosses, so that it still anchors the interpolation towards the neighbouring plane.
         */
        private void markIfThin(double[][] p, boolean[] in) {
            double[] px = p[0];
            double[] py = p[1];
            double xmin = Double.POSITIVE_INFINITY;
            double xmax = Double.NEGATIVE_INFINITY;
            double ymin = Double.POSITIVE_INFINITY;
            double ymax = Double.NEGATIVE_INFINITY;
            for (int v = 0; v < px.length; v++) {
                xmin = Math.min(xmin, px[v]);
                xmax = Math.max(xmax, px[v]);
                ymin = Math.min(ymin, py[v]);
                ymax = Math.max(ymax, py[v]);
            }
            if (xmax - xmin >= 2 * cell && ymax - ymin >= 2 * cell) {
                return;
            }
            for (int e = 0, f = px.length - 1; e < px.length; f = e++) {
                double len = Math.hypot(px[e] - px[f], py[e] - py[f]);
                int steps = Math.max(1, (int) Math.ceil(2 * len / cell));
                for (int s = 0; s <= steps; s++) {
                    double x = px[f] + (px[e] - px[f]) * s / steps;
                    double y = py[f] + (py[e] - py[f]) * s / steps;
                    int i = (int) Math.floor((x - x0) / cell);
                    int j = (int) Math.floor((y - y0) / cell);
                    if (i >= 0 && j >= 0 && i < nx && j < ny) {
                        in[j * nx + i] = true;
                    }
                }
            }
        }
    }
}
