package rt.cluster.internal;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstance;
import java.io.IOException;
import java.io.PrintStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import rt.runtime.spi.CourseDistributor;
import rt.runtime.spi.CourseRunner;
import rt.runtime.spi.DistributedRun;

/**
 * The runtime that starts a {@code --cluster} run: joins the cluster for the run's course phase, publishes the courses
 * as {@linkplain Task tasks} (with a GPU member in the cluster: each course's GPU part, then its rest once that is
 * done), takes tasks itself like any member, re-queues the tasks of members Hazelcast declares gone, and returns once
 * every course is done. Nothing of Hazelcast starts before a run asks for it.
 */
@Component(service = CourseDistributor.class)
public final class ClusterDistributor implements CourseDistributor {

    /** How often the run's courses are checked (outcomes, lost members, lost queue entries). */
    private static final long POLL_MS = 200;
    /** Rounds a course may be unclaimed and missing from the queue before it is queued again. */
    private static final int LOST_ROUNDS = 10;

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
        try (ClusterPresence.Shown shown = presence.enter(hz);
                CourseWorker worker = new CourseWorker(hz, runner, settings, runner.cpuBudget(), console)) {
            // with a GPU in the cluster a course is two tasks, its GPU part first; without, one (no GPU, no split)
            boolean split = Members.anyWithGpu(hz);
            listener.log("cluster '" + settings.name() + "': " + hz.getCluster().getMembers().size() + " member(s), "
                    + run.courses().size() + " courses queued" + (split ? ", GPU stages to members with GPU slots"
                            : ", whole courses (no member has GPU slots)"));
            String ticket = new Ticket(hz.getCluster().getLocalMember().getUuid().toString(), run.outputRoot(),
                    run.stages(), run.configYaml()).encode();
            board.runs().put(run.runId(), ticket);
            Progress progress = new Progress(board, run.runId(), run.courses().size() * (split ? 2 : 1));
            for (String course : run.courses()) {
                String task = new Task(run.runId(), course, split ? Task.Kind.GPU : Task.Kind.ALL, run.stages()).key();
                tasks.add(task);
                board.offer(task);
            }
            progress.publish();
            await(run, ticket, board, hz, listener, tasks, progress);
        } finally {
            try {
                board.clear(run.runId(), tasks);
            } finally {
                hz.shutdown();
            }
        }
    }

    /** The starter's count of the run's tasks, published for status and ETA whenever it changes. */
    private static final class Progress {
        private final CourseBoard board;
        private final String runId;
        private final long started = System.currentTimeMillis();
        int total;
        int done;

        Progress(CourseBoard board, String runId, int total) {
            this.board = board;
            this.runId = runId;
            this.total = total;
        }

        void publish() {
            board.progress().set(runId, done + " " + total + " " + started);
        }
    }

    private void await(DistributedRun run, String ticket, CourseBoard board, HazelcastInstance hz, Listener listener,
            Set<String> tasks, Progress progress) throws InterruptedException {
        Set<String> pending = new LinkedHashSet<>(tasks);
        Map<String, Integer> unseen = new HashMap<>();
        int members = hz.getCluster().getMembers().size();
        while (!pending.isEmpty()) {
            Thread.sleep(POLL_MS);
            Map<String, String> done = board.done().getAll(pending);
            for (Map.Entry<String, String> e : done.entrySet()) {
                pending.remove(e.getKey());
                CourseBoard.Result result = CourseBoard.Result.decode(e.getValue());
                listener.courseDone(result.outcomes());
                progress.done++;
                Task task = Task.parse(e.getKey());
                if (task.kind() == Task.Kind.GPU) {
                    // the rest of the course, now that its GPU part's outputs and states are on disk
                    List<String> rest = task.stages().stream().filter(s -> !result.covered().contains(s)).toList();
                    if (rest.isEmpty()) {
                        progress.total--;
                    } else {
                        String next = new Task(task.runId(), task.course(), Task.Kind.REST, rest).key();
                        tasks.add(next);
                        pending.add(next);
                        board.offer(next);
                    }
                }
            }
            if (!done.isEmpty()) {
                progress.publish();
            }
            Set<String> alive = hz.getCluster().getMembers().stream().map(m -> m.getUuid().toString())
                    .collect(Collectors.toSet());
            if (alive.size() != members) {
                listener.log("cluster: " + alive.size() + " member(s) now: " + hz.getCluster().getMembers().stream()
                        .map(Member::getAddress).map(Object::toString).collect(Collectors.joining(", ")));
                members = alive.size();
            }
            if (!board.gpuQueue().isEmpty() && !Members.anyWithGpu(hz)) {
                int moved = board.releaseGpuTasks();
                listener.log("cluster: no member with GPU slots left; " + moved + " GPU task(s) go to any member "
                        + "(GPU stages on CPU)");
            }
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
                    queued = new java.util.HashSet<>(board.queue());
                    queued.addAll(board.gpuQueue());
                }
                // taken from the queue by a member that died before it could claim it: queue it again
                if (!queued.contains(task) && unseen.merge(task, 1, Integer::sum) >= LOST_ROUNDS) {
                    unseen.remove(task);
                    board.offer(task);
                    listener.log("cluster: " + Task.parse(task).label() + " queued again (taken but never claimed)");
                }
            }
        }
    }
}
