package rt.radiomics.internal;

import java.util.Arrays;
import java.util.Map;

/** First-order statistics (pyradiomics {@code firstorder}, 18 features; StandardDeviation is deprecated there). */
public final class FirstOrder {

    private FirstOrder() {
    }

    /**
     * @param values          the intensities inside the mask (Not modified)
     * @param levelCounts     how many of them have each discretised grey level (index = level, as
     *                        {@link DiscretisedImage#levelCounts}; zero counts add nothing): entropy and uniformity
     *                        need nothing else (Not modified)
     * @param voxelArrayShift added before Energy, TotalEnergy and RootMeanSquared
     * @param voxelVolume     mm³ per voxel
     */
    static Map<String, Double> compute(double[] values, int[] levelCounts, double voxelArrayShift,
            double voxelVolume) {
        int n = values.length;
        Ranked ranked = new Ranked(values);
        double p10 = ranked.percentile(10);
        double p90 = ranked.percentile(90);
        double[] sums = sums(values, voxelArrayShift, p10, p90);
        double mean = sums[0] / n;
        double energy = sums[1];
        double[] moments = moments(values, mean, p10, p90, sums[2] / sums[3]);
        double m2 = moments[0];
        double m3 = moments[1];
        double m4 = moments[2];
        double mad = moments[3];
        double rmad = moments[4] / sums[3];
        double entropy = 0;
        double uniformity = 0;
        for (int h : levelCounts) {
            if (h > 0) {
                double p = (double) h / n;
                entropy -= p * Features.log2(p + Features.EPS);
                uniformity += p * p;
            }
        }
        double skew = m2 == 0 ? 0 : m3 / Math.pow(m2, 1.5);
        double kurt = m2 == 0 ? 0 : m4 / (m2 * m2);
        Map<String, Double> out = Features.sorted();
        out.put("10Percentile", p10);
        out.put("90Percentile", p90);
        out.put("Energy", energy);
        out.put("Entropy", entropy);
        out.put("InterquartileRange", ranked.percentile(75) - ranked.percentile(25));
        out.put("Kurtosis", kurt);
        out.put("Maximum", ranked.value(n - 1));
        out.put("Mean", mean);
        out.put("MeanAbsoluteDeviation", mad);
        out.put("Median", ranked.percentile(50));
        out.put("Minimum", ranked.value(0));
        out.put("Range", ranked.value(n - 1) - ranked.value(0));
        out.put("RobustMeanAbsoluteDeviation", rmad);
        out.put("RootMeanSquared", Math.sqrt(energy / n));
        out.put("Skewness", skew);
        out.put("TotalEnergy", energy * voxelVolume);
        out.put("Uniformity", uniformity);
        out.put("Variance", m2);
        return out;
    }

    /*
     * The sums below run in two passes over the values, each accumulating in the order of the values (the results are
     * those of one pass per sum), because every sum is a chain of dependent additions: five chains in one loop cost
     * about what one costs (first order was 23 ns a voxel and image on a 3,000 cc ROI in five passes).
     */

    /**
     * One pass: {Σ v, Σ (v + shift)², Σ of the values within [lo, hi], how many those are}. A value outside adds an
     * exact 0 instead of being skipped: the same sums, and the JIT may select instead of branching on a test that a
     * fifth of the values would mispredict. Shared with the IBSI statistics.
     */
    static double[] sums(double[] values, double shift, double lo, double hi) {
        double sum = 0;
        double energy = 0;
        double rsum = 0;
        int rn = 0;
        for (double v : values) {
            sum += v;
            double s = v + shift;
            energy += s * s;
            boolean in = v >= lo && v <= hi;
            rsum += in ? v : 0.0;
            rn += in ? 1 : 0;
        }
        return new double[] {sum, energy, rsum, rn};
    }

    /**
     * The second pass: central moments about {@code mean}, each divided by n: {variance, third moment, fourth moment,
     * mean absolute deviation}, then Σ |v − rmean| over the values within [lo, hi] (the robust MAD times their
     * count; lo/hi = P10/P90, rmean their mean). Shared with the IBSI statistics.
     */
    static double[] moments(double[] values, double mean, double lo, double hi, double rmean) {
        int n = values.length;
        double m2 = 0;
        double m3 = 0;
        double m4 = 0;
        double mad = 0;
        double rmad = 0;
        for (double v : values) {
            double d = v - mean;
            m2 += d * d;
            m3 += d * d * d;
            m4 += d * d * d * d;
            mad += Math.abs(d);
            boolean in = v >= lo && v <= hi;
            rmad += in ? Math.abs(v - rmean) : 0.0;
        }
        return new double[] {m2 / n, m3 / n, m4 / n, mad / n, rmad};
    }

    static final double[] PERCENTILES = {10, 25, 50, 75, 90};

    /**
     * The values a sort would put at the ranks {@link #percentile} reads for {@link #PERCENTILES} and at the first and
     * last rank, found without sorting ({@link OrderStatistics}) and without a copy of the data.
     */
    static final class Ranked {
        private final int n;
        private final int[] ranks;
        private final double[] at;

        Ranked(double[] values) {
            n = values.length;
            ranks = new int[2 * PERCENTILES.length + 2];
            int r = 0;
            ranks[r++] = 0;
            ranks[r++] = n - 1;
            for (double q : PERCENTILES) {
                ranks[r++] = lowRank(n, q);
                ranks[r++] = highRank(n, q);
            }
            at = OrderStatistics.at(values, ranks);
        }

        /** The value at a rank among those above. */
        double value(int rank) {
            for (int k = 0; k < ranks.length; k++) {
                if (ranks[k] == rank) {
                    return at[k];
                }
            }
            throw new IllegalArgumentException("rank " + rank + " not selected");
        }

        /** As {@link FirstOrder#percentile} on the sorted values. */
        double percentile(double q) {
            return interpolate(value(lowRank(n, q)), value(highRank(n, q)), n, q);
        }
    }

    /** numpy.percentile with linear interpolation on sorted data. */
    static double percentile(double[] sorted, double q) {
        int n = sorted.length;
        return interpolate(sorted[lowRank(n, q)], sorted[highRank(n, q)], n, q);
    }

    /** The rank at or below numpy's fractional rank q/100 · (n − 1) of percentile q among n sorted values. */
    private static int lowRank(int n, double q) {
        return (int) Math.floor(q / 100.0 * (n - 1));
    }

    /** The rank above it (the last rank at most). */
    private static int highRank(int n, double q) {
        return Math.min(lowRank(n, q) + 1, n - 1);
    }

    /** Percentile q between the values at its two ranks, linearly in the fractional rank. */
    private static double interpolate(double atLow, double atHigh, int n, double q) {
        double rank = q / 100.0 * (n - 1);
        return atLow + (atHigh - atLow) * (rank - lowRank(n, q));
    }
}
