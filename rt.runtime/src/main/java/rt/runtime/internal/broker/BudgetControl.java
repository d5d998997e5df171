package rt.runtime.internal.broker;

/**
 * A broker whose budget one command may set for its own duration ({@code rt:run --workers 4 --gpu-slots 0}), so that
 * there stays one arbiter for everything the platform runs instead of a private broker per run.
 */
public interface BudgetControl {

    /** Sets the budget now; closing the handle restores the budget that was in force before. */
    default Handle override(int cpuCores, int gpuSlots) {
        return override(cpuCores, gpuSlots, -1);
    }

    /** As {@link #override(int, int)}, with a heap budget in MB too ({@code -1} keeps the current one). */
    Handle override(int cpuCores, int gpuSlots, long memoryBudgetMb);

    /** The handle of one override. */
    interface Handle extends AutoCloseable {
        @Override
        void close();
    }
}
