package rt.cluster.internal;

import com.hazelcast.cluster.Member;
import com.hazelcast.collection.IQueue;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import rt.runtime.spi.CourseOutcome;

/**
 * The shared state of the cluster's runs, all in Hazelcast structures of plain strings (no classes of ours travel, so
 * members need no shared class loading):
 * <ul>
 * <li>{@code rt.runs}: run id → {@link Ticket} (what a member needs to run that run's tasks);</li>
 * <li>{@code rt.courses}, {@code rt.courses.first} and {@code rt.courses.gpu}: the queues of {@linkplain Task task}
 * keys. The first holds the tasks that carry on a course already started (members take from it before the second, so
 * that a course flows on as on one machine instead of every course's first stage running before any second one);
 * the second the first stages of the courses, in the run's order; the third the tasks of GPU stages while a member
 * with GPU slots is alive, and only such members take from it;</li>
 * <li>{@code rt.gpu.stages}: run id and member uuid → the run's stages that ask that member (one with GPU slots) for
 * a GPU, as its own broker decides: the stages whose tasks go to the GPU queue;</li>
 * <li>{@code rt.claims}: task → {@code epoch owner}, the member running it; the epoch grows with every claim and is
 * the fencing token;</li>
 * <li>{@code rt.done}: task → its outcomes, one per line;</li>
 * <li>{@code rt.progress}: run id → {@code done total startMillis}, the starter's count, for status and ETA;</li>
 * <li>{@code rt.members}: member uuid → its status line, for {@code rt:cluster status}.</li>
 * </ul>
 */
final class CourseBoard {

    static final String NOBODY = "-";

    private final HazelcastInstance hz;

    CourseBoard(HazelcastInstance hz) {
        this.hz = hz;
    }

    com.hazelcast.cluster.Cluster cluster() {
        return hz.getCluster();
    }

    IMap<String, String> runs() {
        return hz.getMap("rt.runs");
    }

    /** Tasks any member takes, before those of {@link #firstQueue()}: they carry on courses already started. */
    IQueue<String> queue() {
        return hz.getQueue("rt.courses");
    }

    /** The first stages of the run's courses (tasks any member takes once {@link #queue()} is empty). */
    IQueue<String> firstQueue() {
        return hz.getQueue("rt.courses.first");
    }

    /** How many tasks wait on the common queues. */
    int commonQueued() {
        return queue().size() + firstQueue().size();
    }

    /** GPU tasks, taken only by members with GPU slots. */
    IQueue<String> gpuQueue() {
        return hz.getQueue("rt.courses.gpu");
    }

    IMap<String, String> claims() {
        return hz.getMap("rt.claims");
    }

    IMap<String, String> done() {
        return hz.getMap("rt.done");
    }

    IMap<String, String> progress() {
        return hz.getMap("rt.progress");
    }

    IMap<String, String> members() {
        return hz.getMap("rt.members");
    }

    IMap<String, String> gpuStages() {
        return hz.getMap("rt.gpu.stages");
    }

    /** Declares the stages of a run that ask {@code member} for a GPU. */
    void declareGpuStages(String runId, String member, List<String> stages) {
        gpuStages().set(runId + "\n" + member, String.join(",", stages));
    }

    /**
     * The stages of the run that ask a live member with GPU slots for a GPU (the union of what they declared), and
     * which of those members declared; no entry for a member that has not declared yet.
     */
    Map<String, Set<String>> declaredGpuStages(String runId) {
        Map<String, String> keys = new HashMap<>();
        for (Member m : hz.getCluster().getMembers()) {
            if (Members.gpuSlots(m) > 0) {
                keys.put(runId + "\n" + m.getUuid(), m.getUuid().toString());
            }
        }
        Map<String, Set<String>> out = new HashMap<>();
        if (!keys.isEmpty()) {
            gpuStages().getAll(keys.keySet()).forEach((k, v) -> out.put(keys.get(k), Arrays.stream(v.split(","))
                    .filter(x -> !x.isEmpty()).collect(Collectors.toSet())));
        }
        return out;
    }

    /** Queues a task on the GPU queue or the common one, where every member takes from. */
    void offer(String task, boolean gpu) {
        (gpu ? gpuQueue() : queue()).offer(task);
    }

    /** Queues the first stage of a course: on the GPU queue, or behind the tasks that carry on started courses. */
    void offerFirst(String task, boolean gpu) {
        (gpu ? gpuQueue() : firstQueue()).offer(task);
    }

