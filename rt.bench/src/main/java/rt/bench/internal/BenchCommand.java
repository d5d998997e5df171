package rt.bench.internal;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Descriptor;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import rt.api.CommandExit;
import rt.api.ProgressListener;
import rt.api.Stage;
import rt.api.image.Grid;
import rt.bench.phantom.ThoraxCourse;
import rt.bench.phantom.ThoraxPhantom;

/**
 * {@code rt:bench}: writes copies of a realistic thorax course ({@link ThoraxCourse}) with the project's writers, runs
 * the whole pipeline on them ({@code rt:run}, in this process) once per worker count and prints, per run, the wall
 * and CPU time per stage, the peak resident set and courses per hour; then the whole-command time of DVH on one of
 * the plans, {@code ./rt dvh} against plastimatch and dicompyler-core; then the radiomics CPU time of chosen ROIs
 * split by image type. Everything goes under OUT, which it may reuse (a folder it did not make is refused).
 */
@Component(service = BenchCommand.class, property = {"osgi.command.scope=rt", "osgi.command.function=bench"})
public final class BenchCommand {

    /** Marks OUT as the bench's own, so that a rerun may clear it. */
    static final String MARKER = ".rt-bench";

    @Reference(service = Stage.class, cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    private volatile List<Stage> stages;

    private final BundleContext context;

    @Activate
    public BenchCommand(BundleContext context) {
        this.context = context;
    }

    @Descriptor("benchmark: a realistic course through the whole pipeline, DVH against plastimatch and"
            + " dicompyler-core, radiomics by image type")
    public void bench(CommandSession session, @Descriptor(BenchArgs.USAGE) String... args) throws Exception {
        session.put(CommandExit.SESSION_VARIABLE, CommandExit.OK);
        PrintStream out = System.out;
        Path cwd = Path.of(System.getProperty("rt.cwd", System.getProperty("user.dir"))).toAbsolutePath();
        BenchArgs a;
        List<String> split;
        try {
            a = BenchArgs.parse(args, cwd);
            split = a.splitRois(ThoraxPhantom.manualShapes().subList(0, a.rois()).stream()
                    .map(ThoraxPhantom.Shape::name).toList());
            prepare(a.out());
        } catch (IllegalArgumentException e) {
            out.println("rt:bench: " + e.getMessage());
            session.put(CommandExit.SESSION_VARIABLE, CommandExit.USAGE);
            return;
        }
        Grid ctGrid = ThoraxPhantom.ctGrid(a.pixels(), a.slices(), a.scale());
        Grid doseGrid = ThoraxPhantom.doseGrid(a.doseMm(), a.scale());
        out.printf(Locale.ROOT, "bench: patient scale %.2f, CT %dx%dx%d at %.2fx%.2fx%.2f mm, %d manual ROIs (+ custom"
                + " and auto structures), dose grid %.1f mm (%dx%dx%d); %d course(s); workers %s; %d cores, heap max"
                + " %d MiB%n", a.scale(), ctGrid.nx(), ctGrid.ny(), ctGrid.nz(), ctGrid.spacing(0), ctGrid.spacing(1),
                ctGrid.spacing(2), a.rois(), a.doseMm(), doseGrid.nx(), doseGrid.ny(), doseGrid.nz(), a.courses(),
                a.workers(), Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);

        long t0 = System.nanoTime();
        ThoraxCourse course = ThoraxCourse.of(a.pixels(), a.slices(), a.rois(), a.doseMm(), a.scale());
        Path input = a.out().resolve("input");
        ThoraxCourse.Written first = null;
        int files = 0;
        long bytes = 0;
        for (int n = 1; n <= a.courses(); n++) {
            String patient = String.format("BENCH%03d", n);
            ThoraxCourse.Written w = course.write(input.resolve(patient), patient);
            first = first == null ? w : first;
            files += w.files();
            bytes += w.bytes();
        }
        out.printf(Locale.ROOT, "bench: wrote %d course(s), %d DICOM files, %.1f MB, in %.1f s (%s)%n", a.courses(),
                files, bytes / 1e6, (System.nanoTime() - t0) / 1e9, input);
        List<String> roiNames = course.rois().stream().map(r -> r.shape().name()).toList();
        Set<String> installed = stages == null ? Set.of()
                : stages.stream().map(Stage::id).collect(Collectors.toSet());
        Path config = BenchConfig.write(a.out(), installed, new LinkedHashSet<>(roiNames));

        int exit = CommandExit.OK;
        Map<Integer, Double> perHour = new LinkedHashMap<>();
        if (a.warmup() && !a.workers().isEmpty()) {
            // a cohort run is warm after its first courses (JIT, class loading, caches): so is every measured run
            long w0 = System.nanoTime();
            long c0 = StageMeter.processCpuNs();
            session.execute("rt:run --dicom-root " + quote(input.resolve("BENCH001")) + " --outdir "
                    + quote(a.out().resolve("warm-up")) + " --config " + quote(config) + " --workers "
                    + a.workers().get(0) + sets(a) + " > " + quote(a.out().resolve("warm-up.log")));
            out.printf(Locale.ROOT, "bench: warm-up run on one course (not counted): wall %.1f s, CPU %.1f s%n",
                    (System.nanoTime() - w0) / 1e9, (StageMeter.processCpuNs() - c0) / 1e9);
        }
        for (int w : a.workers()) {
            int code = runPipeline(session, out, a, input, config, w, perHour);
            exit = Math.max(exit, code);
        }
        if (perHour.size() > 1) {
            List<Integer> ws = new ArrayList<>(perHour.keySet());
            for (int i = 1; i < ws.size(); i++) {
                out.printf(Locale.ROOT, "courses/h ratio workers %d / workers %d: %.2f%n", ws.get(i), ws.get(0),
                        perHour.get(ws.get(i)) / perHour.get(ws.get(0)));
            }
        }
        if (a.dvhRepeats() > 0) {
            compareDvh(session, out, a, first, doseGrid, roiNames.size());
        }
        if (!split.isEmpty()) {
            splitRadiomics(session, out, a, input.resolve("BENCH001"), first.rtstruct(), ctGrid, split);
        }
        out.println("bench: done; files in " + a.out());
        session.put(CommandExit.SESSION_VARIABLE, exit);
    }

    /** OUT must be new, empty or the bench's own (then its previous results are cleared). */
    static void prepare(Path out) throws IOException {
        if (Files.exists(out)) {
            boolean empty;
            try (Stream<Path> s = Files.list(out)) {
                empty = s.findAny().isEmpty();
            }
            if (!empty && !Files.exists(out.resolve(MARKER))) {
                throw new IllegalArgumentException(out + " exists and was not made by rt:bench; name a new folder");
            }
            if (!empty) {
                try (Stream<Path> s = Files.walk(out)) {
                    for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                        if (!p.equals(out)) {
                            Files.delete(p);
                        }
                    }
                }
            }
        }
        Files.createDirectories(out);
        Files.writeString(out.resolve(MARKER), "rt:bench output folder; rt:bench clears it when it runs again\n");
    }

