package rt.radiomics.internal;

import java.util.Arrays;

/**
 * The values at chosen ranks of the ascending order (percentiles, minimum, maximum) without sorting everything: a
 * multi-quickselect that only descends into the parts holding a wanted rank (about 3 passes over the data instead of
 * a full sort). Values are compared as {@link Double#compare} does, so the results are those of
 * {@link Arrays#sort(double[])} (−0.0 before 0.0, NaN last).
 */
final class OrderStatistics {

    private static final int SMALL = 24;

    private OrderStatistics() {
    }

    /**
     * @param values the data (Not modified)
     * @param ranks  0-based ranks, each in [0, n)
     * @return the value at each rank, in the order of {@code ranks}
     */
    static double[] at(double[] values, int[] ranks) {
        long[] k = new long[values.length];
        for (int i = 0; i < k.length; i++) {
            k[i] = key(values[i]);
        }
        int[] wanted = ranks.clone();
        Arrays.sort(wanted);
        select(k, 0, k.length - 1, wanted, 0, wanted.length - 1);
        double[] out = new double[ranks.length];
        for (int i = 0; i < ranks.length; i++) {
            out[i] = value(k[ranks[i]]);
        }
        return out;
    }

    /** A long whose signed order is the total order of doubles. */
    static long key(double v) {
        long bits = Double.doubleToLongBits(v);
        return bits ^ ((bits >> 63) & Long.MAX_VALUE);
    }

    static double value(long key) {
        return Double.longBitsToDouble(key ^ ((key >> 63) & Long.MAX_VALUE));
    }

    /** Puts the elements of ranks[r0..r1] (ascending) in place within a[lo..hi]. */
    private static void select(long[] a, int lo, int hi, int[] ranks, int r0, int r1) {
        while (r0 <= r1 && hi - lo > SMALL) {
            int mid = (lo + hi) >>> 1;
            long p = median(a[lo], a[mid], a[hi]);
            // three-way partition: a[lo..lt-1] < p, a[lt..gt] == p, a[gt+1..hi] > p
            int lt = lo;
            int gt = hi;
            int i = lo;
            while (i <= gt) {
                long v = a[i];
                if (v < p) {
                    a[i++] = a[lt];
                    a[lt++] = v;
                } else if (v > p) {
                    a[i] = a[gt];
                    a[gt--] = v;
                } else {
                    i++;
                }
            }
            int left = r0;
            while (left <= r1 && ranks[left] < lt) {
                left++;
            }
            int right = left;
            while (right <= r1 && ranks[right] <= gt) {
                right++;
            }
            // ranks[r0..left-1] lie left of the pivots, ranks[right..r1] right of them
            if (left - r0 < r1 - right + 1) {
                select(a, lo, lt - 1, ranks, r0, left - 1);
                lo = gt + 1;
                r0 = right;
            } else {
                select(a, gt + 1, hi, ranks, right, r1);
                hi = lt - 1;
                r1 = left - 1;
            }
        }
        if (r0 <= r1 && lo < hi) {
            Arrays.sort(a, lo, hi + 1);
        }
    }

    private static long median(long a, long b, long c) {
        return Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
    }
}
