package rt.organize.internal.command;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Descriptor;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import rt.api.CommandExit;
import rt.api.Stage;
import rt.organize.internal.demo.DemoCohort;
import rt.organize.internal.demo.DemoConfig;

/**
 * {@code rt:demo [OUT] [--patients N] [--defects]}: writes the synthetic demo cohort into {@code OUT/input} (with
 * {@code --defects} one more patient carrying planted QC defects), writes {@code OUT/rt-demo.yaml} (custom
 * structures for the {@code structures} stage when it is installed), then runs every installed stage on it through
 * {@code rt:run --config OUT/rt-demo.yaml} (the runtime's command, in the same session) and prints where the results
 * are. The exit code is that of {@code rt:run}.
 */
@Component(service = DemoCommand.class, property = {"osgi.command.scope=rt", "osgi.command.function=demo"})
public final class DemoCommand {

    static final String USAGE = "rt:demo [OUT] [--patients N] [--defects] [--mr] [--write-only]   (default OUT = "
            + "./rt-demo, N = 3; --defects adds a patient with a missing CT slice, a PTV partly outside the dose grid and"
            + " an empty ROI; --mr gives the first patient an MR registered to its CT (REG) with an MR structure set;"
            + " --write-only writes the cohort and its config and prints the rt:run command instead of running it)";

    /** The installed stages: the demo config only carries sections for those (the runtime rejects others). */
    @Reference(service = Stage.class, cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    private volatile List<Stage> stages;

    /** Parsed arguments. */
    record Args(Path out, int patients, boolean defects, boolean writeOnly, boolean mr) {

        static Args parse(String[] args, Path cwd) {
            Path out = null;
            int patients = 3;
            boolean defects = false;
            boolean writeOnly = false;
            boolean mr = false;
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                if (a.equals("--defects")) {
                    defects = true;
                } else if (a.equals("--mr")) {
                    mr = true;
                } else if (a.equals("--write-only")) {
                    writeOnly = true;
                } else if (a.equals("--patients")) {
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
            return new Args(out == null ? cwd.resolve("rt-demo") : out, patients, defects, writeOnly, mr);
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
        DemoCohort.Written w = DemoCohort.write(input, a.patients(), a.defects(), a.mr());
        System.out.printf("rt demo: wrote %d patients (%d DICOM files, %.1f MB) to %s in %.1f s%n",
                w.patients().size(), w.files(), w.bytes() / 1e6, input, (System.nanoTime() - t0) / 1e9);
        if (a.defects()) {
            DemoCohort.PatientSpec d = w.patients().get(w.patients().size() - 1);
            System.out.println("rt demo: " + d.patientId() + " carries planted QC defects: CT slice "
                    + DemoCohort.DEFECT_MISSING_SLICE + " missing, PTV partly outside the dose grid (z < -10.5 mm), "
                    + "ROI " + DemoCohort.DEFECT_EMPTY_ROI + " without contours");
        }
        List<Stage> installed = stages;
        Set<String> ids = installed == null ? Set.of()
                : installed.stream().map(Stage::id).collect(java.util.stream.Collectors.toSet());
        Path config = DemoConfig.write(a.out(), ids);
        if (a.writeOnly()) {
            System.out.println("rt demo: to run every installed stage: rt:run --dicom-root " + quote(input)
                    + " --outdir " + quote(a.out()) + " --config " + quote(config));
            return;
        }
        System.out.println("rt demo: running every installed stage: rt:run --dicom-root " + input + " --outdir "
                + a.out() + " --config " + config);
        session.execute("rt:run --dicom-root " + quote(input) + " --outdir " + quote(a.out()) + " --config "
                + quote(config));
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
