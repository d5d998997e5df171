package rt.cluster.internal;

import com.hazelcast.collection.IQueue;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import rt.runtime.spi.CourseOutcome;

/**
 * The shared state of the cluster's runs, all in Hazelcast structures of plain strings (no classes of ours travel, so
 * members need no shared class loading):
 * <ul>
 * <li>{@code rt.runs}: run id → {@link Ticket} (what a member needs to run that run's tasks);</li>
 * <li>{@code rt.courses} and {@code rt.courses.gpu}: the queues of {@linkplain Task task} keys; the second holds GPU
 * tasks while a member with GPU slots is alive, and only such members take from it;</li>
 * <li>{@code rt.claims}: task → {@code epoch owner}, the member running it; the epoch grows with every claim and is
 * the fencing token;</li>
 * <li>{@code rt.done}: task → the stages it covered (first line) and its outcomes, one per line;</li>
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

    IMap<String, String> runs() {
        return hz.getMap("rt.runs");
    }

    /** Tasks any member takes. */
    IQueue<String> queue() {
        return hz.getQueue("rt.courses");
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

    /**
     * Queues a task: a GPU task on the GPU queue while a member with GPU slots is alive, else (and every other task)
     * on the common queue, where a member without GPU runs its GPU stages on CPU, as a single machine without GPU does.
     */
    void offer(String task) {
        boolean gpu = Task.parse(task).kind() == Task.Kind.GPU && Members.anyWithGpu(hz);
        (gpu ? gpuQueue() : queue()).offer(task);
    }

    /** GPU tasks waiting when no member with GPU slots is left go to the common queue; returns how many. */
    int releaseGpuTasks() {
        List<String> moved = new ArrayList<>();
        gpuQueue().drainTo(moved);
        moved.forEach(queue()::offer);
        return moved.size();
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

    /**
     * Records what the task covered and its outcomes if {@code member} still holds it at {@code epoch}; false when it
     * was fenced off.
     */
    boolean complete(String task, String member, long epoch, List<String> covered, List<CourseOutcome> outcomes) {
        IMap<String, String> claims = claims();
        claims.lock(task);
        try {
            Claim c = Claim.parse(claims.get(task));
            if (c.epoch() != epoch || !c.owner().equals(member)) {
                return false;
            }
            done().put(task, new Result(covered, outcomes).encode());
            return true;
        } finally {
            claims.unlock(task);
        }
    }

    /** A done task: the stages it covered (a GPU task: its GPU part, possibly empty) and how each ended. */
    record Result(List<String> covered, List<CourseOutcome> outcomes) {
        String encode() {
            StringBuilder sb = new StringBuilder(String.join(",", covered));
            outcomes.forEach(o -> sb.append('\n').append(o.encode()));
            return sb.toString();
        }

        static Result decode(String s) {
            List<String> lines = s.lines().toList();
            String head = lines.isEmpty() ? "" : lines.get(0);
            return new Result(java.util.Arrays.stream(head.split(",")).filter(x -> !x.isEmpty()).toList(),
                    lines.stream().skip(1).map(CourseOutcome::decode).toList());
        }
    }

    /** Forgets a finished run. */
    void clear(String runId, Collection<String> tasks) {
        for (String t : tasks) {
            claims().delete(t);
            done().delete(t);
        }
        progress().delete(runId);
        runs().delete(runId);
    }
}
