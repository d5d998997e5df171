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

    public synchronized long counted(String what) {
        return counts.getOrDefault(what, 0L);
    }

    /** Seconds per phase, in first-seen order. */
    public synchronized Map<String, Double> secondsByPhase() {
        Map<String, Double> out = new LinkedHashMap<>();
        nanos.forEach((k, v) -> out.put(k, v / 1e9));
        return out;
    }
}
