package rt.organize.internal.command;

import java.nio.file.Path;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Descriptor;
import org.osgi.service.component.annotations.Component;
import rt.api.CommandExit;
import rt.organize.internal.demo.DemoCohort;

/**
 * {@code rt:demo [OUT] [--patients N]}: writes the synthetic demo cohort into {@code OUT/input}, then runs every
 * installed stage on it through {@code rt:run} (the runtime's command, in the same session) and prints where the
 * results are. The exit code is that of {@code rt:run}.
 */
@Component(service = DemoCommand.class, property = {"osgi.command.scope=rt", "osgi.command.function=demo"})
public final class DemoCommand {

    static final String USAGE = "rt:demo [OUT] [--patients N]   (default OUT = ./rt-demo, N = 3)";

    /** Parsed arguments. */
    record Args(Path out, int patients) {

        static Args parse(String[] args, Path cwd) {
            Path out = null;
            int patients = 3;
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                if (a.equals("--patients")) {
                    if (i + 1 >= args.length) {
                        throw new IllegalArgumentException("--patients needs a number; usage: " + USAGE);
                    }
                    try {
                        patients = Integer.parseInt(args[++i]);
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("--patients needs a number, not '" + args[i] + "'");
                    }
                    if (patients < 1 || patients > 100_000) {
                        throw new IllegalArgumentException("--patients must be 1..100000, not " + patients);
                    }
                } else if (a.equals("-h") || a.equals("--help")) {
                    throw new IllegalArgumentException("usage: " + USAGE);
                } else if (a.startsWith("-")) {
                    throw new IllegalArgumentException("unknown option '" + a + "'; usage: " + USAGE);
                } else if (out == null) {
                    out = cwd.resolve(a);
                } else {
                    throw new IllegalArgumentException("one output folder only; usage: " + USAGE);
                }
            }
            return new Args(out == null ? cwd.resolve("rt-demo") : out, patients);
        }
    }

    @Descriptor("write a synthetic cohort (phantom CT, RTSTRUCT, RTPLAN, RTDOSE) and run every installed stage on it")
    public void demo(CommandSession session, @Descriptor(USAGE) String... args) throws Exception {
        session.put(CommandExit.SESSION_VARIABLE, CommandExit.OK);
        Path cwd = Path.of(System.getProperty("rt.cwd", System.getProperty("user.dir"))).toAbsolutePath();
        Args a;
        try {
            a = Args.parse(args, cwd);
        } catch (IllegalArgumentException e) {
            System.out.println(e.getMessage());
            session.put(CommandExit.SESSION_VARIABLE, CommandExit.USAGE);
            return;
        }
        Path input = a.out().resolve("input");
        long t0 = System.nanoTime();
        DemoCohort.Written w = DemoCohort.write(input, a.patients());
        System.out.printf("rt demo: wrote %d patients (%d DICOM files, %.1f MB) to %s in %.1f s%n", a.patients(),
                w.files(), w.bytes() / 1e6, input, (System.nanoTime() - t0) / 1e9);
        System.out.println("rt demo: running every installed stage: rt:run --dicom-root " + input + " --outdir "
                + a.out());
        session.execute("rt:run --dicom-root " + quote(input) + " --outdir " + quote(a.out()));
        Object exit = session.get(CommandExit.SESSION_VARIABLE);
        System.out.println("rt demo: results in " + a.out() + "  (cohort tables: " + a.out().resolve("cohort")
                + ", one folder per patient course: " + a.out().resolve("DEMO001") + " …)");
        System.out.println("rt demo: the phantom's analytic truth (HU, DVH values) is described in PHANTOM.md of"
                + " the rt.organize bundle");
        session.put(CommandExit.SESSION_VARIABLE, exit == null ? CommandExit.OK : exit);
    }

    private static String quote(Path p) {
        return "'" + p.toString().replace("'", "\\'") + "'";
    }
}
