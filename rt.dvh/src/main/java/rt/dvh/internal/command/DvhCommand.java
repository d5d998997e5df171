package rt.dvh.internal.command;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.felix.service.command.Descriptor;
import org.osgi.service.component.annotations.Component;

/** Gogo {@code rt:dvh}: the DVH table of one plan (RTSTRUCT × RTDOSE). Prints, as gosh -c shows no return values. */
@Component(service = DvhCommand.class, property = {"osgi.command.scope=rt", "osgi.command.function=dvh"})
public final class DvhCommand {

    @Descriptor("DVH metrics of one plan: " + DvhArgs.USAGE)
    public void dvh(@Descriptor("flags") String... args) throws InterruptedException {
        DvhArgs a = DvhArgs.parse(args);
        try {
            PlanDvh.execute(a, Math.max(1, Runtime.getRuntime().availableProcessors()), System.out);
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
    }
}
