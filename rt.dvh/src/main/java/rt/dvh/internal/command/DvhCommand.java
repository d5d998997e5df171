package rt.dvh.internal.command;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.felix.service.command.Descriptor;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import rt.api.Lease;
import rt.api.ResourceBroker;
import rt.api.ResourceNeeds;

/** Gogo {@code rt:dvh}: the DVH table of one plan (RTSTRUCT × RTDOSE). Prints, as gosh -c shows no return values. */
@Component(service = DvhCommand.class, property = {"osgi.command.scope=rt", "osgi.command.function=dvh"})
public final class DvhCommand {

    private final ResourceBroker broker;

    /** The platform's one arbiter: rt:dvh sizes its pool to the cores the broker grants, as a run's stages do. */
    @Activate
    public DvhCommand(@Reference ResourceBroker broker) {
        this.broker = broker;
    }

    @Descriptor("DVH metrics of one plan: " + DvhArgs.USAGE)
    public void dvh(@Descriptor("flags") String... args) throws InterruptedException {
        DvhArgs a = DvhArgs.parse(args);
        try (Lease lease = broker.acquire(ResourceNeeds.cpu(broker.cpuBudget()))) {
            PlanDvh.execute(a, lease.cpuCores(), System.out);
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
    }
}