    private int runPipeline(CommandSession session, PrintStream out, BenchArgs a, Path input, Path config, int w,
            Map<Integer, Double> perHour) throws Exception {
        Path outdir = a.out().resolve("workers-" + w);
        StringBuilder cmd = new StringBuilder("rt:run --dicom-root " + quote(input) + " --outdir " + quote(outdir)
                + " --config " + quote(config) + " --workers " + w + sets(a));
        out.println("bench: " + cmd);
        boolean reset = ProcessMemory.resetPeak();
        long cpu0 = StageMeter.processCpuNs();
        long wall0 = System.nanoTime();
        Object code;
        Map<String, Double> cpu;
        try (StageMeter meter = new StageMeter()) {
            ServiceRegistration<ProgressListener> reg = context.registerService(ProgressListener.class, meter, null);
            try {
                session.put(CommandExit.SESSION_VARIABLE, CommandExit.OK);
                session.execute(cmd.toString());
                code = session.get(CommandExit.SESSION_VARIABLE);
            } finally {
                reg.unregister();
            }
            cpu = meter.cpuSeconds();
        }
        double wall = (System.nanoTime() - wall0) / 1e9;
        double cpuTotal = (StageMeter.processCpuNs() - cpu0) / 1e9;
        long peak = ProcessMemory.peakRssMb();
        int exit = code instanceof Number n ? n.intValue() : CommandExit.OK;
        double coursesPerHour = a.courses() * 3600 / wall;
        perHour.put(w, coursesPerHour);
        Map<String, RunStates.StageSummary> states = RunStates.read(outdir);
        out.printf(Locale.ROOT, "== workers %d: %d course(s), wall %.1f s, CPU %.1f s (%.2f cores busy), peak RSS %d MiB"
                + "%s, %.1f courses/h, rt:run exit %d%n", w, a.courses(), wall, cpuTotal, cpuTotal / wall, peak,
                reset ? "" : " (since start: could not reset)", coursesPerHour, exit);
        out.printf(Locale.ROOT, "%-28s %4s %4s %4s %9s %9s %13s %11s%n", "stage", "ok", "skip", "fail", "wall-s",
                "cpu-s", "cpu-s/course", "peakHeapMb");
        Set<String> order = new LinkedHashSet<>(cpu.keySet());
        order.addAll(states.keySet());
        order.remove(StageMeter.OUTSIDE);
        double wallSum = 0;
        for (String stage : order) {
            RunStates.StageSummary s = states.getOrDefault(stage,
                    new RunStates.StageSummary(stage, 0, 0, 0, 0, 0));
            double c = cpu.getOrDefault(stage, 0.0);
            wallSum += s.wallMs() / 1000.0;
            out.printf(Locale.ROOT, "%-28s %4d %4d %4d %9.1f %9.1f %13.1f %11d%n", stage, s.ok(), s.skipped(),
                    s.failed(), s.wallMs() / 1000.0, c, c / a.courses(), s.peakHeapMb());
        }
        double between = cpu.getOrDefault(StageMeter.OUTSIDE, 0.0);
        out.printf(Locale.ROOT, "%-28s %4s %4s %4s %9s %9.1f %13.1f %11s%n", StageMeter.OUTSIDE, "", "", "", "",
                between, between / a.courses(), "");
        out.printf(Locale.ROOT, "%-28s %4s %4s %4s %9.1f %9.1f %13.1f %11s%n", "total", "", "", "", wallSum, cpuTotal,
                cpuTotal / a.courses(), "");
        if (w > 1) {
            out.println("(stages running side by side share the CPU measured while they overlap equally)");
        }
        return exit;
    }

