package rt.api.image;

import java.util.Arrays;

/**
 * A regular voxel grid in LPS patient coordinates. Voxel (i, j, k) has its centre at
 * {@code origin + i*sx*u + j*sy*v + k*sz*w}, where u, v, w are the unit axis directions (for an axial DICOM
 * series: u = row direction, v = column direction, w = slice normal). Immutable.
 */
public final class Grid {

    private final int nx;
    private final int ny;
    private final int nz;
    private final double[] origin;
    private final double[] spacing;
    private final double[] direction;

    /**
     * @param origin    centre of voxel (0,0,0), mm (3 values, copied)
     * @param spacing   voxel size along i, j, k, mm (3 positive values, copied)
     * @param direction unit axis vectors u, v, w, each 3 values: {@code {ux,uy,uz, vx,vy,vz, wx,wy,wz}} (copied)
     */
    public Grid(int nx, int ny, int nz, double[] origin, double[] spacing, double[] direction) {
        if (nx <= 0 || ny <= 0 || nz <= 0) {
            throw new IllegalArgumentException("grid dimensions must be positive: " + nx + "x" + ny + "x" + nz);
        }
        if (origin.length != 3 || spacing.length != 3 || direction.length != 9) {
            throw new IllegalArgumentException("origin and spacing need 3 values, direction 9");
        }
        for (double s : spacing) {
            if (!(s > 0) || Double.isInfinite(s)) {
                throw new IllegalArgumentException("spacing must be positive and finite: " + Arrays.toString(spacing));
            }
        }
        this.nx = nx;
        this.ny = ny;
        this.nz = nz;
        this.origin = origin.clone();
        this.spacing = spacing.clone();
        this.direction = direction.clone();
    }

    /** An axis-aligned grid (identity direction). */
    public static Grid axisAligned(int nx, int ny, int nz, double[] origin, double[] spacing) {
        return new Grid(nx, ny, nz, origin, spacing, new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1});
    }

    public int nx() {
        return nx;
    }

    public int ny() {
        return ny;
    }

    public int nz() {
        return nz;
    }

    public long voxelCount() {
        return (long) nx * ny * nz;
    }

    public double[] origin() {
        return origin.clone();
    }

    public double[] spacing() {
        return spacing.clone();
    }

    public double spacing(int axis) {
        return spacing[axis];
    }

    public double[] direction() {
        return direction.clone();
    }

    /** Component c (0..2) of the unit vector of axis a (0 = i, 1 = j, 2 = k). */
    public double direction(int axis, int component) {
        return direction[axis * 3 + component];
    }

    public double voxelVolumeMm3() {
        return spacing[0] * spacing[1] * spacing[2];
    }

    public boolean isAxisAligned(double tolerance) {
        double[] identity = {1, 0, 0, 0, 1, 0, 0, 0, 1};
        for (int n = 0; n < 9; n++) {
            if (Math.abs(direction[n] - identity[n]) > tolerance) {
                return false;
            }
        }
        return true;
    }

    /** Flat index of voxel (i, j, k). */
    public int index(int i, int j, int k) {
        return i + nx * (j + ny * k);
    }

    /** World (LPS mm) position of a continuous index (i, j, k). */
    public double[] indexToWorld(double i, double j, double k) {
        double a = i * spacing[0];
        double b = j * spacing[1];
        double c = k * spacing[2];
        return new double[] {
            origin[0] + a * direction[0] + b * direction[3] + c * direction[6],
            origin[1] + a * direction[1] + b * direction[4] + c * direction[7],
            origin[2] + a * direction[2] + b * direction[5] + c * direction[8]};
    }

    /**
     * Continuous index of a world position. Uses the transpose of the direction matrix, which is its inverse for
     * orthonormal directions (DICOM image orientations are orthonormal).
     */
    public double[] worldToIndex(double x, double y, double z) {
        double dx = x - origin[0];
        double dy = y - origin[1];
        double dz = z - origin[2];
        return new double[] {
            (dx * direction[0] + dy * direction[1] + dz * direction[2]) / spacing[0],
            (dx * direction[3] + dy * direction[4] + dz * direction[5]) / spacing[1],
            (dx * direction[6] + dy * direction[7] + dz * direction[8]) / spacing[2]};
    }

    /** Whether both grids have the same size and place their voxels within {@code toleranceMm} of each other. */
    public boolean sameAs(Grid other, double toleranceMm) {
        if (other.nx != nx || other.ny != ny || other.nz != nz) {
            return false;
        }
        for (int n = 0; n < 3; n++) {
            if (Math.abs(origin[n] - other.origin[n]) > toleranceMm
                    || Math.abs(spacing[n] - other.spacing[n]) > toleranceMm) {
                return false;
            }
        }
        for (int n = 0; n < 9; n++) {
            if (Math.abs(direction[n] - other.direction[n]) > 1e-4) {
                return false;
            }
        }
        return true;
    }

    /** A sub-grid of this one starting at voxel (i0, j0, k0) with the given size. */
    public Grid crop(int i0, int j0, int k0, int sizeX, int sizeY, int sizeZ) {
        return new Grid(sizeX, sizeY, sizeZ, indexToWorld(i0, j0, k0), spacing, direction);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Grid g && g.nx == nx && g.ny == ny && g.nz == nz && Arrays.equals(g.origin, origin)
                && Arrays.equals(g.spacing, spacing) && Arrays.equals(g.direction, direction);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * (31 * nx + ny) + nz) + Arrays.hashCode(origin) + 7 * Arrays.hashCode(spacing);
    }

    @Override
    public String toString() {
        return nx + "x" + ny + "x" + nz + " spacing " + Arrays.toString(spacing) + " origin " + Arrays.toString(origin);
    }
}
