package rt.radiomics.internal;

import java.util.Map;
import java.util.TreeMap;

/** Small numeric helpers shared by the feature classes. */
final class Features {

    /** numpy.spacing(1), pyradiomics' eps. */
    static final double EPS = Math.ulp(1.0);

    private Features() {
    }

    static double log2(double x) {
        return Math.log(x) / LN2;
    }

    /** Held, not recomputed per call: the same value, so every log2 is unchanged to the bit. */
    private static final double LN2 = Math.log(2);

    /** Mean over the non-NaN values (numpy.nanmean); NaN when all are NaN. */
    static double nanMean(double[] v) {
        double s = 0;
        int n = 0;
        for (double x : v) {
            if (!Double.isNaN(x)) {
                s += x;
                n++;
            }
        }
        return n == 0 ? Double.NaN : s / n;
    }

    /** A map that iterates in code-point order of the names, as pyradiomics lists features. */
    static Map<String, Double> sorted() {
        return new TreeMap<>();
    }
}