    private static final String DICOMPYLER = """
            import sys
            from dicompylercore import dicomparser, dvhcalc
            rs, rd = sys.argv[1], sys.argv[2]
            for number, s in dicomparser.DicomParser(rs).GetStructures().items():
                if s.get('type') == 'MARKER' or s.get('type') == 'POINT':
                    continue
                d = dvhcalc.get_dvh(rs, rd, number)
                print(s['name'], round(d.volume, 3), round(d.mean, 3), round(d.max, 3))
            """;

    private void compareDvh(CommandSession session, PrintStream out, BenchArgs a, ThoraxCourse.Written plan,
            Grid doseGrid, int rois) throws Exception {
        Path dir = a.out().resolve("dvh");
        Files.createDirectories(dir.resolve("plan"));
        Path rs = dir.resolve("plan/RS.dcm");
        Path rd = dir.resolve("plan/RD.dcm");
        Files.copy(plan.rtstruct(), rs);
        Files.copy(plan.rtdose(), rd);
        Path script = dir.resolve("dicompyler_dvh.py");
        Files.writeString(script, DICOMPYLER);
        List<TimedCommand> tools = new ArrayList<>();
        String launcher = System.getProperty("rt.launcher");
        if (launcher != null) {
            tools.add(new TimedCommand("./rt dvh", List.of(launcher, "dvh", "--rtstruct", rs.toString(), "--rtdose",
                    rd.toString(), "--out", dir.resolve("rt.csv").toString())));
        }
        tools.add(new TimedCommand("plastimatch dvh", List.of("plastimatch", "dvh", "--input", dir.resolve("plan")
                .toString(), "--output-csv", dir.resolve("plastimatch.csv").toString())));
        tools.add(new TimedCommand("dicompyler-core", List.of("/usr/bin/python3", script.toString(), rs.toString(),
                rd.toString())));
        out.printf(Locale.ROOT, "== DVH of one plan: %d ROIs, dose grid %.1f mm (%dx%dx%d); whole command, median of"
                + " %d run(s) after an untimed one%n", rois, a.doseMm(), doseGrid.nx(), doseGrid.ny(), doseGrid.nz(), a.dvhRepeats());
        List<TimedCommand.Result> results = new ArrayList<>();
        for (TimedCommand t : tools) {
            results.add(t.time(a.dvhRepeats(), dir.resolve(t.label().replaceAll("[^A-Za-z]+", "_") + ".log"), 900));
        }
        // the same computation warm, inside this process (no JVM or framework start-up, JIT already warm from runs)
        List<Double> warm = new ArrayList<>();
        for (int r = 0; r < a.dvhRepeats(); r++) {
            long t0 = System.nanoTime();
            quietly(session, "rt:dvh --rtstruct " + quote(rs) + " --rtdose " + quote(rd) + " --out "
                    + quote(dir.resolve("rt-warm.csv")), dir.resolve("rt-warm.log"));
            warm.add((System.nanoTime() - t0) / 1e9);
        }
        warm.sort(null);
        results.add(1, new TimedCommand.Result("rt:dvh in-process (warm)", warm.get(warm.size() / 2), warm, null));
        double reference = results.get(0).ok() ? results.get(0).medianSeconds() : Double.NaN;
        out.printf(Locale.ROOT, "%-28s %9s %10s%n", "tool", "seconds", "x first");
        for (TimedCommand.Result r : results) {
            if (r.ok()) {
                out.printf(Locale.ROOT, "%-28s %9.2f %10.2f%n", r.label(), r.medianSeconds(),
                        r.medianSeconds() / reference);
            } else {
                out.printf(Locale.ROOT, "%-28s %9s %10s  %s%n", r.label(), "-", "-", r.problem());
            }
        }
        if (launcher == null) {
            out.println("(./rt dvh not timed: no -Drt.launcher; run the bench through ./rt)");
        }
    }

