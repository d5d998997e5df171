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
 * The runtime that starts a {@code --cluster} run: joins the cluster for the run's course phase, publishes the courses,
 * takes courses itself like any member, re-queues the courses of members Hazelcast declares gone, and returns once
 * every course is done. Nothing of Hazelcast starts before a run asks for it.
 */
@Component(service = CourseDistributor.class)
public final class ClusterDistributor implements CourseDistributor {

    /** How often the run's courses are checked (outcomes, lost members, lost queue entries). */
    private static final long POLL_MS = 200;
    /** Rounds a course may be unclaimed and missing from the queue before it is queued again. */
    private static final int LOST_ROUNDS = 10;

    private final CourseRunner runner;

    @Activate
    public ClusterDistributor(@Reference CourseRunner runner) {
        this.runner = runner;
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
        try (CourseWorker worker = new CourseWorker(hz, runner, settings, runner.cpuBudget(), console)) {
            listener.log("cluster '" + settings.name() + "': " + hz.getCluster().getMembers().size() + " member(s), "
                    + run.courses().size() + " courses queued");
            String ticket = new Ticket(hz.getCluster().getLocalMember().getUuid().toString(), run.outputRoot(),
                    run.stages(), run.configYaml()).encode();
            board.runs().put(run.runId(), ticket);
            for (String course : run.courses()) {
                board.queue().offer(CourseBoard.task(run.runId(), course));
            }
            await(run, ticket, board, hz, listener);
        } finally {
            try {
                board.clear(run.runId(), run.courses());
            } finally {
                hz.shutdown();
            }
        }
    }

    private void await(DistributedRun run, String ticket, CourseBoard board, HazelcastInstance hz, Listener listener)
            throws InterruptedException {
        Set<String> pending = new LinkedHashSet<>();
        run.courses().forEach(c -> pending.add(CourseBoard.task(run.runId(), c)));
        Map<String, Integer> unseen = new HashMap<>();
        int members = hz.getCluster().getMembers().size();
        while (!pending.isEmpty()) {
            Thread.sleep(POLL_MS);
            Map<String, String> done = board.done().getAll(pending);
            for (Map.Entry<String, String> e : done.entrySet()) {
                pending.remove(e.getKey());
                listener.courseDone(CourseBoard.decodeOutcomes(e.getValue()));
            }
            Set<String> alive = hz.getCluster().getMembers().stream().map(m -> m.getUuid().toString())
                    .collect(Collectors.toSet());
            if (alive.size() != members) {
                listener.log("cluster: " + alive.size() + " member(s) now: " + hz.getCluster().getMembers().stream()
                        .map(Member::getAddress).map(Object::toString).collect(Collectors.joining(", ")));
                members = alive.size();
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
                        listener.log("cluster: " + CourseBoard.courseOf(task) + " re-queued (its member is gone)");
                    }
                    continue;
                }
                if (queued == null) {
                    queued = Set.copyOf(board.queue());
                }
                // taken from the queue by a member that died before it could claim it: queue it again
                if (!queued.contains(task) && unseen.merge(task, 1, Integer::sum) >= LOST_ROUNDS) {
                    unseen.remove(task);
                    board.queue().offer(task);
                    listener.log("cluster: " + CourseBoard.courseOf(task) + " queued again (taken but never claimed)");
                }
            }
        }
    }
}
