package rt.runtime.internal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import rt.api.ResourceBroker;
import rt.api.Scope;
import rt.api.StageResult;
import rt.runtime.internal.broker.FifoResourceBroker;
import rt.runtime.internal.run.TestStage;
import rt.testsupport.SurefireStyleSummary;

/** --workers/--gpu-slots set the one broker's budget for the run and restore it after; no private broker. */
@ExtendWith(SurefireStyleSummary.class)
class RunCommandBudgetTest {

    @TempDir
    Path out;

    @Test
    void workersSetTheSharedBrokersBudgetForTheRunAndRestoreIt() throws Exception {
        FifoResourceBroker shared = new FifoResourceBroker(3, 1);
        AtomicReference<ResourceBroker> seen = new AtomicReference<>();
        int[] budgetDuringRun = new int[2];
        TestStage organize = new TestStage("organize", Scope.COHORT).body(ctx -> {
            seen.set(ctx.broker());
            budgetDuringRun[0] = ctx.broker().cpuBudget();
            budgetDuringRun[1] = ctx.broker().gpuSlots();
            return StageResult.ok();
        });
        RunCommand cmd = new RunCommand(() -> List.of(organize), shared, List::of, l -> () -> { }, Map.of());
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        int code = cmd.execute(new String[] {"--outdir", "o", "--workers", "2", "--gpu-slots", "0"}, out,
                new PrintStream(console, true));
        assertEquals(0, code, console.toString());
        assertSame(shared, seen.get(), "the stage's broker is the shared one");
        assertEquals(2, budgetDuringRun[0]);
        assertEquals(0, budgetDuringRun[1]);
        assertEquals(3, shared.cpuBudget(), "budget restored after the run");
        assertEquals(1, shared.gpuSlots());
    }

    @Test
    void heapBudgetFromTheRunConfigPlansTheRunsMemoryAndIsRestored() throws Exception {
        FifoResourceBroker shared = new FifoResourceBroker(3, 0, 2000, slot -> 0);
        long[] seen = new long[2];
        TestStage organize = new TestStage("organize", Scope.COHORT).body(ctx -> {
            seen[0] = ctx.broker().memoryBudgetMb();
            seen[1] = ctx.broker().memoryInUseMb();
            return StageResult.ok();
        }).needs(new rt.api.ResourceNeeds(1, 0, 900, true));
        RunCommand cmd = new RunCommand(() -> List.of(organize), shared, List::of, l -> () -> { }, Map.of());
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        int code = cmd.execute(new String[] {"--outdir", "o", "--set", "heap_budget_mb=700"}, out,
                new PrintStream(console, true));
        assertEquals(0, code, console.toString());
        assertEquals(700, seen[0], "the run's heap budget");
        assertEquals(700, seen[1], "the stage's 900 MB estimate, clamped to the budget, is what it holds");
        assertEquals(2000, shared.memoryBudgetMb(), "restored after the run");
        assertEquals(0, shared.memoryInUseMb());
    }

    @Test
    void aShrunkBudgetHoldsNewLeasesUntilOldOnesFitAndARestoreWakesThem() throws Exception {
        FifoResourceBroker broker = new FifoResourceBroker(4, 0);
        rt.api.Lease big = broker.tryAcquire(rt.api.ResourceNeeds.cpu(3));
        try (var h = broker.override(2, 0)) {
            assertEquals(null, broker.tryAcquire(rt.api.ResourceNeeds.cpu(1)), "3 in use > budget 2");
            big.close();
            try (rt.api.Lease l = broker.tryAcquire(rt.api.ResourceNeeds.cpu(8))) {
                assertEquals(2, l.cpuCores(), "requests are clamped to the run's budget");
            }
        }
        try (rt.api.Lease l = broker.tryAcquire(rt.api.ResourceNeeds.cpu(8))) {
            assertEquals(4, l.cpuCores());
        }
    }
}
