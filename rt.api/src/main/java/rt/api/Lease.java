package rt.api;

import org.osgi.annotation.versioning.ProviderType;

/** Resources granted by the {@link ResourceBroker}; closing it gives them back. Closing twice is harmless. */
@ProviderType
public interface Lease extends AutoCloseable {

    int cpuCores();

    int gpuSlots();

    default boolean onGpu() {
        return gpuSlots() > 0;
    }

    /**
     * The CUDA device ordinal of this lease's (first) GPU slot, as the broker maps its slots to the machine's GPUs;
     * {@code -1} without a GPU slot. A broker that does not map slots runs every slot on device 0.
     */
    default int gpuDevice() {
        return onGpu() ? 0 : -1;
    }

    /** The heap, in MB, the broker set aside for this lease from the stage's estimate; 0 when not planned. */
    default long memoryMb() {
        return 0;
    }

    @Override
    void close();
}
