package rt.segmentation.totalseg.internal;

import java.util.LinkedHashMap;
import java.util.Map;

/** Nanosecond totals per phase and counters; thread-safe. */
public final class Timings {

    private final Map<String, Long> nanos = new LinkedHashMap<>();
    private final Map<String, Long> counts = new LinkedHashMap<>();

    public synchronized void add(String phase, long ns) {
        nanos.merge(phase, ns, Long::sum);
    }

    public synchronized void count(String what, long n) {
        counts.merge(what, n, Long::sum);
    }

    public synchronized double seconds(String phase) {
        return nanos.getOrDefault(phase, 0L) / 1e9;
    }

    public synchronized long counted(String what) {
        return counts.getOrDefault(what, 0L);
    }

    /** Seconds per phase, in first-seen order. */
    public synchronized Map<String, Double> secondsByPhase() {
        Map<String, Double> out = new LinkedHashMap<>();
        nanos.forEach((k, v) -> out.put(k, v / 1e9));
        return out;
    }

    /** Runs a timed phase. */
    public <T> T time(String phase, java.util.concurrent.Callable<T> work) throws Exception {
        long t = System.nanoTime();
        try {
            return work.call();
        } finally {
            add(phase, System.nanoTime() - t);
        }
    }

    @Override
    public synchronized String toString() {
        StringBuilder sb = new StringBuilder();
        nanos.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : ", ").append(k)
                .append(String.format(java.util.Locale.ROOT, " %.3f s", v / 1e9)));
        return sb.toString();
    }
}
