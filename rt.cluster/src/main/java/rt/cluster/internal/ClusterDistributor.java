package rt.cluster.internal;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.listener.EntryAddedListener;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import rt.runtime.spi.CourseDistributor;
import rt.runtime.spi.CourseRunner;
import rt.runtime.spi.DistributedRun;

/**
 * The runtime that starts a {@code --cluster} run: joins the cluster for the run's course phase, publishes the run and
 * queues its (course, stage) {@linkplain Task tasks}, each once the stages it runs after are done for its course (a
 * stage that asks a member with GPU slots for a GPU on the GPU queue while such a member is alive, also one that joined
 * during the run), takes tasks itself like any member, re-queues the tasks of members Hazelcast declares gone, and
 * returns once every task is done. Nothing of Hazelcast starts before a run asks for it.
 */
@Component(service = CourseDistributor.class)
public final class ClusterDistributor implements CourseDistributor {

    /** How long to wait for a result before looking at members, GPU declarations and lost tasks anyway. */
    private static final long POLL_MS = 200;
    /** How often every pending task is looked at (results missed, lost claims and queue entries). */
    private static final long SCAN_MS = 1_000;
    /** Scans a task may be unclaimed and missing from the queues before it is queued again. */
    private static final int LOST_SCANS = 3;
    /** How long the start waits for the members with GPU slots to say which stages ask them for a GPU. */
    private static final long DECLARE_MS = 15_000;

    private final CourseRunner runner;
    private final ClusterPresence presence;

    @Activate
    public ClusterDistributor(@Reference CourseRunner runner, @Reference ClusterPresence presence) {
        this.runner = runner;
        this.presence = presence;
    }

    @Override
    public List<String> validate(Map<String, Object> clusterSettings) {
        try {
            ClusterSettings.fromMap(clusterSettings, System.getenv());
            return List.of();
        } catch (IllegalArgumentException e) {
            return List.of(e.getMessage());
        }
    }

    @Override
    public void runCourses(DistributedRun run, Listener listener) throws IOException, InterruptedException {
        ClusterSettings settings;
        try {
            settings = ClusterSettings.fromMap(run.clusterSettings(), System.getenv());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--cluster: " + e.getMessage(), e);
        }
        HazelcastInstance hz = Members.start(settings, "starter", runner.cpuBudget(), runner.gpuSlots());
        Members.awaitSafe(hz, 30_000);
        CourseBoard board = new CourseBoard(hz);
        PrintStream console = new PrintStream(new FileOutputStream(FileDescriptor.out), true);
        Set<String> tasks = new LinkedHashSet<>();
        BlockingQueue<Map.Entry<String, String>> results = new LinkedBlockingQueue<>();
        UUID listening = null;
        try (ClusterPresence.Shown shown = presence.enter(hz);
                CourseWorker worker = new CourseWorker(hz, runner, settings, runner.cpuBudget(), console)) {
            // results are pushed as members record them, so a dependent stage is queued at once, not at the next poll
            listening = board.done().addEntryListener((EntryAddedListener<String, String>) e -> {
                if (Task.runOf(e.getKey()).equals(run.runId())) {
                    results.add(Map.entry(e.getKey(), e.getValue()));
                }
            }, true);
            String ticket = new Ticket(hz.getCluster().getLocalMember().getUuid().toString(), run.outputRoot(),
                    run.stages(), run.configYaml()).encode();
            board.runs().put(run.runId(), ticket);
            Schedule schedule = new Schedule(run, board);
            schedule.awaitGpuDeclarations();
            listener.log("cluster '" + settings.name() + "': " + hz.getCluster().getMembers().size() + " member(s), "
                    + run.courses().size() + " courses queued as " + schedule.total + " (course, stage) tasks; "
                    + schedule.gpuText());
            schedule.start(tasks);
            await(run, ticket, board, hz, listener, schedule, tasks, results);
        } finally {
            try {
                if (listening != null) {
                    board.done().removeEntryListener(listening);
                }
                board.clear(run.runId(), tasks);
            } finally {
                hz.shutdown();
            }
        }
    }

