package rt.dvh.internal.engine;

import rt.api.image.Grid;
import rt.api.image.Volume;

/**
 * Trilinear dose lookup on a dose grid (Gy). Inside means a continuous index within [-0.5, n-0.5] on every axis
 * (values are held constant over the outer half voxel); outside the grid the dose is 0, or with {@link Outside#CLAMP}
 * that of the nearest grid voxel (dicompyler-core's nearest plane). {@link #coverage} is the grid's indicator (1 inside,
 * 0 outside), whose mean over a ROI is the fraction of it inside the grid. Thread-safe (read only).
 */
public final class DoseField {

    private final Grid grid;
    private final float[] d;
    private final int nx;
    private final int ny;
    private final int nz;
    private final boolean axisAligned;
    private final double ox;
    private final double oy;
    private final double oz;
    private final double isx;
    private final double isy;
    private final double isz;
    private final double max;
    private final Outside outside;

    /** What a position outside the grid's extent gets. */
    public enum Outside {
        /** 0 Gy. */
        ZERO,
        /** The dose of the nearest voxel of the grid (indices clamped to the grid). */
        CLAMP,
        /** Not a dose: 1 inside the grid's extent, 0 outside. */
        COVERAGE
    }

    public DoseField(Volume dose) {
        this(dose.grid(), dose.voxels(), Outside.ZERO);
    }

    public DoseField(Volume dose, Outside outside) {
        this(dose.grid(), dose.voxels(), outside);
    }

    /** 1 inside the grid's extent ([-0.5, n-0.5] on every axis), 0 outside; samples as a dose field on that grid. */
    public static DoseField coverage(Grid grid) {
        return new DoseField(grid, null, Outside.COVERAGE);
    }

    private DoseField(Grid grid, float[] voxels, Outside outside) {
        this.grid = grid;
        this.outside = outside;
        this.d = voxels;
        this.nx = grid.nx();
        this.ny = grid.ny();
        this.nz = grid.nz();
        this.axisAligned = grid.isAxisAligned(1e-6);
        double[] o = grid.origin();
        this.ox = o[0];
        this.oy = o[1];
        this.oz = o[2];
        this.isx = 1.0 / grid.spacing(0);
        this.isy = 1.0 / grid.spacing(1);
        this.isz = 1.0 / grid.spacing(2);
        float m = outside == Outside.COVERAGE ? 1f : 0f;
        for (float v : voxels == null ? new float[0] : voxels) {
            if (v > m) {
                m = v;
            }
        }
        this.max = m;
    }

    public Grid grid() {
        return grid;
    }

    /** The largest voxel value (no interpolated value exceeds it); at least 0. */
    public double maxDose() {
        return max;
    }

    /**
     * Dose in Gy at a world position (LPS mm). The interior case is written out here and the edges go out of line:
     * ./rt dvh runs on C1 alone (see rt), which inlines no method larger than this one's callers' few lines, and the
     * samplers call it for every sample.
     */
    public double at(double x, double y, double z) {
        double ci;
        double cj;
        double ck;
        if (axisAligned) {
            ci = (x - ox) * isx;
            cj = (y - oy) * isy;
            ck = (z - oz) * isz;
        } else {
            double[] c = grid.worldToIndex(x, y, z);
            ci = c[0];
            cj = c[1];
            ck = c[2];
        }
        if (d != null && ci >= 0 && cj >= 0 && ck >= 0 && ci < nx - 1 && cj < ny - 1 && ck < nz - 1) {
            // all eight neighbours inside
            int i0 = (int) ci;
            int j0 = (int) cj;
            int k0 = (int) ck;
            double fx = ci - i0;
            double fy = cj - j0;
            double fz = ck - k0;
            int b = i0 + nx * (j0 + ny * k0);
            int sy = nx;
            int sz = nx * ny;
            double c00 = d[b] + fx * (d[b + 1] - d[b]);
            double c10 = d[b + sy] + fx * (d[b + sy + 1] - d[b + sy]);
            double c01 = d[b + sz] + fx * (d[b + sz + 1] - d[b + sz]);
            double c11 = d[b + sz + sy] + fx * (d[b + sz + sy + 1] - d[b + sz + sy]);
            double c0 = c00 + fy * (c10 - c00);
            return c0 + fz * (c01 + fy * (c11 - c01) - c0);
        }
        return atEdge(ci, cj, ck);
    }

    /** The coverage indicator, and the dose where some of the eight neighbours are off the grid. */
    private double atEdge(double ci, double cj, double ck) {
        if (outside == Outside.COVERAGE) {
            return ci < -0.5 || cj < -0.5 || ck < -0.5 || ci > nx - 0.5 || cj > ny - 0.5 || ck > nz - 0.5 ? 0.0 : 1.0;
        }
        if (outside == Outside.ZERO
                && (ci < -0.5 || cj < -0.5 || ck < -0.5 || ci > nx - 0.5 || cj > ny - 0.5 || ck > nz - 0.5)) {
            return 0.0;
        }
        ci = ci < 0 ? 0 : Math.min(ci, nx - 1);
        cj = cj < 0 ? 0 : Math.min(cj, ny - 1);
        ck = ck < 0 ? 0 : Math.min(ck, nz - 1);
        int i0 = Math.min((int) ci, Math.max(nx - 2, 0));
        int j0 = Math.min((int) cj, Math.max(ny - 2, 0));
        int k0 = Math.min((int) ck, Math.max(nz - 2, 0));
        double fx = ci - i0;
        double fy = cj - j0;
        double fz = ck - k0;
        int sx = nx > 1 ? 1 : 0;
        int sy = ny > 1 ? nx : 0;
        int sz = nz > 1 ? nx * ny : 0;
        int b = i0 + nx * (j0 + ny * k0);
        double c00 = d[b] + fx * (d[b + sx] - d[b]);
        double c10 = d[b + sy] + fx * (d[b + sy + sx] - d[b + sy]);
        double c01 = d[b + sz] + fx * (d[b + sz + sx] - d[b + sz]);
        double c11 = d[b + sz + sy] + fx * (d[b + sz + sy + sx] - d[b + sz + sy]);
        double c0 = c00 + fy * (c10 - c00);
        double c1 = c01 + fy * (c11 - c01);
        return c0 + fz * (c1 - c0);
    }

    /** Volume (mm³) of the dose grid at or above {@code thresholdGy}, counting whole voxels. */
    public double isodoseVolumeMm3(double thresholdGy) {
        if (d == null) {
            return Double.NaN;
        }
        long n = 0;
        for (float v : d) {
            if (v >= thresholdGy) {
                n++;
            }
        }
        return n * grid.voxelVolumeMm3();
    }
}
