package rt.api;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The one arbiter of CPU cores, GPU slots and planned heap memory for everything the platform runs. Leases are granted
 * first-come, first-served; the sum of granted leases never exceeds the budget.
 */
@ProviderType
public interface ResourceBroker {

    /** Blocks until the needs (clamped to the budget) can be granted. */
    Lease acquire(ResourceNeeds needs) throws InterruptedException;

    /** Grants at once or returns {@code null}. */
    Lease tryAcquire(ResourceNeeds needs);

    int cpuBudget();

    int gpuSlots();

    /** Cores currently leased out. */
    int cpuInUse();

    /** GPU slots currently leased out. */
    int gpuInUse();

    /** The heap, in MB, that leases may plan to use together ({@link ResourceNeeds#memoryMb()}); 0 = not planned. */
    default long memoryBudgetMb() {
        return 0;
    }

    /** The memory estimates of the leases currently granted, in MB. */
    default long memoryInUseMb() {
        return 0;
    }
}
