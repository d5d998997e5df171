package rt.runtime.internal;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import rt.api.Lease;
import rt.api.ResourceBroker;
import rt.api.ResourceNeeds;
import rt.runtime.internal.broker.BudgetProbe;
import rt.runtime.internal.broker.FifoResourceBroker;
import rt.runtime.internal.broker.GpuDevices;

/** The platform-wide broker service: cores minus reserved, and GPU slots as configured or one per detected GPU. */
@Component(service = ResourceBroker.class, configurationPid = "rt.runtime.broker")
@Designate(ocd = BrokerComponent.Config.class)
public final class BrokerComponent implements ResourceBroker, rt.runtime.internal.broker.ReleaseNotifier,
        rt.runtime.internal.broker.BudgetControl {

    @ObjectClassDefinition(name = "RT resource broker")
    public @interface Config {
        @AttributeDefinition(description = "Cores kept free for the system; at least one worker always remains")
        int reserved_cores() default 1;

        @AttributeDefinition(description = "GPU slots; -1 = one per CUDA device found (nvidia-smi -L, "
                + "CUDA_VISIBLE_DEVICES; 0 without one)")
        int gpu_slots() default -1;

        @AttributeDefinition(description = "CUDA device of each GPU slot, comma-separated, slot 0 first (e.g. "
                + "0,0,1,1); empty = RT_GPU_DEVICES, else slot i on device i mod the number of devices")
        String gpu_devices() default "";

        @AttributeDefinition(description = "Heap in MB that running stages may plan to use together (their memory "
                + "estimates); -1 = the JVM's maximum heap less 256 MB for the framework, times 0.9; 0 = no planning")
        long heap_budget_mb() default -1;
    }

    /** Heap kept for the framework, the web UI and what stages do not estimate (caches, class metadata). */
    private static final long FRAMEWORK_HEAP_MB = 256;

    private final FifoResourceBroker delegate;
    private final GpuDevices gpus;

    @Activate
    public BrokerComponent(Config config) {
        String mapping = config.gpu_devices().isBlank() ? System.getenv("RT_GPU_DEVICES") : config.gpu_devices();
        gpus = GpuDevices.probe(mapping);
        if (gpus.problem() != null) {
            System.err.println("[rt.runtime.broker] " + gpus.problem()); // rt:doctor shows it as a warning too
        }
        int slots = config.gpu_slots() >= 0 ? config.gpu_slots() : gpus.devices().size();
        delegate = new FifoResourceBroker(BudgetProbe.cpuBudget(config.reserved_cores()), slots,
                heapBudgetMb(config.heap_budget_mb(), Runtime.getRuntime().maxMemory() >> 20), gpus::deviceOfSlot);
    }

    /** The configured heap budget, or one derived from the JVM's maximum heap (which the launcher sized). */
    public static long heapBudgetMb(long configured, long maxHeapMb) {
        if (configured >= 0) {
            return configured;
        }
        return Math.max(FRAMEWORK_HEAP_MB, (long) ((maxHeapMb - FRAMEWORK_HEAP_MB) * 0.9));
    }

    /** The CUDA devices found and the slot → device mapping (for rt:doctor). */
    public GpuDevices gpuDevices() {
        return gpus;
    }

    @Override
    public Lease acquire(ResourceNeeds needs) throws InterruptedException {
        return delegate.acquire(needs);
    }

    @Override
    public Lease tryAcquire(ResourceNeeds needs) {
        return delegate.tryAcquire(needs);
    }

    @Override
    public int cpuBudget() {
        return delegate.cpuBudget();
    }

    @Override
    public int gpuSlots() {
        return delegate.gpuSlots();
    }

    @Override
    public int cpuInUse() {
        return delegate.cpuInUse();
    }

    @Override
    public int gpuInUse() {
        return delegate.gpuInUse();
    }

    @Override
    public long memoryBudgetMb() {
        return delegate.memoryBudgetMb();
    }

    @Override
    public long memoryInUseMb() {
        return delegate.memoryInUseMb();
    }

    @Override
    public void addReleaseListener(Runnable listener) {
        delegate.addReleaseListener(listener);
    }

    @Override
    public Handle override(int cpuCores, int gpuSlots, long memoryBudgetMb) {
        return delegate.override(cpuCores, gpuSlots, memoryBudgetMb);
    }

    @Override
    public void removeReleaseListener(Runnable listener) {
        delegate.removeReleaseListener(listener);
    }
}
