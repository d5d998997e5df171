package rt.api;

/**
 * What a stage asks of the broker for one unit of work.
 *
 * @param cpuCores    cores to reserve (at least 1; the broker clamps it to its budget)
 * @param gpuSlots    GPU slots to reserve (0 for CPU-only stages)
 * @param memoryMb    the heap this work is estimated to need at its peak, in MB: the broker admits work within its
 *                    heap budget from these estimates (0 = negligible)
 * @param cpuFallback whether the work can run on CPU when no GPU slot exists or after a GPU out-of-memory failure
 */
public record ResourceNeeds(int cpuCores, int gpuSlots, long memoryMb, boolean cpuFallback) {

    public ResourceNeeds {
        if (cpuCores < 0 || gpuSlots < 0 || memoryMb < 0) {
            throw new IllegalArgumentException("resource needs must not be negative");
        }
    }

    public static ResourceNeeds cpu(int cores) {
        return new ResourceNeeds(cores, 0, 0, true);
    }

    public static ResourceNeeds gpu(int slots, int cores) {
        return new ResourceNeeds(cores, slots, 0, true);
    }

    /** The same needs without GPU slots, for a CPU fallback. */
    public ResourceNeeds onCpu() {
        return new ResourceNeeds(Math.max(1, cpuCores), 0, memoryMb, true);
    }
}