    private void splitRadiomics(CommandSession session, PrintStream out, BenchArgs a, Path ctFolder, Path rtstruct,
            Grid ctGrid, List<String> rois) throws Exception {
        Path dir = a.out().resolve("radiomics-split");
        Files.createDirectories(dir);
        // the CT series alone: rt:radiomics reads a folder as one series
        Path ct = dir.resolve("ct");
        Files.createDirectories(ct);
        try (Stream<Path> s = Files.list(ctFolder)) {
            for (Path f : s.filter(p -> p.getFileName().toString().startsWith("CT.")).toList()) {
                Files.copy(f, ct.resolve(f.getFileName()));
            }
        }
        String[] types = {"load+shape", "Original", "LoG", "Wavelet", "all"};
        out.println("== radiomics per ROI by image type: CPU-s of rt:radiomics with the bundled CT parameters, one ROI"
                + " at a time, each type alone (every run also reads the CT and rasterises the ROI: load+shape)");
        out.printf(Locale.ROOT, "%-16s %9s", "roi", "cc");
        for (String t : types) {
            out.printf(Locale.ROOT, " %10s", t);
        }
        out.println();
        Map<String, ThoraxPhantom.Shape> shapes = ThoraxPhantom.manualShapes().stream()
                .collect(Collectors.toMap(ThoraxPhantom.Shape::name, s -> s));
        for (String roi : rois) {
            double cc = ThoraxPhantom.mask(shapes.get(roi).scaled(a.scale()), ctGrid).volumeCc();
            out.printf(Locale.ROOT, "%-16s %9.1f", roi, cc);
            for (String t : types) {
                String select = switch (t) {
                    case "load+shape" -> " --image-types Original --feature-classes shape";
                    case "all" -> "";
                    default -> " --image-types " + t;
                };
                long c0 = StageMeter.processCpuNs();
                quietly(session, "rt:radiomics --image " + quote(ct) + " --mask " + quote(rtstruct) + " --roi "
                        + quote(roi) + " --modality CT" + select + " --out "
                        + quote(dir.resolve(roi + "-" + t.replace('+', '_') + ".csv")), dir.resolve("radiomics.log"));
                out.printf(Locale.ROOT, " %10.2f", (StageMeter.processCpuNs() - c0) / 1e9);
            }
            out.println();
        }
    }

    /**
     * Runs a command with its console output sent to {@code log} (Gogo's redirection): its results are files, the
     * table is ours.
     */
    private static void quietly(CommandSession session, String command, Path log) throws Exception {
        session.execute(command + " > " + quote(log));
    }

    private static String sets(BenchArgs a) {
        StringBuilder s = new StringBuilder();
        for (String kv : a.sets()) {
            s.append(" --set ").append(quote(kv));
        }
        return s.toString();
    }

    static String quote(Object p) {
        return "'" + p.toString().replace("'", "\\'") + "'";
    }
}
