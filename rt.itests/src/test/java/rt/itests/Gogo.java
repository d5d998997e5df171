package rt.itests;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;
import rt.api.CommandExit;

/** Runs one command line in a fresh Gogo session, as the shell and the headless launcher do. */
final class Gogo {

    /** The exit code ({@link CommandExit#SESSION_VARIABLE}, -1 when unset) and everything the command printed. */
    record Result(int exit, String output) {
    }

    private Gogo() {
    }

    static Result execute(CommandProcessor processor, String commandLine) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream ps = new PrintStream(out, true, StandardCharsets.UTF_8);
        try (CommandSession session = processor.createSession(new ByteArrayInputStream(new byte[0]), ps, ps)) {
            try {
                session.execute(commandLine);
            } catch (Exception e) {
                ps.flush();
                throw new AssertionError(commandLine + " threw " + e + "; output:\n"
                        + out.toString(StandardCharsets.UTF_8), e);
            }
            ps.flush();
            Object code = session.get(CommandExit.SESSION_VARIABLE);
            return new Result(code instanceof Number n ? n.intValue() : -1, out.toString(StandardCharsets.UTF_8));
        }
    }
}
