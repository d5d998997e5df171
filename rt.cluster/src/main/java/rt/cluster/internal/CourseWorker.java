package rt.cluster.internal;

import com.hazelcast.core.HazelcastInstance;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import rt.runtime.spi.CourseOutcome;
import rt.runtime.spi.CourseRunner;

/**
 * Takes tasks from the cluster's queues and runs them here, as many at a time as this runtime has slots (each task's
 * stages then share the local broker: its cores, its GPUs). A member with GPU slots takes GPU tasks first, up to two
 * per slot (one on the GPU, one preparing or waiting for it), and common tasks with its other slots; a member without
 * takes only common tasks. Each task is fenced by its claim's epoch.
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
    /** GPU tasks this member may hold at once; none without GPU slots. */
    private final Semaphore gpuTasks;
    private final Instant since = Instant.now();
    private volatile boolean closed;

    CourseWorker(HazelcastInstance hz, CourseRunner runner, ClusterSettings settings, int slots, PrintStream console) {
        this.hz = hz;
        this.board = new CourseBoard(hz);
        this.runner = runner;
        this.settings = settings;
        this.console = console;
        this.me = hz.getCluster().getLocalMember().getUuid().toString();
        this.gpuTasks = new Semaphore(2 * Math.max(0, runner.gpuSlots()));
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
            String task = null;
            boolean gpu = gpuTasks.tryAcquire();
            try {
                if (gpu) {
                    task = board.gpuQueue().poll();
                }
                if (task == null) {
                    if (gpu) {
                        gpuTasks.release();
                        gpu = false;
                    }
                    task = board.queue().poll(gpuTasks.availablePermits() > 0 ? 250 : 500, TimeUnit.MILLISECONDS);
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) { // the member is shutting down or cut off; try again unless closed
                if (gpu) {
                    gpuTasks.release();
                }
                if (!closed) {
                    sleepQuietly();
                }
                continue;
            }
            if (task != null) {
                try {
                    handle(task);
                } catch (RuntimeException e) {
                    // cut off from the cluster between taking and finishing: the starter's side re-queues the task
                    if (!closed) {
                        console.println("[cluster] " + Task.parse(task).label() + ": given up, the cluster is not "
                                + "reachable: " + e.getMessage());
                        sleepQuietly();
                    }
                } finally {
                    if (gpu) {
                        gpuTasks.release();
                    }
                }
            }
        }
    }

    private void handle(String key) {
        Task task = Task.parse(key);
        String ticketText = board.runs().get(task.runId());
        if (ticketText == null) {
            return; // the run is over (or was never published completely)
        }
        Ticket ticket = Ticket.decode(ticketText);
        if (!inView(ticket.starter())) {
            // this member does not see the run's starter: it was cut off (paused, network) and reads stale copies;
            // the starter's side of the cluster re-queues the task
            return;
        }
        long epoch = board.claim(key, me);
        if (epoch == 0) {
            return; // done already: a second queue entry of it
        }
        Path out = settings.mapPath(ticket.outputRoot());
        String course = task.course();
        running.add(task.label());
        publishStatus();
        long t0 = System.nanoTime();
        List<String> stages = task.kind() == Task.Kind.GPU ? List.of() : task.stages();
        List<CourseOutcome> outcomes;
        boolean fencedBeforeStart = false;
        try {
            Fence fence = Fence.take(out, task.runId(), task.fenceKey(), epoch, me);
            if (fence == null) {
                fencedBeforeStart = true;
                outcomes = List.of();
            } else {
                if (task.kind() == Task.Kind.GPU) {
                    stages = runner.gpuStages(out, course, task.stages());
                }
                if (stages.isEmpty()) {
                    outcomes = List.of(); // no stage of this course asks for a GPU here: its rest task runs them all
                } else {
                    console.println("[cluster] " + task.label() + ": running here (claim " + epoch
                            + (task.kind() == Task.Kind.ALL ? "" : ", stages " + String.join(" ", stages)) + ")");
                    outcomes = runner.runCourse(out, ticket.configYaml(), course, stages, upstream(task, ticket),
                            fence, console);
                }
                if (!fence.holds()) {
                    fencedBeforeStart = true; // the results may name fenced writes; the new owner reports
                }
            }
        } catch (Exception e) {
            String msg = "on member " + hz.getCluster().getLocalMember().getAddress() + ": "
                    + (e.getMessage() == null ? e.toString() : e.getMessage());
            // every stage the task was to run fails with the reason (a GPU task whose part is unknown: none, and its
            // rest task runs them all)
            outcomes = stages.stream().map(s -> new CourseOutcome(course, s, "FAILED", msg, false, false)).toList();
            if (outcomes.isEmpty() && task.kind() != Task.Kind.GPU) {
                outcomes = List.of(new CourseOutcome(course, "cluster", "FAILED", msg, false, false));
            }
        } finally {
            running.remove(task.label());
        }
        boolean recorded = !fencedBeforeStart && board.complete(key, me, epoch, stages, outcomes);
        if (recorded) {
            finished.incrementAndGet();
            console.printf("[cluster] %s: done here in %d ms%n", task.label(), (System.nanoTime() - t0) / 1_000_000);
        } else {
            console.println("[cluster] " + task.label() + ": result dropped, the task was given to another member "
                    + "(fenced at claim " + epoch + ")");
            // if the board still names this member, the lease was taken by a member cut off from the cluster:
            // queue the task again so that a member of the cluster computes it under a new claim
            try {
                board.requeue(key, me);
            } catch (RuntimeException e) {
                // cut off ourselves: the starter's side re-queues
            }
        }
        publishStatus();
    }

    /** For the rest of a course: how its GPU part ended (on another member, in this run); else nothing. */
    private List<CourseOutcome> upstream(Task task, Ticket ticket) {
        if (task.kind() != Task.Kind.REST) {
            return List.of();
        }
        String gpuPart = board.done().get(new Task(task.runId(), task.course(), Task.Kind.GPU, ticket.stages()).key());
        return gpuPart == null ? List.of() : CourseBoard.Result.decode(gpuPart).outcomes();
    }

    private boolean inView(String member) {
        return hz.getCluster().getMembers().stream().anyMatch(m -> m.getUuid().toString().equals(member));
    }

    /** One line per member in {@code rt.members}: what {@code rt:cluster status} shows. */
    private void publishStatus() {
        try {
            double hours = Math.max(1e-9, (System.currentTimeMillis() - since.toEpochMilli()) / 3_600_000.0);
            board.members().put(me, String.format("%s cpu=%d gpu=%d slots=%d done=%d (%.1f tasks/h) running=%s "
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
