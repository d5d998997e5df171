package rt.runtime.internal.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import rt.api.ResourceNeeds;
import rt.api.StageResult;
import rt.api.StageResult.Status;
import rt.runtime.internal.broker.FifoResourceBroker;
import rt.testsupport.SurefireStyleSummary;

@ExtendWith(SurefireStyleSummary.class)
class MemoryBackOffTest {

    @TempDir
    Path out;

    /** Simulated memory: more than 2 courses of this stage at once run out of memory. */
    @Test
    void outOfMemoryHalvesConcurrencyAndRetriesTheFailedCourses() throws Exception {
        RunFixture f = new RunFixture(out);
        for (int i = 0; i < 8; i++) {
            f.course("P" + i, "C", 10, Map.of());
        }
        f.broker = new FifoResourceBroker(8, 0);
        AtomicInteger inStage = new AtomicInteger();
        AtomicInteger maxAfterFailure = new AtomicInteger();
        AtomicInteger failures = new AtomicInteger();
        java.util.Set<String> attempted = java.util.concurrent.ConcurrentHashMap.newKeySet();
        TestStage heavy = TestStage.course("heavy", "organize").body(ctx -> {
            int now = inStage.incrementAndGet();
            boolean retry = !attempted.add(ctx.course().key());
            try {
                Thread.sleep(50); // let the courses overlap
                // First attempts need memory for 2 courses at a time. A retry starts under the halved limit (4),
                // but courses started under the old limit may still be running beside it for a while, so a retry
                // fails only beyond that limit: otherwise its outcome would depend on thread timing, not on the back-off.
                if (inStage.get() > (retry ? 4 : 2)) {
                    if (retry) {
                        maxAfterFailure.accumulateAndGet(now, Math::max);
                    }
                    failures.incrementAndGet();
                    throw new RuntimeException("wrapped", new OutOfMemoryError("Java heap space"));
                }
                if (retry) { // a retry starts only under the lowered limit
                    maxAfterFailure.accumulateAndGet(now, Math::max);
                }
                return StageResult.ok();
            } finally {
                inStage.decrementAndGet();
            }
        });
        RunReport r = f.run(List.of(f.organize(), heavy), Map.of());
        assertEquals(0, r.exitCode(), r.summary() + f.console());
        assertEquals(8, r.outcomes().stream().filter(o -> o.stage().equals("heavy") && o.status() == Status.OK).count());
        assertTrue(failures.get() > 0, "the simulation really ran out of memory");
        assertTrue(f.console().contains("memory failure"), f.console());
        assertTrue(maxAfterFailure.get() <= 4, "concurrency was lowered: " + maxAfterFailure);
    }

    @Test
    void gpuOutOfMemoryAtConcurrencyOneRetriesOnCpu() throws Exception {
        RunFixture f = new RunFixture(out).course("P1", "C", 10, Map.of());
        f.broker = new FifoResourceBroker(2, 1);
        List<Integer> gpuSlotsSeen = new CopyOnWriteArrayList<>();
        TestStage seg = TestStage.course("seg", "organize").needs(ResourceNeeds.gpu(1, 1)).body(ctx -> {
            gpuSlotsSeen.add(ctx.lease().gpuSlots());
            if (ctx.lease().onGpu()) {
                return StageResult.failed("CUDA out of memory. Tried to allocate 2.00 GiB");
            }
            return StageResult.ok();
        });
        RunReport r = f.run(List.of(f.organize(), seg), Map.of());
        assertEquals(0, r.exitCode(), r.summary());
        assertEquals(List.of(1, 0), gpuSlotsSeen);
    }

    @Test
    void aCpuOutOfMemoryAloneIsReportedAsAFailure() throws Exception {
        RunFixture f = new RunFixture(out).course("P1", "C", 10, Map.of());
        TestStage s = TestStage.course("s", "organize").body(ctx -> {
            throw new OutOfMemoryError("cannot allocate 12 GB");
        });
        RunReport r = f.run(List.of(f.organize(), s), Map.of());
        assertEquals(1, r.exitCode());
        assertTrue(r.problems().get(0).reason().contains("cannot allocate"), r.summary());
    }
}
