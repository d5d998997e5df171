package rt.dicom.internal.command;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.osgi.service.component.annotations.Component;

/** Gogo {@code rt:inspect PATH}: one line per DICOM object under a file or folder. */
@Component(service = InspectCommand.class,
        property = {"osgi.command.scope=rt", "osgi.command.function=inspect"})
public class InspectCommand {

    /** Prints the inspection of a file or folder. */
    public void inspect(String path) {
        if (path == null || path.isBlank()) {
            throw new IllegalArgumentException("usage: rt:inspect PATH");
        }
        try {
            for (String line : new Inspector().inspect(Path.of(path))) {
                System.out.println(line);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
    }

    /** Without argument: usage. */
    public void inspect() {
        throw new IllegalArgumentException("usage: rt:inspect PATH");
    }
}
