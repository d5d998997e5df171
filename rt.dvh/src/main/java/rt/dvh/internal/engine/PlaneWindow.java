package rt.dvh.internal.engine;

import java.util.Arrays;
import java.util.List;

/**
 * The planes by index, each computed once: a slab needs planes k − 2 to k + 3, so eight slots suffice, and a
 * plane takes the arrays of the one eight before it unless another slot still holds that one (copied contours
 * share their neighbour's plane).
 */
final class PlaneWindow {
    private final SectionGrid g;
    private final List<List<double[][]>> polys;
    private final Plane[] slot = new Plane[8];
    private final int[] index = {-1, -1, -1, -1, -1, -1, -1, -1};

    /**
     * Each plane's polygons as an array: the plane lists are of two classes (List.copyOf's for one or two
     * polygons and for more), and the geometry's loops over them, compiled for one, were thrown away and
     * compiled again when the other came.
     */
    private final double[][][][] arrays;

    PlaneWindow(SectionGrid g, List<List<double[][]>> polys) {
        this.g = g;
        this.polys = polys;
        arrays = new double[polys.size()][][][];
        for (int k = 0; k < arrays.length; k++) {
            arrays[k] = polys.get(k).toArray(new double[0][][]);
        }
    }

    Plane at(int k) {
        int s = k & 7;
        if (index[s] == k) {
            return slot[s];
        }
        int p = (k - 1) & 7;
        Plane plane;
        if (k > 0 && index[p] == k - 1 && samePolygons(polys.get(k - 1), polys.get(k))) {
            plane = slot[p]; // a copied contour has the same φ
        } else {
            Plane reuse = slot[s];
            for (int t = 0; t < slot.length && reuse != null; t++) {
                if (t != s && slot[t] == reuse) {
                    reuse = null;
                }
            }
            plane = g.plane(arrays[k], reuse);
        }
        slot[s] = plane;
        index[s] = k;
        return plane;
    }

    /** Whether two planes hold exactly the same polygons (contours copied from one plane to the next). */
    static boolean samePolygons(List<double[][]> a, List<double[][]> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int n = 0; n < a.size(); n++) {
            if (!Arrays.equals(a.get(n)[0], b.get(n)[0]) || !Arrays.equals(a.get(n)[1], b.get(n)[1])) {
                return false;
            }
        }
        return true;
    }
}
