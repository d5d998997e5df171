package rt.cluster.internal;

import com.hazelcast.core.HazelcastInstance;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import rt.runtime.spi.CourseDistributor;
import rt.runtime.spi.CourseOutcome;
import rt.runtime.internal.run.StageTasks;
import rt.runtime.spi.DistributedRun;

/**
 * A run's starter and one worker as two Hazelcast members in this JVM (real TCP on 127.0.0.1, free ports): the worker
 * member and its {@link CourseWorker} start here; {@link #run} starts the starter's member and runs the courses.
 */
final class TwoMembers implements AutoCloseable {

    /** Hazelcast's INFO lines (members, partitions, health) would bury the output. */
    private static final java.util.logging.Logger HAZELCAST = java.util.logging.Logger.getLogger("com.hazelcast");

    static {
        HAZELCAST.setLevel(java.util.logging.Level.WARNING);
    }

    final HazelcastInstance workerHz;
    final CourseWorker worker;
    /** What the starter's rt:status shows of the cluster (while {@link #run} runs). */
    final ClusterPresence presence = new ClusterPresence();
    private final Map<String, Object> starterSettings;
    private final int starterPort;
    private final int workerPort;
    private final String name;
    private final int leaseSeconds;

    TwoMembers(String name, int leaseSeconds, StandIn workerRunner, PrintStream console) throws java.io.IOException {
        this.name = name;
        this.leaseSeconds = leaseSeconds;
        starterPort = freePort();
        workerPort = freePort();
        ClusterSettings ws = ClusterSettings.fromMap(Map.of("port", workerPort, "join", List.of("127.0.0.1:"
                + starterPort), "lease_s", leaseSeconds, "name", name), Map.of());
        starterSettings = Map.of("port", starterPort, "join", List.of("127.0.0.1:" + workerPort), "lease_s",
                leaseSeconds, "name", name);
        workerHz = Members.start(ws, "worker", workerRunner.cpuBudget(), workerRunner.gpuSlots());
        worker = new CourseWorker(workerHz, workerRunner, ws, workerRunner.cpuBudget(), console);
    }

    /** What the starter heard: each course's outcomes (one list per done task) and its log lines. */
    static final class Heard implements CourseDistributor.Listener {
        final Map<String, List<CourseOutcome>> outcomes = new ConcurrentHashMap<>();
        final List<String> log = new CopyOnWriteArrayList<>();
        /** When the starter said it queued the courses (its member is up and joined): System.nanoTime(). */
        volatile long queuedAt;

        @Override
        public void courseDone(List<CourseOutcome> list) {
            for (CourseOutcome o : list) {
                outcomes.merge(o.course() + " " + o.stage(), List.of(o), (a, b) -> {
                    throw new AssertionError("two results for " + o.course() + " " + o.stage());
                });
            }
        }

        @Override
        public void log(String message) {
            if (log.isEmpty()) {
                queuedAt = System.nanoTime();
            }
            log.add(message);
        }
    }

    /** Runs the courses with {@code starter} as the starting runtime (which takes tasks too); returns once all are done. */
    Heard run(StandIn starter, Path out, String runId, List<String> courses, List<String> stages) throws Exception {
        return run(starter, out, runId, courses, stages, new Heard());
    }

    /** As {@link #run(StandIn, Path, String, List, List)}, telling {@code heard} (which a test may watch meanwhile). */
    Heard run(StandIn starter, Path out, String runId, List<String> courses, List<String> stages, Heard heard)
            throws Exception {
        new ClusterDistributor(starter, presence).runCourses(new DistributedRun(runId, out, "outdir: x\n", courses,
                stages, Map.of(), StageTasks.after(starter.graph(), stages), starterSettings), heard);
        return heard;
    }

    /** A third member joining the starter and the worker (while a run goes on, say); closing it leaves. */
    final class Joined implements AutoCloseable {
        final HazelcastInstance hz;
        final CourseWorker worker;

        Joined(StandIn runner, PrintStream console) throws java.io.IOException {
            ClusterSettings s = ClusterSettings.fromMap(Map.of("port", freePort(), "join", List.of("127.0.0.1:"
                    + starterPort, "127.0.0.1:" + workerPort), "lease_s", leaseSeconds, "name", name), Map.of());
            hz = Members.start(s, "worker", runner.cpuBudget(), runner.gpuSlots());
            worker = new CourseWorker(hz, runner, s, runner.cpuBudget(), console);
        }

        @Override
        public void close() {
            try {
                worker.close();
            } finally {
                hz.shutdown();
            }
        }
    }

    @Override
    public void close() {
        try {
            worker.close();
        } finally {
            workerHz.shutdown();
        }
    }

    private static int freePort() throws java.io.IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
