package rt.cluster.internal;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.listener.EntryAddedListener;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import rt.runtime.spi.CourseOutcome;
import rt.runtime.spi.CourseRunner;

/**
 * Takes (course, stage) tasks from the cluster's queues and runs them here, as many at a time as this runtime has slots
 * (the tasks then share the local broker: its cores, its GPUs). A member with GPU slots says, for every run it sees
 * (also one going when it joins), which of the run's stages ask it for a GPU, so that their tasks are queued for it; it
 * takes GPU tasks first, up to two per slot (one on the GPU, one preparing or waiting for it), and common tasks with
 * its other slots; a member without takes only common tasks. Of the common tasks, those that carry on a course already
 * started come before the first stages of courses not started yet. Each task is fenced by its claim's epoch.
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
    /** Where a member with GPU slots works out each run's GPU stages (reading the run's manifest), off Hazelcast's threads. */
    private final ExecutorService declaring;
    private final UUID runsListener;
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
        if (runner.gpuSlots() > 0) {
            declaring = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "rt-cluster-gpu-stages");
                t.setDaemon(true);
                return t;
            });
            runsListener = board.runs().addEntryListener((EntryAddedListener<String, String>) e -> declaring.execute(
                    () -> declareGpuStages(e.getKey(), e.getValue())), true);
            for (Map.Entry<String, String> run : board.runs().entrySet()) { // runs going before this member joined
                declaring.execute(() -> declareGpuStages(run.getKey(), run.getValue()));
            }
        } else {
            declaring = null;
            runsListener = null;
        }
        threads.forEach(Thread::start);
    }

    /** Tells the run's starter which of its stages ask this member's broker for a GPU (none when it cannot tell). */
    private void declareGpuStages(String runId, String ticketText) {
        List<String> stages = List.of();
        try {
            Ticket ticket = Ticket.decode(ticketText);
            stages = runner.gpuStages(settings.mapPath(ticket.outputRoot()), ticket.stages());
        } catch (Exception e) {
            console.println("[cluster] run " + runId + ": cannot tell which stages ask for a GPU here, so none is "
                    + "sent here as a GPU task: " + e.getMessage());
        }
        try {
            board.declareGpuStages(runId, me, stages);
        } catch (RuntimeException e) {
            // leaving the cluster
        }
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
                    // a course already started goes on before another one starts, as on one machine
                    task = board.queue().poll();
                    if (task == null) {
                        task = board.firstQueue().poll();
                    }
                    if (task == null) {
                        task = board.queue().poll(gpuTasks.availablePermits() > 0 ? 250 : 500, TimeUnit.MILLISECONDS);
                    }
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
        List<String> stages = List.of(task.stage());
        running.add(task.label());
        publishStatus();
        long t0 = System.nanoTime();
        List<CourseOutcome> outcomes;
        boolean fenced = false;
        try {
            Fence fence = Fence.take(out, task.runId(), task.fenceKey(), epoch, me);
            if (fence == null) {
                fenced = true;
                outcomes = List.of();
            } else {
                console.println("[cluster] " + task.label() + ": running here (claim " + epoch + ")");
                outcomes = runner.runCourse(out, ticket.configYaml(), course, stages, upstream(task, ticket), fence,
                        console);
                if (!fence.holds()) {
                    fenced = true; // the results may name fenced writes; the new owner reports
                }
            }
        } catch (Exception e) {
            String msg = "on member " + hz.getCluster().getLocalMember().getAddress() + ": "
                    + (e.getMessage() == null ? e.toString() : e.getMessage());
            outcomes = List.of(new CourseOutcome(course, task.stage(), "FAILED", msg, false, false));
        } finally {
            running.remove(task.label());
        }
        boolean recorded = !fenced && board.complete(key, me, epoch, outcomes);
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

    /**
     * How the course's other stages of this run that are done ended (on any member): a stage after one that failed
     * or was skipped is skipped with the reason a single run gives, whatever an earlier run's state file says.
     */
    private List<CourseOutcome> upstream(Task task, Ticket ticket) {
        List<String> keys = ticket.stages().stream().filter(s -> !s.equals(task.stage()))
                .map(s -> new Task(task.runId(), task.course(), s).key()).toList();
        if (keys.isEmpty()) {
            return List.of();
        }
        List<CourseOutcome> out = new ArrayList<>();
        board.done().getAll(new java.util.HashSet<>(keys)).values().forEach(v -> out.addAll(CourseBoard.decode(v)));
        return out;
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
        if (declaring != null) {
            declaring.shutdownNow();
            try {
                board.runs().removeEntryListener(runsListener);
            } catch (RuntimeException e) {
                // leaving anyway
            }
        }
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
