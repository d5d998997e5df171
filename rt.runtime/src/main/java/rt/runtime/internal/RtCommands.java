package rt.runtime.internal;

import java.util.ArrayList;
import java.util.List;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Descriptor;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import rt.api.CommandExit;
import rt.api.ProgressListener;
import rt.api.ResourceBroker;
import rt.runtime.internal.broker.GpuDevices;
import rt.runtime.internal.cli.DoctorCommand;
import rt.runtime.internal.cli.RunArgs;
import rt.runtime.internal.cli.RunCommand;
import rt.runtime.internal.cli.StagesTable;
import rt.runtime.internal.cli.StatusTable;
import rt.runtime.internal.deploy.DeployGuard;

/**
 * The {@code rt:} Gogo commands. The interactive shell and the headless {@code ./rt} call these same methods; each
 * stores its exit code in the session variable {@link CommandExit#SESSION_VARIABLE}. Commands print rather than
 * return, because {@code gosh -c} does not print return values; they print to the session console, not System.out,
 * because a run's worker threads are not the session's thread (Gogo redirects System.out per thread).
 */
@Component(service = RtCommands.class, property = {"osgi.command.scope=rt", "osgi.command.function=run",
        "osgi.command.function=doctor", "osgi.command.function=stages", "osgi.command.function=status"})
public final class RtCommands {

    private final StageRegistry registry;
    private final ResourceBroker broker;
    private final BundleContext context;

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    private volatile List<ProgressListener> listeners = new ArrayList<>();

    /** rt.cluster, when installed: where a {@code --cluster} run sends its courses. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile rt.runtime.spi.CourseDistributor distributor;

    /** rt.cluster, when installed: what the cluster this runtime is in runs now. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile rt.runtime.spi.ClusterView clusterView;

    @Activate
    public RtCommands(@Reference StageRegistry registry, @Reference ResourceBroker broker, BundleContext context) {
        this.registry = registry;
        this.broker = broker;
        this.context = context;
    }

    @Descriptor("run the pipeline: " + RunArgs.USAGE)
    public void run(CommandSession session, @Descriptor("flags, see rt:run --help") String... args) throws Exception {
        session.put(CommandExit.SESSION_VARIABLE, CommandExit.OK);
        RunCommand cmd = new RunCommand(registry::stages, broker, () -> listeners, registry::onWithdrawn,
                System.getenv(), () -> distributor);
        try {
            session.put(CommandExit.SESSION_VARIABLE, cmd.execute(args, RunArgs.userDir(), session.getConsole()));
        } catch (IllegalArgumentException e) {
            // bad usage or configuration (found before the run, or when its courses are known): one line, exit 2
            session.getConsole().println("rt:run: " + e.getMessage());
            session.put(CommandExit.SESSION_VARIABLE, CommandExit.USAGE);
        }
    }

    @Descriptor("check Java, framework, bundles, stages, broker, GPUs and configuration")
    public void doctor(CommandSession session) {
        List<String> framework = new ArrayList<>();
        List<String> issues = new ArrayList<>();
        var guardRef = context.getServiceReference(DeployGuard.class);
        DeployGuard deployGuard = guardRef == null ? null : context.getService(guardRef);
        Bundle system = context.getBundle(0);
        framework.add(String.format("%-9s: %s %s", "framework", system.getSymbolicName(), system.getVersion()));
        int active = 0;
        List<String> idle = new ArrayList<>();
        for (Bundle b : context.getBundles()) {
            boolean fragment = b.getHeaders("").get("Fragment-Host") != null;
            if (b.getState() == Bundle.ACTIVE || (fragment && b.getState() == Bundle.RESOLVED)) {
                active++;
            } else if (b.getState() == Bundle.INSTALLED && deployGuard != null && deployGuard.isRefused(b)) {
                issues.add(b.getSymbolicName() + " " + b.getVersion() + " refused from deploy/: it carries code ("
                        + b.getLocation() + "; see -D" + DeployGuard.ALLOW_PROPERTY + ")");
            } else if (b.getState() == Bundle.INSTALLED) {
                issues.add(b.getSymbolicName() + " " + b.getVersion() + " is not resolved (missing imports)");
            } else {
                idle.add(b.getSymbolicName());
            }
        }
        if (guardRef != null) {
            context.ungetService(guardRef);
        }
        framework.add(String.format("%-9s: %d installed, %d active or attached fragments%s", "bundles",
                context.getBundles().length, active, idle.isEmpty() ? "" : ", not started: " + idle));
        GpuDevices gpus = broker instanceof BrokerComponent b ? b.gpuDevices() : GpuDevices.probe("");
        DoctorCommand doctor = new DoctorCommand(registry.stages(), broker, gpus, framework, issues, System.getenv(),
                RunArgs.userDir());
        session.put(CommandExit.SESSION_VARIABLE, doctor.execute(session.getConsole()));
    }

    @Descriptor("list the installed stages in run order")
    public void stages(CommandSession session) {
        session.put(CommandExit.SESSION_VARIABLE, CommandExit.OK);
        session.getConsole().print(StagesTable.render(registry.stages()));
    }

    @Descriptor("course x stage table of an output folder, from its .state files; then the cluster, when this "
            + "runtime is in one")
    public void status(CommandSession session, @Descriptor("output folder OUT") String out) throws Exception {
        session.put(CommandExit.SESSION_VARIABLE, CommandExit.OK);
        session.getConsole().print(StatusTable.render(RunArgs.userDir().resolve(out)));
        String cluster = clusterText();
        if (cluster != null) {
            session.getConsole().print("cluster " + cluster);
        }
    }

    @Descriptor("the cluster this runtime is in: members, budgets, what each runs, done/total tasks and ETA")
    public void status(CommandSession session) {
        session.put(CommandExit.SESSION_VARIABLE, CommandExit.OK);
        String cluster = clusterText();
        if (cluster == null) {
            session.getConsole().println("rt:status: this runtime is in no cluster now; rt:status OUT shows an output "
                    + "folder's course x stage table");
            session.put(CommandExit.SESSION_VARIABLE, CommandExit.USAGE);
        } else {
            session.getConsole().print("cluster " + cluster);
        }
    }

    private String clusterText() {
        rt.runtime.spi.ClusterView view = clusterView;
        return view == null ? null : view.statusText();
    }
}
