package rt.radiomics.internal;

import java.util.Arrays;

/**
 * The values at chosen ranks of the ascending order (percentiles, minimum, maximum) without sorting everything: the
 * values' keys are counted into 65,536 buckets that split their range evenly, only the buckets that hold a wanted rank
 * are kept, and those are split again until they are small enough to sort (a pass or two over the data, free of the
 * unpredictable branches of partitioning). Values are compared as {@link Double#compare} does, so the results are
 * those of {@link Arrays#sort(double[])} (−0.0 before 0.0, NaN last).
 */
final class OrderStatistics {

    private static final int BUCKET_BITS = 16;
    /** Sets this small are sorted. */
    private static final int SMALL = 4096;

    private OrderStatistics() {
    }

    /**
     * @param values the data (Not modified)
     * @param ranks  0-based ranks, each in [0, n)
     * @return the value at each rank, in the order of {@code ranks}
     */
    static double[] at(double[] values, int[] ranks) {
        long[] k = new long[values.length];
        // the range found with the keys: one pass less over a large ROI's values
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (int i = 0; i < k.length; i++) {
            long key = key(values[i]);
            k[i] = key;
            min = Math.min(min, key);
            max = Math.max(max, key);
        }
        int[] wanted = ranks.clone();
        Arrays.sort(wanted);
        long[] found = new long[wanted.length];
        select(k, k.length, min, max, wanted, 0, wanted.length, found);
        double[] out = new double[ranks.length];
        for (int i = 0; i < ranks.length; i++) {
            out[i] = value(found[Arrays.binarySearch(wanted, ranks[i])]);
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

    /** found[r] = the key at rank wanted[r] of a[0..n), for r in [r0, r1) (wanted ascending). */
    private static void select(long[] a, int n, int[] wanted, int r0, int r1, long[] found) {
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (int i = 0; i < n; i++) {
            min = Math.min(min, a[i]);
            max = Math.max(max, a[i]);
        }
        select(a, n, min, max, wanted, r0, r1, found);
    }

    /** As above with the least and greatest key of a[0..n) known. */
    private static void select(long[] a, int n, long min, long max, int[] wanted, int r0, int r1, long[] found) {
        if (n <= SMALL) {
            Arrays.sort(a, 0, n);
            for (int r = r0; r < r1; r++) {
                found[r] = a[wanted[r]];
            }
            return;
        }
        if (min == max) {
            Arrays.fill(found, r0, r1, min);
            return;
        }
        // max − min read as unsigned: the bucket of x is the top BUCKET_BITS bits of x − min within the range
        int shift = Math.max(0, 64 - Long.numberOfLeadingZeros(max - min) - BUCKET_BITS);
        int[] count = new int[(int) ((max - min) >>> shift) + 1];
        for (int i = 0; i < n; i++) {
            count[(int) ((a[i] - min) >>> shift)]++;
        }
        // the buckets that hold wanted ranks, each once, with the rank of their first element
        int[] slot = new int[count.length];
        Arrays.fill(slot, -1);
        int[] bucket = new int[r1 - r0];
        int[] first = new int[r1 - r0];
        int kept = 0;
        int b = 0;
        int before = 0;
        for (int r = r0; r < r1; r++) {
            while (before + count[b] <= wanted[r]) {
                before += count[b++];
            }
            if (kept == 0 || bucket[kept - 1] != b) {
                slot[b] = kept;
                bucket[kept] = b;
                first[kept++] = before;
            }
        }
        long[][] parts = new long[kept][];
        int[] filled = new int[kept];
        for (int s = 0; s < kept; s++) {
            parts[s] = new long[count[bucket[s]]];
        }
        for (int i = 0; i < n; i++) {
            int s = slot[(int) ((a[i] - min) >>> shift)];
            if (s >= 0) {
                parts[s][filled[s]++] = a[i];
            }
        }
        int r = r0;
        for (int s = 0; s < kept; s++) {
            int from = r;
            while (r < r1 && wanted[r] < first[s] + parts[s].length) {
                wanted[r] -= first[s];
                r++;
            }
            select(parts[s], parts[s].length, wanted, from, r, found);
            for (int q = from; q < r; q++) {
                wanted[q] += first[s];
            }
        }
    }
}
