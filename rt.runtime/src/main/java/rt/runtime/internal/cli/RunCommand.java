package rt.runtime.internal.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import rt.api.ProgressListener;
import rt.api.ResourceBroker;
import rt.api.Stage;
import rt.runtime.internal.broker.BudgetProbe;
import rt.runtime.internal.broker.BudgetControl;
import rt.runtime.internal.config.ConfigLoader;
import rt.runtime.internal.config.ConfigSchema;
import rt.runtime.internal.config.RunConfig;
import rt.runtime.internal.run.RunOptions;
import rt.runtime.internal.run.RunProgress;
import rt.runtime.internal.run.RunReport;
import rt.runtime.internal.run.RunScheduler;

/** {@code rt:run}: config, broker and scheduler for one run; returns the exit code. */
public final class RunCommand {

    /** Lets the caller learn about stages leaving during the run (OSGi dynamics). */
    public interface WithdrawalHook {
        AutoCloseable register(Consumer<String> onWithdrawn);
    }

    private final Supplier<List<Stage>> stages;
    private final ResourceBroker sharedBroker;
    private final Supplier<List<ProgressListener>> listeners;
    private final WithdrawalHook withdrawals;
    private final Map<String, String> env;
    private final Supplier<rt.runtime.spi.CourseDistributor> distributor;

    public RunCommand(Supplier<List<Stage>> stages, ResourceBroker sharedBroker,
            Supplier<List<ProgressListener>> listeners, WithdrawalHook withdrawals, Map<String, String> env) {
        this(stages, sharedBroker, listeners, withdrawals, env, () -> null);
    }

    /** {@code distributor}: the installed cluster support, or a supplier of null. */
    public RunCommand(Supplier<List<Stage>> stages, ResourceBroker sharedBroker,
            Supplier<List<ProgressListener>> listeners, WithdrawalHook withdrawals, Map<String, String> env,
            Supplier<rt.runtime.spi.CourseDistributor> distributor) {
        this.distributor = distributor;
        this.stages = stages;
        this.sharedBroker = sharedBroker;
        this.listeners = listeners;
        this.withdrawals = withdrawals;
        this.env = env;
    }

    public int execute(String[] args, Path cwd, PrintStream out) throws Exception {
        RunArgs parsed = RunArgs.parse(args, cwd);
        List<Stage> snapshot = stages.get();
        RunConfig config = new ConfigLoader(new ConfigSchema(snapshot), cwd).load(parsed.configFile, env,
                parsed.overrides);
        RunOptions options = RunOptions.from(config);
        PathGuard.check(options.dicomRoot(), options.outputRoot());
        try (BudgetControl.Handle budget = budgetFor(config)) {
            return execute(snapshot, options, sharedBroker, out);
        }
    }

    private int execute(List<Stage> snapshot, RunOptions options, ResourceBroker broker, PrintStream out)
            throws Exception {
        out.printf("rt run: %d stages, broker %d cpu / %d gpu, output %s%n", snapshot.size(), broker.cpuBudget(),
                broker.gpuSlots(), options.outputRoot());
        try (RunProgress progress = new RunProgress(out, options.cohortDir().resolve("run.log"), listeners)) {
            RunScheduler scheduler = new RunScheduler(broker, progress, distributor.get());
            try (AutoCloseable hook = withdrawals.register(scheduler::stageWithdrawn)) {
                RunReport report;
                try {
                    report = scheduler.run(snapshot, options);
                } catch (InterruptedException e) {
                    scheduler.cancel();
                    Thread.currentThread().interrupt();
                    out.println("run cancelled");
                    return rt.api.CommandExit.SOME_FAILED;
                }
                String summary = report.summary();
                out.print(summary);
                summary.lines().forEach(l -> progress.log(rt.api.LogLevel.DEBUG, null, null, l));
                return report.exitCode();
            }
        } catch (IOException e) {
            throw new IOException("cannot write to " + options.outputRoot() + ": " + e.getMessage(), e);
        }
    }

    /**
     * The run's own budget on the one broker (--workers, --gpu-slots, reserved_cores, heap_budget_mb), restored when
     * the handle closes;
     * null (nothing to restore) when the run keeps the broker's budget.
     */
    private BudgetControl.Handle budgetFor(RunConfig config) {
        int workers = config.globalInt("workers");
        int gpus = config.globalInt("gpu_slots");
        int reserved = config.globalInt("reserved_cores");
        int heapBudget = config.globalInt("heap_budget_mb");
        if (workers < 0) {
            throw new rt.runtime.internal.config.ConfigException("config key 'workers': must be >= 0, got " + workers);
        }
        if (heapBudget < -1) {
            throw new rt.runtime.internal.config.ConfigException(
                    "config key 'heap_budget_mb': must be >= 0, or -1 for the default, got " + heapBudget);
        }
        if (workers == 0 && gpus < 0 && reserved == 1 && heapBudget == -1) {
            return null;
        }
        if (!(sharedBroker instanceof BudgetControl control)) {
            throw new rt.runtime.internal.config.ConfigException("--workers/--gpu-slots/reserved_cores: the broker "
                    + sharedBroker.getClass().getSimpleName() + " has a fixed budget");
        }
        int cpu = workers > 0 ? workers : BudgetProbe.cpuBudget(reserved);
        return control.override(cpu, gpus >= 0 ? gpus : sharedBroker.gpuSlots(), heapBudget);
    }
}
