package rt.cluster.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.core.HazelcastInstance;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import rt.course.AtomicFiles;
import rt.runtime.spi.CourseDistributor;
import rt.runtime.spi.CourseOutcome;
import rt.runtime.spi.CourseRunner;
import rt.runtime.spi.DistributedRun;
import rt.testsupport.SurefireStyleSummary;

/**
 * Two Hazelcast members in this JVM: the run's starter ({@link ClusterDistributor}) and a worker. The runtime's side
 * ({@link CourseRunner}) is a stand-in that writes one output per course through {@link AtomicFiles} under the
 * fence it is given, as the real runtime's task runner does; the real one is exercised by tools/e2e/cluster_run.py.
 */
@ExtendWith(SurefireStyleSummary.class)
class ClusterRunTest {

    @TempDir
    Path out;

    /** Hazelcast's INFO lines (members, partitions, health) would bury the test's output. */
    private static final java.util.logging.Logger HAZELCAST = java.util.logging.Logger.getLogger("com.hazelcast");

    static {
        HAZELCAST.setLevel(java.util.logging.Level.WARNING);
    }

    /** Writes {@code <course>/owner.txt} = the member's name; optionally blocks in the first course it gets. */
    static final class StandIn implements CourseRunner {
        final String name;
        final boolean blockFirst;
        volatile String blocked;
        final CountDownLatch started = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final List<String> ran = new CopyOnWriteArrayList<>();
        final Map<String, String> failures = new ConcurrentHashMap<>();

        StandIn(String name, boolean blockFirst) {
            this.name = name;
            this.blockFirst = blockFirst;
        }

        @Override
        public List<CourseOutcome> runCourse(Path outputRoot, String configYaml, String course, List<String> stages,
                AtomicFiles.Guard guard, PrintStream console) throws Exception {
            ran.add(course);
            if (blockFirst && ran.size() == 1) {
                blocked = course;
                started.countDown();
                release.await(60, TimeUnit.SECONDS);
            }
            try {
                AtomicFiles.guarded(guard, () -> {
                    AtomicFiles.writeString(outputRoot.resolve(course).resolve("owner.txt"), name);
                    return null;
                });
            } catch (java.io.IOException e) {
                failures.put(course, e.getMessage());
                return List.of(new CourseOutcome(course, "s", "FAILED", e.getMessage(), false, false));
            }
            return List.of(new CourseOutcome(course, "s", "OK", null, false, false));
        }

        @Override
        public int cpuBudget() {
            return 1;
        }

        @Override
        public int gpuSlots() {
            return 0;
        }

        @Override
        public AutoCloseable overrideBudget(int cpuCores, int gpuSlots) {
            return () -> { };
        }
    }

    @Test
    void aLostMembersCourseIsRequeuedAndItsLateWriteIsFenced() throws Exception {
        int starterPort = freePort();
        int workerPort = freePort();
        List<String> courses = List.of("P1/C1", "P2/C1", "P3/C1", "P4/C1");
        StandIn worker = new StandIn("worker", true);
        StandIn starter = new StandIn("starter", false);
        ClusterSettings workerSettings = ClusterSettings.fromMap(Map.of("port", workerPort, "join",
                List.of("127.0.0.1:" + starterPort), "lease_s", 3, "name", "test"), Map.of());
        HazelcastInstance hz = Members.start(workerSettings, "worker", 1, 0);
        CourseWorker work = new CourseWorker(hz, worker, workerSettings, 1, System.out);
        Map<String, Object> settings = Map.of("port", starterPort, "join", List.of("127.0.0.1:" + workerPort),
                "lease_s", 3, "name", "test");
        Map<String, List<CourseOutcome>> outcomes = new ConcurrentHashMap<>();
        List<String> log = new CopyOnWriteArrayList<>();
        StringBuffer status = new StringBuffer();
        Thread killer = new Thread(() -> {
            try {
                if (worker.started.await(60, TimeUnit.SECONDS)) {
                    Thread.sleep(300); // the worker's status line names the course once it is running
                    status.append(ClusterCommands.statusText(hz));
                    hz.getLifecycleService().terminate(); // as kill -9 looks to the others: no goodbye
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        killer.start();
        try {
            new ClusterDistributor(starter).runCourses(new DistributedRun("run-1", out, "outdir: x\n", courses,
                    List.of("s"), settings), new CourseDistributor.Listener() {
                        @Override
                        public void courseDone(List<CourseOutcome> list) {
                            list.forEach(o -> outcomes.merge(o.course(), List.of(o), (a, b) -> {
                                throw new AssertionError("two results for " + o.course());
                            }));
                        }

                        @Override
                        public void log(String message) {
                            log.add(message);
                        }
                    });
            assertEquals(courses.size(), outcomes.size(), "one result per course: " + outcomes);
            outcomes.values().forEach(l -> assertEquals("OK", l.get(0).status(), l.toString()));
            String lost = worker.blocked;
            // what rt:cluster status showed while the worker ran it
            assertTrue(status.toString().startsWith("members: 2\n"), status.toString());
            assertTrue(status.toString().contains(" worker   cpu=1 gpu=0 slots=1 done=0 (0.0 courses/h) running=["
                    + lost + "]"), status.toString());
            assertTrue(status.toString().contains(" starter  cpu=1 gpu=0 slots=1 "), status.toString());
            assertTrue(status.toString().matches("(?s).*run run-1: \\d course\\(s\\) done, [1-4] running\n.*"),
                    status.toString());
            assertTrue(log.contains("cluster: " + lost + " re-queued (its member is gone)"), log.toString());
            assertTrue(starter.ran.contains(lost));
            assertEquals("starter", Files.readString(out.resolve(lost).resolve("owner.txt")));
            // the lost member wakes up and finishes its copy of the course: the fence refuses its rename
            worker.release.countDown();
            long end = System.currentTimeMillis() + 10_000;
            while (!worker.failures.containsKey(lost) && System.currentTimeMillis() < end) {
                Thread.sleep(20);
            }
            assertTrue(worker.failures.getOrDefault(lost, "").startsWith("fenced: course " + lost),
                    worker.failures.toString());
            assertEquals("starter", Files.readString(out.resolve(lost).resolve("owner.txt")), "the newer output stays");
        } finally {
            worker.release.countDown();
            work.close();
            killer.join();
        }
    }

    private static int freePort() throws java.io.IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
