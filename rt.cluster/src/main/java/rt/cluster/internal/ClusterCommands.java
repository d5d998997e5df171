package rt.cluster.internal;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.core.HazelcastInstance;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Descriptor;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import rt.api.CommandExit;
import rt.runtime.spi.CourseRunner;

/**
 * {@code rt:worker} (join a cluster and run the tasks it hands out until stopped) and {@code rt:cluster status}
 * (members, their budgets, what each runs, the runs in progress with done/total tasks and ETA), in the shell and headless ({@code ./rt worker …}).
 */
@Component(service = ClusterCommands.class, property = {"osgi.command.scope=rt", "osgi.command.function=worker",
        "osgi.command.function=cluster"})
public final class ClusterCommands {

    static final String WORKER_USAGE = "rt:worker " + ClusterSettings.FLAGS + " [--workers N] [--gpu-slots N]";
    static final String STATUS_USAGE = "rt:cluster status " + ClusterSettings.FLAGS;

    private final CourseRunner runner;
    private final ClusterPresence presence;

    @Activate
    public ClusterCommands(@Reference CourseRunner runner, @Reference ClusterPresence presence) {
        this.runner = runner;
        this.presence = presence;
    }

    @Descriptor("join a cluster and run its tasks here until stopped: " + WORKER_USAGE)
    public void worker(CommandSession session, @Descriptor("flags") String... args) throws Exception {
        PrintStream console = session.getConsole();
        try {
            List<String> rest = new ArrayList<>();
            ClusterSettings settings = ClusterSettings.fromArgs(args, System.getenv(), rest);
            int workers = 0;
            int gpus = -1;
            for (int i = 0; i < rest.size(); i++) {
                switch (rest.get(i)) {
                case "--workers" -> workers = Integer.parseInt(valueAt(rest, ++i, "--workers"));
                case "--gpu-slots" -> gpus = Integer.parseInt(valueAt(rest, ++i, "--gpu-slots"));
                default -> throw new IllegalArgumentException("unknown option '" + rest.get(i) + "'; usage: "
                        + WORKER_USAGE);
                }
            }
            AutoCloseable budget = workers > 0 || gpus >= 0 ? runner.overrideBudget(
                    workers > 0 ? workers : runner.cpuBudget(), gpus >= 0 ? gpus : runner.gpuSlots()) : () -> { };
            try (budget) {
                HazelcastInstance hz = Members.start(settings, "worker", runner.cpuBudget(), runner.gpuSlots());
                Members.awaitSafe(hz, 30_000);
                // worker threads print to the process's stdout: Gogo redirects System.out per thread
                PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true);
                try (ClusterPresence.Shown shown = presence.enter(hz);
                        CourseWorker worker = new CourseWorker(hz, runner, settings, runner.cpuBudget(), out)) {
                    console.printf("rt worker: member %s of cluster '%s' (%d member(s)), %d cpu / %d gpu%n",
                            hz.getCluster().getLocalMember().getAddress(), settings.name(),
                            hz.getCluster().getMembers().size(), runner.cpuBudget(), runner.gpuSlots());
                    console.flush();
                    while (hz.getLifecycleService().isRunning()) {
                        Thread.sleep(500);
                    }
                } finally {
                    hz.shutdown();
                }
            }
            session.put(CommandExit.SESSION_VARIABLE, CommandExit.OK);
        } catch (IllegalArgumentException e) {
            console.println("rt:worker: " + e.getMessage());
            session.put(CommandExit.SESSION_VARIABLE, CommandExit.USAGE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            session.put(CommandExit.SESSION_VARIABLE, CommandExit.OK);
        }
    }

    @Descriptor("cluster members, their budgets and tasks, and runs in progress (done/total tasks, ETA): " + STATUS_USAGE)
    public void cluster(CommandSession session, @Descriptor("status, then flags") String... args) {
        PrintStream console = session.getConsole();
        if (args.length == 0 || !args[0].equals("status")) {
            console.println("rt:cluster: usage: " + STATUS_USAGE);
            session.put(CommandExit.SESSION_VARIABLE, CommandExit.USAGE);
            return;
        }
        ClusterSettings settings = null;
        try {
            List<String> rest = new ArrayList<>();
            settings = ClusterSettings.fromArgs(java.util.Arrays.copyOfRange(args, 1, args.length),
                    System.getenv(), rest);
            if (!rest.isEmpty()) {
                throw new IllegalArgumentException("unknown option '" + rest.get(0) + "'; usage: " + STATUS_USAGE);
            }
            if (settings.join().isEmpty()) {
                throw new IllegalArgumentException("--join HOST:PORT is required; usage: " + STATUS_USAGE);
            }
            HazelcastInstance client = connect(settings);
            try {
                console.print(ClusterStatus.text(client));
            } finally {
                client.shutdown();
            }
            session.put(CommandExit.SESSION_VARIABLE, CommandExit.OK);
        } catch (IllegalArgumentException e) {
            console.println("rt:cluster: " + e.getMessage());
            session.put(CommandExit.SESSION_VARIABLE, CommandExit.USAGE);
        } catch (RuntimeException e) {
            console.println("rt:cluster: cannot reach cluster '" + settings.name() + "' at " + settings.join() + ": "
                    + e.getMessage() + " (not running, another port, or another name or secret)");
            session.put(CommandExit.SESSION_VARIABLE, CommandExit.SOME_FAILED);
        }
    }

    /** A Hazelcast client, not a member: looking does not move partitions around. */
    private static HazelcastInstance connect(ClusterSettings s) {
        ClientConfig c = new ClientConfig();
        c.setClusterName(s.wireName());
        c.setProperty("hazelcast.logging.type", "jdk");
        c.setProperty("hazelcast.phone.home.enabled", "false");
        c.getNetworkConfig().setAddresses(s.join());
        c.getConnectionStrategyConfig().getConnectionRetryConfig().setClusterConnectTimeoutMillis(5_000);
        Thread t = Thread.currentThread();
        ClassLoader previous = t.getContextClassLoader();
        t.setContextClassLoader(HazelcastClient.class.getClassLoader());
        try {
            return HazelcastClient.newHazelcastClient(c);
        } finally {
            t.setContextClassLoader(previous);
        }
    }

    private static String valueAt(List<String> rest, int i, String flag) {
        if (i >= rest.size()) {
            throw new IllegalArgumentException(flag + " needs a value; usage: " + WORKER_USAGE);
        }
        return rest.get(i);
    }
}
