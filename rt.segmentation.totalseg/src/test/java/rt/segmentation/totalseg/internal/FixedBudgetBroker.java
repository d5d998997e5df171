package rt.segmentation.totalseg.internal;

import java.util.ArrayList;
import java.util.List;
import rt.api.Lease;
import rt.api.ResourceBroker;
import rt.api.ResourceNeeds;

/** A broker with a fixed budget that grants every request at once (clamped) and remembers the grants. */
final class FixedBudgetBroker implements ResourceBroker {

    private final int cores;
    private final int gpus;
    final List<ResourceNeeds> granted = new ArrayList<>();

    FixedBudgetBroker(int cores, int gpus) {
        this.cores = cores;
        this.gpus = gpus;
    }

    @Override
    public synchronized Lease acquire(ResourceNeeds needs) {
        ResourceNeeds g = new ResourceNeeds(Math.min(Math.max(1, needs.cpuCores()), cores),
                Math.min(needs.gpuSlots(), gpus), needs.memoryMb(), needs.cpuFallback());
        granted.add(g);
        return new Lease() {
            @Override
            public int cpuCores() {
                return g.cpuCores();
            }

            @Override
            public int gpuSlots() {
                return g.gpuSlots();
            }

            @Override
            public void close() {
            }
        };
    }

    @Override
    public Lease tryAcquire(ResourceNeeds needs) {
        return acquire(needs);
    }

    @Override
    public int cpuBudget() {
        return cores;
    }

    @Override
    public int gpuSlots() {
        return gpus;
    }

    @Override
    public int cpuInUse() {
        return 0;
    }

    @Override
    public int gpuInUse() {
        return 0;
    }
}
