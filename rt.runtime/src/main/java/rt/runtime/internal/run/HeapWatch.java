package rt.runtime.internal.run;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * The heap in use, sampled every {@value #PERIOD_MS} ms while a run lasts, so that each task can record the highest
 * value seen while it ran ({@code peak_heap_mb} in its {@code .state} file). Tasks run side by side in one JVM, so the
 * figure is the process's heap at its fullest during the task, an upper bound of what the task itself held; a stage
 * run alone gives its own need. Sampling is cheap (one MXBean read) and runs on the run's watchdog thread.
 */
final class HeapWatch {

    static final long PERIOD_MS = 50;

    /** The highest heap use seen since it was opened. */
    static final class Window implements AutoCloseable {
        private final AtomicLong peak;
        private final Set<Window> open;

        private Window(long now, Set<Window> open) {
            this.peak = new AtomicLong(now);
            this.open = open;
        }

        void see(long used) {
            peak.accumulateAndGet(used, Math::max);
        }

        long peakMb() {
            return (peak.get() + (1 << 20) - 1) >> 20;
        }

        @Override
        public void close() {
            open.remove(this);
        }
    }

    private final Set<Window> open = ConcurrentHashMap.newKeySet();
    private final LongSupplier usedBytes;

    HeapWatch(LongSupplier usedBytes) {
        this.usedBytes = usedBytes;
    }

    /** Samples the JVM's heap on {@code scheduler} until it shuts down. */
    static HeapWatch start(ScheduledExecutorService scheduler) {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        HeapWatch w = new HeapWatch(() -> memory.getHeapMemoryUsage().getUsed());
        scheduler.scheduleAtFixedRate(w::sample, PERIOD_MS, PERIOD_MS, TimeUnit.MILLISECONDS);
        return w;
    }

    Window open() {
        Window w = new Window(usedBytes.getAsLong(), open);
        open.add(w);
        return w;
    }

    void sample() {
        if (open.isEmpty()) {
            return;
        }
        long used = usedBytes.getAsLong();
        for (Window w : open) {
            w.see(used);
        }
    }
}
