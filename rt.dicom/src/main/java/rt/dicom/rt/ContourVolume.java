package rt.dicom.rt;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * ROI volume from planar contours, the way dicompyler-core 0.5.5 computes it: contours are grouped by plane
 * (rounded z); the plane thickness is the smallest distance between adjacent planes; per plane the polygon areas
 * (shoelace, in the plane's x-y) are added, except that contours lying inside another contour of the plane subtract
 * (holes, even-odd by nesting depth); the first and last planes count half. Only closed planar contours count.
 * Pure arithmetic on the contour arrays; no OSGi.
 */
public final class ContourVolume {

    private ContourVolume() {
    }

    /** Volume in cc (cm³) of the closed planar contours. 0 when there are none. */
    public static double cc(List<Contour> contours) {
        TreeMap<Double, List<double[]>> planes = planes(contours);
        if (planes.isEmpty()) {
            return 0;
        }
        double thickness = planeThickness(planes.keySet().stream().mapToDouble(Double::doubleValue).toArray());
        double sum = 0;
        int index = 0;
        int last = planes.size() - 1;
        for (Map.Entry<Double, List<double[]>> plane : planes.entrySet()) {
            double area = planeArea(plane.getValue());
            sum += planes.size() > 1 && (index == 0 || index == last) ? area / 2 : area;
            index++;
        }
        return sum * thickness / 1000.0;
    }

    /** The smallest distance between adjacent plane positions (sorted ascending); 0 for fewer than two. */
    public static double planeThickness(double[] sortedPlanes) {
        double t = Double.POSITIVE_INFINITY;
        for (int n = 1; n < sortedPlanes.length; n++) {
            t = Math.min(t, sortedPlanes[n] - sortedPlanes[n - 1]);
        }
        return Double.isInfinite(t) ? 0 : t;
    }

    /** Closed planar contours grouped by plane z (rounded to 0.01 mm), ascending. */
    static TreeMap<Double, List<double[]>> planes(List<Contour> contours) {
        TreeMap<Double, List<double[]>> planes = new TreeMap<>();
        for (Contour c : contours) {
            if (!c.type().isClosed() || c.pointCount() < 3) {
                continue;
            }
            double z = Math.round(c.z() * 100) / 100.0;
            planes.computeIfAbsent(z, k -> new ArrayList<>()).add(c.points());
        }
        return planes;
    }

    /** Area (mm²) of one plane: each polygon's area, subtracted when nested an odd number of times. */
    public static double planeArea(List<double[]> polygons) {
        double total = 0;
        for (int a = 0; a < polygons.size(); a++) {
            double[] p = polygons.get(a);
            int depth = 0;
            for (int b = 0; b < polygons.size(); b++) {
                if (a != b && contains(polygons.get(b), p)) {
                    depth++;
                }
            }
            double area = Math.abs(shoelace(p));
            total += (depth & 1) == 0 ? area : -area;
        }
        return total;
    }

    /** Signed shoelace area (mm²) of an x,y,z polygon projected on x-y. */
    public static double shoelace(double[] xyz) {
        int n = xyz.length / 3;
        double s = 0;
        for (int i = 0, j = n - 1; i < n; j = i++) {
            s += xyz[3 * j] * xyz[3 * i + 1] - xyz[3 * i] * xyz[3 * j + 1];
        }
        return s / 2;
    }

    /** Whether polygon {@code inner} lies inside {@code outer}: the majority of its vertices do (ray casting). */
    static boolean contains(double[] outer, double[] inner) {
        int n = inner.length / 3;
        int inside = 0;
        int step = Math.max(1, n / 16);
        int tested = 0;
        for (int i = 0; i < n; i += step) {
            tested++;
            if (pointInPolygon(outer, inner[3 * i], inner[3 * i + 1])) {
                inside++;
            }
        }
        return inside * 2 > tested;
    }

    static boolean pointInPolygon(double[] poly, double x, double y) {
        int n = poly.length / 3;
        boolean in = false;
        for (int i = 0, j = n - 1; i < n; j = i++) {
            double xi = poly[3 * i];
            double yi = poly[3 * i + 1];
            double xj = poly[3 * j];
            double yj = poly[3 * j + 1];
            if ((yi > y) != (yj > y) && x < (xj - xi) * (y - yi) / (yj - yi) + xi) {
                in = !in;
            }
        }
        return in;
    }
}
