package rt.bench.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import rt.api.ProgressEvent;

@ExtendWith(rt.testsupport.SurefireStyleSummary.class)
class StageMeterTest {

    private static ProgressEvent event(ProgressEvent.Kind kind, String stage, String course) {
        return new ProgressEvent(Instant.now(), kind, stage, course, 0, 1, 0, -1, null);
    }

    private static double burn(long millis) {
        long end = System.nanoTime() + millis * 1_000_000;
        double x = 0;
        while (System.nanoTime() < end) {
            x += Math.sqrt(x + 1);
        }
        return x;
    }

    /** CPU burnt while one stage runs is charged to it; two stages side by side share equally. */
    @Test
    void cpu_goes_to_the_stages_running_when_it_was_used() {
        Map<String, Double> cpu;
        long processCpuAroundDvh;
        try (StageMeter meter = new StageMeter()) {
            long before = StageMeter.processCpuNs();
            meter.onEvent(event(ProgressEvent.Kind.STAGE_STARTED, "dvh", "P/C"));
            burn(300);
            meter.onEvent(event(ProgressEvent.Kind.STAGE_FINISHED, "dvh", "P/C"));
            processCpuAroundDvh = StageMeter.processCpuNs() - before;
            meter.onEvent(event(ProgressEvent.Kind.STAGE_STARTED, "radiomics", "P/C"));
            meter.onEvent(event(ProgressEvent.Kind.STAGE_STARTED, "qc", "P/C"));
            burn(400);
            meter.onEvent(event(ProgressEvent.Kind.STAGE_FINISHED, "radiomics", "P/C"));
            meter.onEvent(event(ProgressEvent.Kind.STAGE_FINISHED, "qc", "P/C"));
            cpu = meter.cpuSeconds();
        }
        // The meter charges process CPU (JIT and GC threads included, so it may exceed the burn's wall time): dvh gets
        // what the process used between its two events, which lies inside the window measured around them.
        assertTrue(cpu.get("dvh") > 0.05, cpu.toString());
        assertTrue(cpu.get("dvh") <= processCpuAroundDvh / 1e9 + 1e-9, cpu + " vs " + processCpuAroundDvh / 1e9);
        assertEquals(cpu.get("radiomics"), cpu.get("qc"), 0.02, "equal shares while side by side");
        assertTrue(cpu.get("radiomics") > 0.03, cpu.toString());
    }
}
