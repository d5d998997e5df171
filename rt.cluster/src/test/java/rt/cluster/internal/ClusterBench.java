package rt.cluster.internal;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import rt.cluster.internal.StandIn.FakeStage;

/**
 * Cluster overhead per (course, stage) task: a starter and one worker member in this JVM ({@link TwoMembers}: real
 * Hazelcast over TCP on 127.0.0.1) run N courses whose stages each write one fenced 10-byte output, so nearly all the
 * time is the cluster's: queue, claim (lock, done check, get, put, unlock), lease file, the prerequisites' outcomes,
 * fence check, completion, the result event and the starter queueing the dependents. Three set-ups: one stage per
 * course; three stages per course, two of them independent of each other (no member with a GPU); and a worker with a
 * GPU slot that takes the GPU stage of every course, then a CPU stage after it. Prints the wall time per task and what
 * each member took. Run: {@code java -cp … rt.cluster.internal.ClusterBench [courses]} (the test classpath of
 * rt.cluster: its test and main classes, those of rt.runtime, rt.api, rt.course and rt.testsupport, Hazelcast 5.5.0,
 * SnakeYAML, Jackson, osgi.core).
 */
public final class ClusterBench {

    private ClusterBench() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 500;
        List<String> courses = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            courses.add(String.format("P%04d/C1", i));
        }
        FakeStage s = new FakeStage("s", 0, 0);
        bench("warm-up", courses.subList(0, Math.min(100, n)), 0, List.of("s"), s);
        bench("one stage per course (no GPU member)", courses, 0, List.of("s"), s);
        FakeStage a = new FakeStage("a", 0, 0);
        FakeStage b = new FakeStage("b", 0, 0, "a");
        FakeStage c = new FakeStage("c", 0, 0, "a");
        bench("a, then b and c at once (no GPU member)", courses, 0, List.of("a", "b", "c"), a, b, c);
        FakeStage seg = new FakeStage("seg", 1, 0);
        FakeStage m = new FakeStage("m", 0, 0, "seg");
        bench("seg on the GPU worker, then m (worker with a GPU slot)", courses, 1, List.of("seg", "m"), seg, m);
    }

    /** The console of the starter's worker goes to stdout (as in a run); the figures go to stderr. */
    private static void bench(String what, List<String> courses, int workerGpu, List<String> stages,
            FakeStage... fakes) throws Exception {
        Path out = Files.createTempDirectory("cluster-bench-");
        PrintStream quiet = new PrintStream(java.io.OutputStream.nullOutputStream());
        StandIn worker = new StandIn("worker", workerGpu, false, fakes);
        StandIn starter = new StandIn("starter", 0, false, fakes);
        try (TwoMembers cluster = new TwoMembers("bench", 10, worker, quiet)) {
            long t0 = System.nanoTime();
            TwoMembers.Heard heard = cluster.run(starter, out, "bench-" + workerGpu, courses, stages);
            long t1 = System.nanoTime();
            double ms = (t1 - t0) / 1e6;
            double queued = (t1 - heard.queuedAt) / 1e6;
            int tasks = worker.courses.size() + starter.courses.size();
            System.err.printf("%s: %d courses, %d tasks in %.0f ms, %.0f ms of it after the starter joined and queued "
                    + "them: %.2f ms per task (%.2f with the start); starter took %d, worker took %d; %d stage results%n",
                    what, courses.size(), tasks, ms, queued, queued / tasks, ms / tasks, starter.courses.size(),
                    worker.courses.size(), heard.outcomes.size());
        }
    }
}
