package rt.radiomics.internal;

import java.util.Arrays;

/**
 * Grey-level discretisation as pyradiomics does it: fixed bin width with edges starting at the largest multiple of the
 * width not above the minimum ({@code numpy.arange} + {@code numpy.digitize}), or a fixed bin count with
 * {@code numpy.histogram} edges whose last edge is raised by one.
 */
public final class Discretizer {

    private Discretizer() {
    }

    /** Bin edges for the given masked values; {@code binCount} wins when positive. */
    public static double[] edges(double[] values, double binWidth, int binCount) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        return edges(min, max, binWidth, binCount);
    }

    /** The same edges from the values' minimum and maximum (as {@code Math.min}/{@code Math.max} fold them). */
    static double[] edges(double min, double max, double binWidth, int binCount) {
        if (binCount > 0) {
            double first = min;
            double last = max;
            if (first == last) {
                first -= 0.5;
                last += 0.5;
            }
            double[] e = new double[binCount + 1];
            double step = (last - first) / binCount;
            for (int k = 0; k <= binCount; k++) {
                e[k] = k * step + first;
            }
            e[binCount] = last + 1;
            return e;
        }
        if (!(binWidth > 0)) {
            throw new IllegalArgumentException("binWidth must be positive: " + binWidth);
        }
        double low = min - pyMod(min, binWidth);
        double high = max + 2 * binWidth;
        int n = (int) Math.ceil((high - low) / binWidth);
        if (n <= 1) {
            return new double[] {low - 0.5, low + 0.5};
        }
        double[] e = new double[n];
        for (int k = 0; k < n; k++) {
            e[k] = low + k * binWidth;
        }
        return e;
    }

    /** Python's float modulo (result has the sign of the divisor). */
    static double pyMod(double a, double b) {
        double m = a % b;
        if (m != 0 && ((m < 0) != (b < 0))) {
            m += b;
        }
        return m;
    }

    /** {@code numpy.digitize} for increasing edges: i such that edges[i-1] <= x < edges[i]. */
    public static int digitize(double x, double[] edges) {
        int pos = Arrays.binarySearch(edges, x);
        if (pos >= 0) {
            // equal to an edge: right-open bins, so the bin starting at this edge; skip duplicates
            while (pos + 1 < edges.length && edges[pos + 1] == x) {
                pos++;
            }
            return pos + 1;
        }
        return -pos - 1;
    }

    /**
     * Discretises the masked voxels of a region into grey levels 1..Ng (0 outside the mask).
     *
     * @return grey levels per voxel (Modified: new array)
     */
    public static int[] discretize(Roi roi, double binWidth, int binCount) {
        return discretize(roi, roi.maskedValues(), binWidth, binCount);
    }

    /** As above with the region's masked values already at hand ({@link Roi#maskedValues()}, Not modified). */
    static int[] discretize(Roi roi, double[] maskedValues, double binWidth, int binCount) {
        double[] edges = edges(maskedValues, binWidth, binCount);
        int[] out = new int[roi.values().length];
        boolean[] m = roi.mask();
        float[] v = roi.values();
        int n = edges.length;
        double first = edges[0];
        double perStep = perStep(edges);
        for (int i = 0; i < out.length; i++) {
            if (m[i]) {
                out[i] = level(v[i], edges, first, perStep);
            }
        }
        return out;
    }

    /** 1 / (edges[1] − edges[0]), or 1 for a single edge: the {@code perStep} of {@link #level}. */
    static double perStep(double[] edges) {
        return edges.length > 1 ? 1 / (edges[1] - edges[0]) : 1;
    }

    /**
     * {@link #digitize} of {@code x}, with {@code first = edges[0]} and {@code perStep} from {@link #perStep} worked
     * out once for all voxels.
     */
    static int level(double x, double[] edges, double first, double perStep) {
        if (Double.isNaN(x) || !(perStep > 0)) {
            return digitize(x, edges);
        }
        // the edges are (nearly) evenly spaced: guess, then settle on the count of edges ≤ x, which is
        // what the binary search returns (compared as Double.compare does, so −0.0 < 0.0 as there); the guess only
        // saves steps, so a product in place of the division changes no level
        int n = edges.length;
        double t = (x - first) * perStep;
        int j = t < 0 ? 0 : t >= n ? n : (int) t + 1;
        while (j > 0 && above(edges[j - 1], x)) {
            j--;
        }
        while (j < n && !above(edges[j], x)) {
            j++;
        }
        return j;
    }

    /**
     * {@code Double.compare(edge, x) > 0} for x not NaN, with the plain comparisons first: the call is left for
     * equal values (−0.0 against 0.0) and a NaN edge, where the two differ (a tenth of the discretisation's time
     * went to the call).
     */
    private static boolean above(double edge, double x) {
        return edge > x || (!(edge < x) && Double.compare(edge, x) > 0);
    }
}