    /**
     * The run's tasks as the starter sees them: for each course, the stages not yet queued and those done; a stage is
     * queued once the stages it runs after that its course runs are done. Routes each task to the GPU queue when its
     * stage asks a live member with GPU slots for a GPU, and publishes the done/total count for status and ETA.
     */
    private static final class Schedule {
        private final DistributedRun run;
        private final CourseBoard board;
        private final Map<String, Set<String>> waiting = new HashMap<>();
        private final Map<String, Set<String>> doneStages = new HashMap<>();
        private final long started = System.currentTimeMillis();
        /** Member uuid → the run's stages that ask it for a GPU (live members with GPU slots that declared). */
        private Map<String, Set<String>> declared = Map.of();
        private Set<String> gpuStages = Set.of();
        final int total;
        int done;

        Schedule(DistributedRun run, CourseBoard board) {
            this.run = run;
            this.board = board;
            int n = 0;
            for (String course : run.courses()) {
                waiting.put(course, new LinkedHashSet<>(run.stagesOf(course)));
                doneStages.put(course, new HashSet<>());
                n += run.stagesOf(course).size();
            }
            total = n;
        }

        /** Until every live member with GPU slots has declared its GPU stages (or a while has passed). */
        void awaitGpuDeclarations() throws InterruptedException {
            long end = System.currentTimeMillis() + DECLARE_MS;
            while (true) {
                refreshGpuStages();
                long gpuMembers = board.cluster().getMembers().stream().filter(m -> Members.gpuSlots(m) > 0)
                        .count();
                if (declared.size() >= gpuMembers || System.currentTimeMillis() > end) {
                    return;
                }
                Thread.sleep(20);
            }
        }

        /** Reads the declarations; returns the stages that became GPU stages now. */
        Set<String> refreshGpuStages() {
            declared = board.declaredGpuStages(run.runId());
            Set<String> now = declared.values().stream().flatMap(Set::stream).collect(Collectors.toSet());
            Set<String> added = new TreeSet<>(now);
            added.removeAll(gpuStages);
            gpuStages = now;
            return added;
        }

        String gpuText() {
            if (declared.isEmpty()) {
                return "no member has GPU slots: every task on the common queue";
            }
            return gpuStages.isEmpty() ? declared.size() + " member(s) with GPU slots, no stage asks them for a GPU: "
                    + "every task on the common queue" : "GPU stages " + new TreeSet<>(gpuStages)
                            + " to members with GPU slots";
        }

        boolean gpu(String stage) {
            return gpuStages.contains(stage);
        }

        /** Queues the first stages of every course, in the run's order (shortest courses first). */
        void start(Set<String> tasks) {
            for (String course : run.courses()) {
                queueReady(course, tasks, true);
            }
            publish();
        }

        /** A task is done: its course's dependents that may start now are queued (and added to {@code tasks}). */
        void done(Task task, Set<String> tasks) {
            doneStages.get(task.course()).add(task.stage());
            done++;
            queueReady(task.course(), tasks, false);
        }

        /** Queues the course's waiting stages whose prerequisites are done; adds their keys to {@code tasks}. */
        private void queueReady(String course, Set<String> tasks, boolean first) {
            Set<String> ready = new LinkedHashSet<>();
            List<String> stagesOfCourse = run.stagesOf(course);
            for (String stage : waiting.get(course)) {
                if (run.after(stage).stream().allMatch(a -> !stagesOfCourse.contains(a)
                        || doneStages.get(course).contains(a))) {
                    ready.add(stage);
                }
            }
            for (String stage : ready) {
                waiting.get(course).remove(stage);
                String key = new Task(run.runId(), course, stage).key();
                tasks.add(key);
                if (first) {
                    board.offerFirst(key, gpu(stage));
                } else {
                    board.offer(key, gpu(stage));
                }
            }
        }

        boolean finished() {
            return done >= total;
        }

        void publish() {
            board.progress().set(run.runId(), done + " " + total + " " + started);
        }
    }

