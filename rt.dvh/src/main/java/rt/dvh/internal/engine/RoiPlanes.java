package rt.dvh.internal.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;

/**
 * The closed planar contours of one ROI, grouped by axial plane. Polygons of one plane combine even-odd (a contour
 * inside another is a hole, one inside a hole an island again). Immutable.
 *
 * @param z        plane positions (mm, ascending)
 * @param polygons per plane, each polygon as {@code {xs, ys}} (implicitly closed)
 */
public record RoiPlanes(double[] z, List<List<double[][]>> polygons) {

    /** Contour points closer than this in z belong to the same plane. */
    public static final double PLANE_TOLERANCE_MM = 0.05;

    public RoiPlanes {
        if (z.length != polygons.size()) {
            throw new IllegalArgumentException("one polygon list per plane");
        }
    }

    /**
     * Groups axial contours (x,y,z triplets, LPS mm) into planes.
     *
     * @throws IllegalArgumentException when a contour is not axial (its points differ in z by more than 0.05 mm)
     */
    public static RoiPlanes of(List<double[]> contours) {
        TreeMap<Double, List<double[][]>> byZ = new TreeMap<>();
        for (double[] c : contours) {
            int n = c.length / 3;
            if (n < 3) {
                continue; // points and lines enclose no volume
            }
            double z0 = c[2];
            double[] xs = new double[n];
            double[] ys = new double[n];
            for (int p = 0; p < n; p++) {
                xs[p] = c[3 * p];
                ys[p] = c[3 * p + 1];
                if (Math.abs(c[3 * p + 2] - z0) > PLANE_TOLERANCE_MM) {
                    throw new IllegalArgumentException("contour is not axial (z varies from " + z0 + " to "
                            + c[3 * p + 2] + " mm); only axial contours are supported");
                }
            }
            Double key = byZ.floorKey(z0 + PLANE_TOLERANCE_MM);
            if (key == null || z0 - key > PLANE_TOLERANCE_MM) {
                key = z0;
            }
            byZ.computeIfAbsent(key, k -> new ArrayList<>()).add(new double[][] {xs, ys});
        }
        double[] z = new double[byZ.size()];
        List<List<double[][]>> polys = new ArrayList<>();
        int k = 0;
        for (var e : byZ.entrySet()) {
            z[k++] = e.getKey();
            polys.add(List.copyOf(e.getValue()));
        }
        return new RoiPlanes(z, List.copyOf(polys));
    }

    public int planeCount() {
        return z.length;
    }

    public boolean isEmpty() {
        return z.length == 0;
    }

    /** Median spacing between adjacent planes, or NaN with fewer than two planes. */
    public double medianSpacing() {
        if (z.length < 2) {
            return Double.NaN;
        }
        double[] gaps = new double[z.length - 1];
        for (int k = 0; k + 1 < z.length; k++) {
            gaps[k] = z[k + 1] - z[k];
        }
        Arrays.sort(gaps);
        int m = gaps.length / 2;
        return gaps.length % 2 == 1 ? gaps[m] : 0.5 * (gaps[m - 1] + gaps[m]);
    }

    /** {xmin, xmax, ymin, ymax} over all polygons; null when empty. */
    public double[] bounds() {
        if (isEmpty()) {
            return null;
        }
        double[] b = {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY,
            Double.NEGATIVE_INFINITY};
        for (List<double[][]> plane : polygons) {
            for (double[][] poly : plane) {
                for (int p = 0; p < poly[0].length; p++) {
                    b[0] = Math.min(b[0], poly[0][p]);
                    b[1] = Math.max(b[1], poly[0][p]);
                    b[2] = Math.min(b[2], poly[1][p]);
                    b[3] = Math.max(b[3], poly[1][p]);
                }
            }
        }
        return b;
    }
}
