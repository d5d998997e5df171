package rt.nifti.internal;

import java.nio.file.Path;
import rt.api.image.Grid;
import rt.nifti.ImageFormatException;

/** RAS affines (3×4, NIfTI/NRRD world) ↔ LPS grids, and the NIfTI quaternion form. */
public final class Affines {

    private Affines() {
    }

    /**
     * The grid of a world affine {@code world = A * (i, j, k, 1)}; {@code flipX}/{@code flipY} say which world
     * axes point the opposite way to LPS (RAS: both).
     */
    public static Grid toGrid(Path file, double[][] a, int[] dim, boolean flipX, boolean flipY)
            throws ImageFormatException {
        double[] f = {flipX ? -1 : 1, flipY ? -1 : 1, 1};
        double[] spacing = new double[3];
        double[] dir = new double[9];
        double[] origin = new double[3];
        for (int c = 0; c < 3; c++) {
            double len = 0;
            for (int r = 0; r < 3; r++) {
                len += a[r][c] * a[r][c];
            }
            len = Math.sqrt(len);
            if (!(len > 0) || !Double.isFinite(len)) {
                throw new ImageFormatException(file, "degenerate affine: axis " + c + " has zero length");
            }
            spacing[c] = len;
            for (int r = 0; r < 3; r++) {
                dir[3 * c + r] = f[r] * a[r][c] / len;
            }
        }
        for (int r = 0; r < 3; r++) {
            origin[r] = f[r] * a[r][3];
            if (!Double.isFinite(origin[r])) {
                throw new ImageFormatException(file, "affine has a non-finite origin");
            }
        }
        for (int p = 0; p < 3; p++) {
            for (int q = p + 1; q < 3; q++) {
                double dot = dir[3 * p] * dir[3 * q] + dir[3 * p + 1] * dir[3 * q + 1] + dir[3 * p + 2] * dir[3 * q + 2];
                if (Math.abs(dot) > 1e-3) {
                    throw new ImageFormatException(file, "sheared affine (axes " + p + "," + q + " not orthogonal, cos "
                            + dot + ") is not supported");
                }
            }
        }
        return new Grid(dim[0], dim[1], dim[2], origin, spacing, dir);
    }

    static Grid rasToGrid(Path file, double[][] ras, int[] dim) throws ImageFormatException {
        return toGrid(file, ras, dim, true, true);
    }

    /** The RAS affine of an LPS grid. */
    public static double[][] gridToRas(Grid g) {
        double[] f = {-1, -1, 1};
        double[][] a = new double[3][4];
        double[] o = g.origin();
        for (int r = 0; r < 3; r++) {
            for (int c = 0; c < 3; c++) {
                a[r][c] = f[r] * g.spacing(c) * g.direction(c, r);
            }
            a[r][3] = f[r] * o[r];
        }
        return a;
    }

    /** NIfTI qform → affine (nifti1_io {@code nifti_quatern_to_mat44}). */
    static double[][] quaternToAffine(double b, double c, double d, double qx, double qy, double qz, double dx,
            double dy, double dz, double qfac) {
        double a = 1.0 - (b * b + c * c + d * d);
        if (a < 1e-7) {
            double s = 1.0 / Math.sqrt(b * b + c * c + d * d);
            b *= s;
            c *= s;
            d *= s;
            a = 0;
        } else {
            a = Math.sqrt(a);
        }
        double xd = dx > 0 ? dx : 1;
        double yd = dy > 0 ? dy : 1;
        double zd = dz > 0 ? dz : 1;
        if (qfac < 0) {
            zd = -zd;
        }
        double[][] m = new double[3][4];
        m[0][0] = (a * a + b * b - c * c - d * d) * xd;
        m[0][1] = 2 * (b * c - a * d) * yd;
        m[0][2] = 2 * (b * d + a * c) * zd;
        m[1][0] = 2 * (b * c + a * d) * xd;
        m[1][1] = (a * a + c * c - b * b - d * d) * yd;
        m[1][2] = 2 * (c * d - a * b) * zd;
        m[2][0] = 2 * (b * d - a * c) * xd;
        m[2][1] = 2 * (c * d + a * b) * yd;
        m[2][2] = (a * a + d * d - c * c - b * b) * zd;
        m[0][3] = qx;
        m[1][3] = qy;
        m[2][3] = qz;
        return m;
    }

    /**
     * Affine → {b, c, d, qx, qy, qz, qfac} (nifti1_io {@code nifti_mat44_to_quatern}, for orthogonal columns).
     */
    static double[] affineToQuatern(double[][] m) {
        double[][] r = new double[3][3];
        for (int c = 0; c < 3; c++) {
            double len = Math.sqrt(m[0][c] * m[0][c] + m[1][c] * m[1][c] + m[2][c] * m[2][c]);
            for (int k = 0; k < 3; k++) {
                r[k][c] = m[k][c] / len;
            }
        }
        double det = r[0][0] * (r[1][1] * r[2][2] - r[1][2] * r[2][1])
                - r[0][1] * (r[1][0] * r[2][2] - r[1][2] * r[2][0])
                + r[0][2] * (r[1][0] * r[2][1] - r[1][1] * r[2][0]);
        double qfac = 1;
        if (det < 0) {
            qfac = -1;
            for (int k = 0; k < 3; k++) {
                r[k][2] = -r[k][2];
            }
        }
        double a = r[0][0] + r[1][1] + r[2][2] + 1;
        double b;
        double c;
        double d;
        if (a > 0.5) {
            a = 0.5 * Math.sqrt(a);
            b = 0.25 * (r[2][1] - r[1][2]) / a;
            c = 0.25 * (r[0][2] - r[2][0]) / a;
            d = 0.25 * (r[1][0] - r[0][1]) / a;
        } else {
            double xd = 1.0 + r[0][0] - (r[1][1] + r[2][2]);
            double yd = 1.0 + r[1][1] - (r[0][0] + r[2][2]);
            double zd = 1.0 + r[2][2] - (r[0][0] + r[1][1]);
            if (xd > 1) {
                b = 0.5 * Math.sqrt(xd);
                c = 0.25 * (r[0][1] + r[1][0]) / b;
                d = 0.25 * (r[0][2] + r[2][0]) / b;
                a = 0.25 * (r[2][1] - r[1][2]) / b;
            } else if (yd > 1) {
                c = 0.5 * Math.sqrt(yd);
                b = 0.25 * (r[0][1] + r[1][0]) / c;
                d = 0.25 * (r[1][2] + r[2][1]) / c;
                a = 0.25 * (r[0][2] - r[2][0]) / c;
            } else {
                d = 0.5 * Math.sqrt(zd);
                b = 0.25 * (r[0][2] + r[2][0]) / d;
                c = 0.25 * (r[1][2] + r[2][1]) / d;
                a = 0.25 * (r[1][0] - r[0][1]) / d;
            }
            if (a < 0) {
                b = -b;
                c = -c;
                d = -d;
            }
        }
        return new double[] {b, c, d, m[0][3], m[1][3], m[2][3], qfac};
    }
}
