package rt.bench.internal;

import java.lang.management.ManagementFactory;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import rt.api.ProgressEvent;
import rt.api.ProgressListener;

/**
 * Process CPU time per stage during one run: a sampler reads the process's CPU time every {@value #PERIOD_MS} ms and
 * charges what was used since the last sample to the (stage, course) pairs running then (from the run's progress
 * events), in equal parts. With one worker only one stage runs at a time, so the split is exact to a sample; with
 * more, stages running side by side share their CPU equally (an approximation, said so in the bench's output). CPU
 * used while no stage runs (start, scheduling, the final tables) is charged to {@link #OUTSIDE}.
 */
public final class StageMeter implements ProgressListener, AutoCloseable {

    public static final String OUTSIDE = "(between stages)";
    static final long PERIOD_MS = 20;

    private final Set<String> running = new HashSet<>();
    private final Map<String, Double> cpuSeconds = new LinkedHashMap<>();
    private final Thread sampler;
    private long lastCpuNs;
    private volatile boolean stopped;

    public StageMeter() {
        lastCpuNs = processCpuNs();
        sampler = new Thread(this::loop, "rt-bench-stage-meter");
        sampler.setDaemon(true);
        sampler.start();
    }

    /** CPU time the process has used so far, in ns. */
    public static long processCpuNs() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    @Override
    public void onEvent(ProgressEvent e) {
        if (e.stageId() == null) {
            return;
        }
        String key = e.stageId() + "\u0000" + (e.courseKey() == null ? "" : e.courseKey());
        synchronized (this) {
            charge();
            if (e.kind() == ProgressEvent.Kind.STAGE_STARTED) {
                running.add(key);
            } else if (e.kind() == ProgressEvent.Kind.STAGE_FINISHED) {
                running.remove(key);
            }
        }
    }

    private void loop() {
        while (!stopped) {
            try {
                Thread.sleep(PERIOD_MS);
            } catch (InterruptedException e) {
                return;
            }
            synchronized (this) {
                charge();
            }
        }
    }

    /** Charges the CPU used since the last call to what runs now. Caller holds the lock. */
    private void charge() {
        long now = processCpuNs();
        double used = (now - lastCpuNs) / 1e9;
        lastCpuNs = now;
        if (running.isEmpty()) {
            cpuSeconds.merge(OUTSIDE, used, Double::sum);
            return;
        }
        double share = used / running.size();
        for (String key : running) {
            cpuSeconds.merge(key.substring(0, key.indexOf('\u0000')), share, Double::sum);
        }
    }

    /** CPU seconds per stage id (and {@link #OUTSIDE}) so far. */
    public synchronized Map<String, Double> cpuSeconds() {
        charge();
        return new LinkedHashMap<>(cpuSeconds);
    }

    @Override
    public void close() {
        stopped = true;
        sampler.interrupt();
    }
}
