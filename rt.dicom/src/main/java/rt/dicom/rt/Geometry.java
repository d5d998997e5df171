package rt.dicom.rt;

/** Direction-cosine arithmetic for image planes. Package-private helper. */
final class Geometry {

    private Geometry() {
    }

    /** Unit row (u), column (v) and normal (w = u x v) from Image Orientation (Patient), 9 values; null if bad. */
    static double[] directions(double[] iop) {
        if (iop == null || iop.length < 6) {
            return null;
        }
        double[] u = normalize(iop[0], iop[1], iop[2]);
        double[] v = normalize(iop[3], iop[4], iop[5]);
        if (u == null || v == null || Math.abs(u[0] * v[0] + u[1] * v[1] + u[2] * v[2]) > 1e-3) {
            return null;
        }
        double[] w = {u[1] * v[2] - u[2] * v[1], u[2] * v[0] - u[0] * v[2], u[0] * v[1] - u[1] * v[0]};
        return new double[] {u[0], u[1], u[2], v[0], v[1], v[2], w[0], w[1], w[2]};
    }

    private static double[] normalize(double x, double y, double z) {
        double n = Math.sqrt(x * x + y * y + z * z);
        if (!(n > 0.5) || Double.isNaN(n)) {
            return null;
        }
        return new double[] {x / n, y / n, z / n};
    }

    static double along(double[] direction, double[] p) {
        return p[0] * direction[6] + p[1] * direction[7] + p[2] * direction[8];
    }

    static boolean sameOrientation(double[] a, double[] b) {
        for (int n = 0; n < 6; n++) {
            if (Math.abs(a[n] - b[n]) > 1e-4) {
                return false;
            }
        }
        return true;
    }
}
