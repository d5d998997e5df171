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

    @Override
    void close();
}
