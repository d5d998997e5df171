package rt.radiomics.internal.command;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.felix.service.command.Descriptor;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import rt.api.Lease;
import rt.api.ResourceBroker;
import rt.api.ResourceNeeds;

/** Gogo {@code rt:radiomics}: pyradiomics-style features of one image + mask. */
@Component(service = RadiomicsCommand.class,
        property = {"osgi.command.scope=rt", "osgi.command.function=radiomics"})
public final class RadiomicsCommand {

    private final ResourceBroker broker;

    /** The platform's one arbiter: the feature extraction runs on one core leased from it, like a run's task. */
    @Activate
    public RadiomicsCommand(@Reference ResourceBroker broker) {
        this.broker = broker;
    }

    @Descriptor("radiomic features of one image and mask: " + RadiomicsCli.USAGE)
    public void radiomics(@Descriptor("flags") String... args) throws InterruptedException {
        try (Lease lease = broker.acquire(ResourceNeeds.cpu(1))) {
            RadiomicsCli.run(args, System.out);
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
    }
}