    private void await(DistributedRun run, String ticket, CourseBoard board, HazelcastInstance hz, Listener listener,
            Schedule schedule, Set<String> tasks, BlockingQueue<Map.Entry<String, String>> results)
            throws InterruptedException {
        Set<String> pending = new LinkedHashSet<>(tasks);
        Map<String, Integer> unseen = new HashMap<>();
        Set<String> alive = uuids(hz);
        long nextScan = System.currentTimeMillis() + SCAN_MS;
        while (!schedule.finished()) {
            Map<String, String> done = new HashMap<>();
            Map.Entry<String, String> first = results.poll(POLL_MS, TimeUnit.MILLISECONDS);
            if (first != null) {
                done.put(first.getKey(), first.getValue());
                List<Map.Entry<String, String>> more = new java.util.ArrayList<>();
                results.drainTo(more);
                more.forEach(e -> done.put(e.getKey(), e.getValue()));
            }
            Set<String> nowAlive = uuids(hz);
            boolean membersChanged = !nowAlive.equals(alive);
            if (membersChanged) {
                listener.log("cluster: " + nowAlive.size() + " member(s) now: " + hz.getCluster().getMembers().stream()
                        .map(Member::getAddress).map(Object::toString).collect(Collectors.joining(", ")));
                alive = nowAlive;
            }
            boolean scan = membersChanged || System.currentTimeMillis() >= nextScan;
            if (scan) {
                // a result whose event was lost (a member left while sending it) is read from the map itself
                Set<String> unheard = new HashSet<>(pending);
                unheard.removeAll(done.keySet());
                done.putAll(board.done().getAll(unheard));
            }
            Set<String> queuedNow = new LinkedHashSet<>();
            for (Map.Entry<String, String> e : done.entrySet()) {
                if (!pending.remove(e.getKey())) {
                    continue; // heard twice (event and scan)
                }
                listener.courseDone(CourseBoard.decode(e.getValue()));
                schedule.done(Task.parse(e.getKey()), queuedNow);
            }
            tasks.addAll(queuedNow);
            pending.addAll(queuedNow);
            if (!done.isEmpty()) {
                schedule.publish();
            }
            if (!scan) {
                continue;
            }
            nextScan = System.currentTimeMillis() + SCAN_MS;
            routeGpuWork(run, board, hz, listener, schedule);
            // a member that held data without a backup yet (it had just joined, or a partition moved) took it along
            // when it died: the ticket goes back, and lost claims and queue entries are found below
            board.runs().putIfAbsent(run.runId(), ticket);
            Map<String, String> claims = board.claims().getAll(pending);
            Set<String> queued = null;
            for (String task : pending) {
                CourseBoard.Claim claim = CourseBoard.Claim.parse(claims.get(task));
                if (!claim.owner().equals(CourseBoard.NOBODY)) {
                    unseen.remove(task);
                    if (!alive.contains(claim.owner()) && board.requeue(task, claim.owner())) {
                        listener.log("cluster: " + Task.parse(task).label() + " re-queued (its member is gone)");
                    }
                    continue;
                }
                if (queued == null) {
                    queued = new HashSet<>(board.queue());
                    queued.addAll(board.firstQueue());
                    queued.addAll(board.gpuQueue());
                }
                // taken from the queue by a member that died before it could claim it: queue it again
                if (!queued.contains(task) && unseen.merge(task, 1, Integer::sum) >= LOST_SCANS) {
                    unseen.remove(task);
                    board.offer(task);
                    listener.log("cluster: " + Task.parse(task).label() + " queued again (taken but never claimed)");
                }
            }
        }
    }

    /**
     * GPU work follows the members with GPU slots: when one joins (and declares which stages ask it for a GPU), the
     * tasks of those stages waiting on the common queue move to the GPU queue and later ones are queued there; when the
     * last one is gone, the GPU queue's tasks go to the common queue, where CPU members run them on CPU.
     */
    private static void routeGpuWork(DistributedRun run, CourseBoard board, HazelcastInstance hz, Listener listener,
            Schedule schedule) {
        Set<String> added = schedule.refreshGpuStages();
        if (!added.isEmpty()) {
            int moved = board.moveToGpu(run.runId(), added);
            listener.log("cluster: a member with GPU slots runs " + added + " now; " + moved + " queued task(s) of "
                    + "them moved to the GPU queue");
        }
        if (!Members.anyWithGpu(hz) && !board.gpuQueue().isEmpty()) {
            int moved = board.releaseGpuTasks();
            listener.log("cluster: no member with GPU slots left; " + moved + " GPU task(s) go to any member "
                    + "(GPU stages on CPU)");
        }
    }

    private static Set<String> uuids(HazelcastInstance hz) {
        return hz.getCluster().getMembers().stream().map(m -> m.getUuid().toString()).collect(Collectors.toSet());
    }
}
