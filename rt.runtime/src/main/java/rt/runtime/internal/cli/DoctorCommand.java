package rt.runtime.internal.cli;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.io.PrintStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import rt.api.CommandExit;
import rt.api.HealthCheck;
import rt.api.ResourceBroker;
import rt.api.Stage;
import rt.runtime.internal.broker.BudgetProbe;
import rt.runtime.internal.broker.GpuDevices;
import rt.runtime.internal.config.ConfigLoader;
import rt.runtime.internal.config.ConfigSchema;
import rt.runtime.internal.graph.StageGraph;

/**
 * {@code rt:doctor}: what the platform runs on and whether it can work. Exit 1 when any line is a PROBLEM (a stage
 * self-check, an unresolved bundle, a graph cycle, a bad rt.yaml), 0 otherwise.
 *
 * @param framework   lines about the framework and bundles, from the OSGi side
 * @param bundleIssues bundles that are not active, as PROBLEM lines
 */
public record DoctorCommand(List<Stage> stages, ResourceBroker broker, GpuDevices gpus, List<String> framework,
        List<String> bundleIssues, Map<String, String> env, Path cwd) {

    public int execute(PrintStream out) {
        int[] problems = {0};
        out.println("rt doctor");
        Runtime rt = Runtime.getRuntime();
        field(out, "java", System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + "), max heap "
                + rt.maxMemory() / (1024 * 1024) + " MB, " + rt.availableProcessors() + " cores");
        HotSpotDiagnosticMXBean vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
        field(out, "gc", collector(ManagementFactory.getGarbageCollectorMXBeans().stream()
                .map(GarbageCollectorMXBean::getName).toList(), option -> vm.getVMOption(option).getValue()));
        framework.forEach(l -> out.println("  " + l));
        bundleIssues.forEach(l -> check(out, problems, HealthCheck.problem("bundle", l)));
        field(out, "broker", broker.cpuBudget() + " cpu (cores - reserved), " + broker.gpuSlots() + " gpu slots, "
                + (broker.memoryBudgetMb() > 0 ? broker.memoryBudgetMb() + " MB heap for stage estimates"
                        : "heap not planned") + ", in use " + broker.cpuInUse() + " cpu / " + broker.gpuInUse()
                + " gpu / " + broker.memoryInUseMb() + " MB");
        gpuLines(out, problems);
        String cuda = BudgetProbe.cudaVersion();
        field(out, "cuda", cuda == null ? "not reported" : cuda);
        field(out, "stages", stages.size() + " installed");
        for (Stage s : stages) {
            out.printf("    - %s %s (%s, needs %s)%n", s.id(), s.version(), s.scope().name().toLowerCase(),
                    StagesTable.needs(s));
            List<HealthCheck> checks;
            try {
                checks = s.selfCheck();
            } catch (RuntimeException e) {
                checks = List.of(HealthCheck.problem("self-check", "threw " + e));
            }
            checks.forEach(c -> check(out, problems, c));
        }
        try {
            new StageGraph(stages).warnings().forEach(w -> check(out, problems, HealthCheck.warning("graph", w)));
        } catch (IllegalStateException e) {
            check(out, problems, HealthCheck.problem("graph", e.getMessage()));
        }
        checkConfig(out, problems);
        out.println(problems[0] == 0 ? "doctor: OK" : "doctor: " + problems[0] + " problem(s)");
        return problems[0] == 0 ? CommandExit.OK : CommandExit.SOME_FAILED;
    }

    /** The CUDA devices found and the device each broker GPU slot runs on. */
    private void gpuLines(PrintStream out, int[] problems) {
        List<GpuDevices.Device> devices = gpus.devices();
        field(out, "gpus", devices.isEmpty() ? "none found (nvidia-smi absent or lists no GPU, or "
                + "CUDA_VISIBLE_DEVICES hides them; GPU stages run on CPU)"
                : devices.size() + ": " + String.join("; ", devices.stream().map(d -> "cuda:" + d.ordinal() + " "
                        + d.name()).toList()));
        String cudaEnv = env.get("CUDA_VISIBLE_DEVICES");
        if (cudaEnv != null) {
            field(out, "cuda env", "CUDA_VISIBLE_DEVICES=" + cudaEnv + " (device numbers below are CUDA's, "
                    + "within this list)");
        }
        int slots = broker.gpuSlots();
        field(out, "gpu slots", slots == 0 ? "none (GPU stages run on CPU leases)"
                : String.join("; ", gpus.describeSlots(slots)));
        if (gpus.problem() != null) {
            check(out, problems, HealthCheck.warning("gpu_devices", gpus.problem()));
        }
        if (slots > 0 && devices.isEmpty()) {
            check(out, problems, HealthCheck.warning("gpu slots", slots + " configured but no CUDA device found; "
                    + "they run on device 0 if CUDA is present, else on CPU"));
        }
    }

    private void checkConfig(PrintStream out, int[] problems) {
        Path yaml = cwd.resolve("rt.yaml");
        boolean present = java.nio.file.Files.isRegularFile(yaml);
        try {
            new ConfigLoader(new ConfigSchema(stages), cwd).load(present ? yaml : null, env, Map.of());
            field(out, "config", present ? yaml + ": ok" : "no rt.yaml in " + cwd + " (defaults and RT_* only): ok");
        } catch (IllegalArgumentException e) {
            check(out, problems, HealthCheck.problem("config", e.getMessage()));
        }
    }

    /**
     * The collector by its beans' names, and for G1 where its concurrent marking starts, as the JVM has it
     * ({@code vmOption}: a flag's value by name): ./rt fixes it at 70 % of the heap (G1's adaptive threshold started a
     * cycle at nearly every large array radiomics allocates), so a run whose JVM options changed it shows here.
     */
    static String collector(List<String> beanNames, Function<String, String> vmOption) {
        String names = String.join(", ", beanNames);
        if (beanNames.stream().noneMatch(n -> n.startsWith("G1 "))) {
            return names;
        }
        String percent = vmOption.apply("InitiatingHeapOccupancyPercent");
        return "G1 (" + names + "), concurrent marking from "
                + (Boolean.parseBoolean(vmOption.apply("G1UseAdaptiveIHOP"))
                        ? "an adaptive threshold (first " + percent + " % of the heap)"
                        : percent + " % of the heap (fixed)");
    }

    private static void field(PrintStream out, String name, String value) {
        out.printf("  %-9s: %s%n", name, value);
    }

    private static void check(PrintStream out, int[] problems, HealthCheck c) {
        if (c.level() == HealthCheck.Level.PROBLEM) {
            problems[0]++;
        }
        out.printf("      %-7s %s: %s%n", c.level(), c.name(), c.detail());
    }
}