    /**
     * Queues a task: a task of a stage that asks a live member with GPU slots for a GPU on the GPU queue, else on the
     * common queue (where a member without GPU runs GPU stages on CPU, as a single machine without GPU does).
     */
    void offer(String task) {
        String stage = Task.parse(task).stage();
        offer(task, Members.anyWithGpu(hz) && declaredGpuStages(Task.runOf(task)).values().stream()
                .anyMatch(s -> s.contains(stage)));
    }

    /** GPU tasks waiting when no member with GPU slots is left go to the common queue; returns how many. */
    int releaseGpuTasks() {
        List<String> moved = new ArrayList<>();
        gpuQueue().drainTo(moved);
        moved.forEach(queue()::offer);
        return moved.size();
    }

    /**
     * Tasks of {@code stages} of the run waiting on the common queue move to the GPU queue (a member with GPU slots
     * joined); returns how many. A task a member takes meanwhile stays with it.
     */
    int moveToGpu(String runId, Set<String> stages) {
        int moved = 0;
        for (IQueue<String> q : List.of(queue(), firstQueue())) {
            for (String key : List.copyOf(q)) {
                if (Task.runOf(key).equals(runId) && stages.contains(Task.parse(key).stage()) && q.remove(key)) {
                    gpuQueue().offer(key);
                    moved++;
                }
            }
        }
        return moved;
    }

    /** A claim: the fencing epoch and the owner's member uuid ({@link #NOBODY} once re-queued). */
    record Claim(long epoch, String owner) {
        static Claim parse(String s) {
            if (s == null) {
                return new Claim(0, NOBODY);
            }
            int sp = s.indexOf(' ');
            return new Claim(Long.parseLong(s.substring(0, sp)), s.substring(sp + 1));
        }

        String encode() {
            return epoch + " " + owner;
        }
    }

    /**
     * Takes the task for {@code member}: the next epoch, under the entry's lock; 0 when it is done already (a second
     * queue entry of it, from a re-queue that crossed its completion).
     */
    long claim(String task, String member) {
        IMap<String, String> claims = claims();
        claims.lock(task);
        try {
            if (done().containsKey(task)) {
                return 0;
            }
            long epoch = Claim.parse(claims.get(task)).epoch() + 1;
            claims.put(task, new Claim(epoch, member).encode());
            return epoch;
        } finally {
            claims.unlock(task);
        }
    }

    /** Gives a task back to the queue when its owner is gone; false when someone else already did or it is done. */
    boolean requeue(String task, String goneOwner) {
        IMap<String, String> claims = claims();
        claims.lock(task);
        try {
            Claim c = Claim.parse(claims.get(task));
            if (!c.owner().equals(goneOwner) || done().containsKey(task)) {
                return false;
            }
            claims.put(task, new Claim(c.epoch(), NOBODY).encode());
            offer(task);
            return true;
        } finally {
            claims.unlock(task);
        }
    }

    /** Records the task's outcomes if {@code member} still holds it at {@code epoch}; false when it was fenced off. */
    boolean complete(String task, String member, long epoch, List<CourseOutcome> outcomes) {
        IMap<String, String> claims = claims();
        claims.lock(task);
        try {
            Claim c = Claim.parse(claims.get(task));
            if (c.epoch() != epoch || !c.owner().equals(member)) {
                return false;
            }
            done().put(task, encode(outcomes));
            return true;
        } finally {
            claims.unlock(task);
        }
    }

    /** A done task's outcomes as {@code rt.done} holds them: one per line (none: empty). */
    static String encode(List<CourseOutcome> outcomes) {
        return outcomes.stream().map(CourseOutcome::encode).collect(Collectors.joining("\n"));
    }

    static List<CourseOutcome> decode(String s) {
        return s.lines().filter(l -> !l.isEmpty()).map(CourseOutcome::decode).toList();
    }

    /** Forgets a finished run. */
    void clear(String runId, Collection<String> tasks) {
        for (String t : tasks) {
            claims().delete(t);
            done().delete(t);
        }
        for (String k : List.copyOf(gpuStages().keySet())) {
            if (k.startsWith(runId + "\n")) {
                gpuStages().delete(k);
            }
        }
        progress().delete(runId);
        runs().delete(runId);
    }
}
