package rt.radiomics.internal.command;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.felix.service.command.Descriptor;
import org.osgi.service.component.annotations.Component;

/** Gogo {@code rt:radiomics}: pyradiomics-style features of one image + mask. */
@Component(service = RadiomicsCommand.class,
        property = {"osgi.command.scope=rt", "osgi.command.function=radiomics"})
public final class RadiomicsCommand {

    @Descriptor("radiomic features of one image and mask: " + RadiomicsCli.USAGE)
    public void radiomics(@Descriptor("flags") String... args) {
        try {
            RadiomicsCli.run(args, System.out);
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
    }
}
