package rt.dicom.internal.command;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.apache.felix.service.command.CommandSession;
import org.osgi.service.component.annotations.Component;
import rt.api.CommandExit;

/**
 * Gogo {@code rt:inspect PATH}: one line per DICOM object under a file or folder, one line per input that could not
 * be used; exit 1 when there was any such input (so scripts notice), 2 on usage errors.
 */
@Component(service = InspectCommand.class,
        property = {"osgi.command.scope=rt", "osgi.command.function=inspect"})
public class InspectCommand {

    /** Prints the inspection of a file or folder. */
    public void inspect(CommandSession session, String path) {
        if (path == null || path.isBlank()) {
            throw new IllegalArgumentException("usage: rt:inspect PATH");
        }
        session.put(CommandExit.SESSION_VARIABLE, CommandExit.OK);
        Path p = Path.of(System.getProperty("rt.cwd", System.getProperty("user.dir"))).resolve(path);
        Inspector.Report report;
        try {
            report = new Inspector().report(p);
        } catch (IOException e) {
            throw new UncheckedIOException(p + ": cannot be read (" + e.getMessage() + ")", e);
        }
        for (String line : report.lines()) {
            System.out.println(line);
        }
        if (report.notUsed() > 0) {
            session.put(CommandExit.SESSION_VARIABLE, CommandExit.SOME_FAILED);
        }
    }

    /** Without argument: usage. */
    public void inspect(CommandSession session) {
        throw new IllegalArgumentException("usage: rt:inspect PATH");
    }
}
