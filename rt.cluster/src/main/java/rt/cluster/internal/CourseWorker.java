package rt.cluster.internal;

import com.hazelcast.core.HazelcastInstance;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import rt.runtime.spi.CourseOutcome;
import rt.runtime.spi.CourseRunner;

/**
 * Takes courses from the cluster's queue and runs them here, as many at a time as this runtime has slots (each
 * course's stages then share the local broker: its cores, its GPUs). Each course is fenced by its claim's epoch.
 */
final class CourseWorker implements AutoCloseable {

    private final HazelcastInstance hz;
    private final CourseBoard board;
    private final CourseRunner runner;
    private final ClusterSettings settings;
    private final PrintStream console;
    private final String me;
    private final List<Thread> threads = new ArrayList<>();
    private final Set<String> running = ConcurrentHashMap.newKeySet();
    private final AtomicLong finished = new AtomicLong();
    private final Instant since = Instant.now();
    private volatile boolean closed;

    CourseWorker(HazelcastInstance hz, CourseRunner runner, ClusterSettings settings, int slots, PrintStream console) {
        this.hz = hz;
        this.board = new CourseBoard(hz);
        this.runner = runner;
        this.settings = settings;
        this.console = console;
        this.me = hz.getCluster().getLocalMember().getUuid().toString();
        for (int i = 0; i < Math.max(1, slots); i++) {
            Thread t = new Thread(this::loop, "rt-cluster-worker-" + (i + 1));
            t.setDaemon(true);
            threads.add(t);
        }
        publishStatus();
        threads.forEach(Thread::start);
    }

    private void loop() {
        while (!closed) {
            String task;
            try {
                task = board.queue().poll(500, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) { // the member is shutting down or cut off; try again unless closed
                if (!closed) {
                    sleepQuietly();
                }
                continue;
            }
            if (task != null) {
                try {
                    handle(task);
                } catch (RuntimeException e) {
                    // cut off from the cluster between taking and finishing: the starter's side re-queues the course
                    if (!closed) {
                        console.println("[cluster] " + CourseBoard.courseOf(task) + ": given up, the cluster is not "
                                + "reachable: " + e.getMessage());
                        sleepQuietly();
                    }
                }
            }
        }
    }

    private void handle(String task) {
        String runId = CourseBoard.runOf(task);
        String course = CourseBoard.courseOf(task);
        String ticketText = board.runs().get(runId);
        if (ticketText == null) {
            return; // the run is over (or was never published completely)
        }
        Ticket ticket = Ticket.decode(ticketText);
        if (!inView(ticket.starter())) {
            // this member does not see the run's starter: it was cut off (paused, network) and reads stale copies;
            // the starter's side of the cluster re-queues the course
            return;
        }
        long epoch = board.claim(task, me);
        Path out = settings.mapPath(ticket.outputRoot());
        running.add(course);
        publishStatus();
        long t0 = System.nanoTime();
        List<CourseOutcome> outcomes;
        boolean fencedBeforeStart = false;
        try {
            Fence fence = Fence.take(out, runId, course, epoch, me);
            if (fence == null) {
                fencedBeforeStart = true;
                outcomes = List.of();
            } else {
                console.println("[cluster] " + course + ": running here (claim " + epoch + ")");
                outcomes = runner.runCourse(out, ticket.configYaml(), course, ticket.stages(), fence, console);
                if (!fence.holds()) {
                    fencedBeforeStart = true; // the results may name fenced writes; the new owner reports
                }
            }
        } catch (Exception e) {
            String msg = e.getMessage() == null ? e.toString() : e.getMessage();
            outcomes = List.of(new CourseOutcome(course, ticket.stages().isEmpty() ? "cluster" : ticket.stages().get(0),
                    "FAILED", "on member " + hz.getCluster().getLocalMember().getAddress() + ": " + msg, false, false));
        } finally {
            running.remove(course);
        }
        boolean recorded = !fencedBeforeStart && board.complete(task, me, epoch, outcomes);
        if (recorded) {
            finished.incrementAndGet();
            console.printf("[cluster] %s: done here in %d ms%n", course, (System.nanoTime() - t0) / 1_000_000);
        } else {
            console.println("[cluster] " + course + ": result dropped, the course was given to another member "
                    + "(fenced at claim " + epoch + ")");
            // if the board still names this member, the lease was taken by a member cut off from the cluster:
            // queue the course again so that a member of the cluster computes it under a new claim
            try {
                board.requeue(task, me);
            } catch (RuntimeException e) {
                // cut off ourselves: the starter's side re-queues
            }
        }
        publishStatus();
    }

    private boolean inView(String member) {
        return hz.getCluster().getMembers().stream().anyMatch(m -> m.getUuid().toString().equals(member));
    }

    /** One line per member in {@code rt.members}: what {@code rt:cluster status} shows. */
    private void publishStatus() {
        try {
            double hours = Math.max(1e-9, (System.currentTimeMillis() - since.toEpochMilli()) / 3_600_000.0);
            board.members().put(me, String.format("%s cpu=%d gpu=%d slots=%d done=%d (%.1f courses/h) running=%s "
                    + "since=%s", hz.getCluster().getLocalMember().getAddress(), runner.cpuBudget(), runner.gpuSlots(),
                    threads.size(), finished.get(), finished.get() / hours, List.copyOf(running), since));
        } catch (RuntimeException e) {
            // status only; the member may be leaving
        }
    }

    private static void sleepQuietly() {
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        closed = true;
        for (Thread t : threads) {
            try {
                t.join(2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        try {
            board.members().delete(me);
        } catch (RuntimeException e) {
            // leaving anyway
        }
    }
}
