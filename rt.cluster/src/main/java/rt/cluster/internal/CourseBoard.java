package rt.cluster.internal;

import com.hazelcast.collection.IQueue;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import java.util.List;
import rt.runtime.spi.CourseOutcome;

/**
 * The shared state of the cluster's runs, all in Hazelcast structures of plain strings (no classes of ours travel, so
 * members need no shared class loading):
 * <ul>
 * <li>{@code rt.runs}: run id → {@link Ticket} (what a member needs to run that run's courses);</li>
 * <li>{@code rt.courses}: the queue of tasks, each {@code runId\ncourse};</li>
 * <li>{@code rt.claims}: task → {@code epoch owner}, the member running it; the epoch grows with every claim and is
 * the fencing token;</li>
 * <li>{@code rt.done}: task → its outcomes, one per line;</li>
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

    IQueue<String> queue() {
        return hz.getQueue("rt.courses");
    }

    IMap<String, String> claims() {
        return hz.getMap("rt.claims");
    }

    IMap<String, String> done() {
        return hz.getMap("rt.done");
    }

    IMap<String, String> members() {
        return hz.getMap("rt.members");
    }

    static String task(String runId, String course) {
        return runId + "\n" + course;
    }

    static String runOf(String task) {
        return task.substring(0, task.indexOf('\n'));
    }

    static String courseOf(String task) {
        return task.substring(task.indexOf('\n') + 1);
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

    /** Takes the task for {@code member}: the next epoch, under the entry's lock. */
    long claim(String task, String member) {
        IMap<String, String> claims = claims();
        claims.lock(task);
        try {
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
            queue().offer(task);
            return true;
        } finally {
            claims.unlock(task);
        }
    }

    /** Records the outcomes if {@code member} still holds the task at {@code epoch}; false when it was fenced off. */
    boolean complete(String task, String member, long epoch, List<CourseOutcome> outcomes) {
        IMap<String, String> claims = claims();
        claims.lock(task);
        try {
            Claim c = Claim.parse(claims.get(task));
            if (c.epoch() != epoch || !c.owner().equals(member)) {
                return false;
            }
            done().put(task, String.join("\n", outcomes.stream().map(CourseOutcome::encode).toList()));
            return true;
        } finally {
            claims.unlock(task);
        }
    }

    static List<CourseOutcome> decodeOutcomes(String s) {
        return s.isEmpty() ? List.of() : s.lines().map(CourseOutcome::decode).toList();
    }

    /** Forgets a finished run. */
    void clear(String runId, List<String> courses) {
        for (String course : courses) {
            String t = task(runId, course);
            claims().delete(t);
            done().delete(t);
        }
        runs().delete(runId);
    }
}
