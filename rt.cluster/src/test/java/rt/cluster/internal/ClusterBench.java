package rt.cluster.internal;

import com.hazelcast.core.HazelcastInstance;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import rt.course.AtomicFiles;
import rt.runtime.spi.CourseDistributor;
import rt.runtime.spi.CourseOutcome;
import rt.runtime.spi.CourseRunner;
import rt.runtime.spi.DistributedRun;

/**
 * Cluster overhead per course task: a starter and one worker member in this JVM (real Hazelcast over TCP on
 * 127.0.0.1) run N courses whose work is one fenced 10-byte output each, so nearly all the time is the cluster's:
 * queue, claim (lock, get, put, unlock), lease file, fence check, completion, and the starter's polling. Prints the
 * wall time per course and the courses each member took. Run: {@code java -cp … rt.cluster.internal.ClusterBench
 * [courses]} (the test classpath of rt.cluster).
 */
public final class ClusterBench {

    private ClusterBench() {
    }

    public static void main(String[] args) throws Exception {
        java.util.logging.Logger hazelcast = java.util.logging.Logger.getLogger("com.hazelcast");
        hazelcast.setLevel(java.util.logging.Level.WARNING);
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 500;
        Path out = Files.createTempDirectory("cluster-bench-");
        int starterPort = freePort();
        int workerPort = freePort();
        Counting worker = new Counting();
        Counting starter = new Counting();
        ClusterSettings ws = ClusterSettings.fromMap(Map.of("port", workerPort, "join", List.of("127.0.0.1:"
                + starterPort), "name", "bench"), Map.of());
        HazelcastInstance hz = Members.start(ws, "worker", 1, 0);
        List<String> courses = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            courses.add(String.format("P%04d/C1", i));
        }
        PrintStream quiet = new PrintStream(java.io.OutputStream.nullOutputStream());
        try (CourseWorker w = new CourseWorker(hz, worker, ws, 1, quiet)) {
            long t0 = System.nanoTime();
            AtomicInteger done = new AtomicInteger();
            new ClusterDistributor(starter).runCourses(new DistributedRun("bench", out, "outdir: x\n", courses,
                    List.of("s"), Map.of("port", starterPort, "join", List.of("127.0.0.1:" + workerPort), "name",
                            "bench")), new CourseDistributor.Listener() {
                                @Override
                                public void courseDone(List<CourseOutcome> outcomes) {
                                    done.incrementAndGet();
                                }

                                @Override
                                public void log(String message) {
                                }
                            });
            double ms = (System.nanoTime() - t0) / 1e6;
            System.out.printf("%d courses in %.0f ms (member start and join included): %.2f ms per course task; "
                    + "starter took %d, worker took %d; %d results%n", n, ms, ms / n, starter.count.get(),
                    worker.count.get(), done.get());
        } finally {
            hz.shutdown();
        }
    }

    /** A course that writes one small output through the fence, as the real runner's stages do. */
    static final class Counting implements CourseRunner {
        final AtomicInteger count = new AtomicInteger();

        @Override
        public List<CourseOutcome> runCourse(Path outputRoot, String configYaml, String course, List<String> stages,
                AtomicFiles.Guard guard, PrintStream console) throws Exception {
            count.incrementAndGet();
            AtomicFiles.guarded(guard, () -> {
                AtomicFiles.writeString(outputRoot.resolve(course).resolve("out.txt"), "0123456789");
                return null;
            });
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

    private static int freePort() throws java.io.IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
