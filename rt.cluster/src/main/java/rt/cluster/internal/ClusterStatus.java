package rt.cluster.internal;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstance;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What {@code rt:cluster status} and {@code rt:status} show: each member with its budget (cores, GPU slots), tasks
 * done, throughput and what it runs now; the queues; each run's done/total tasks, how many run now, elapsed time and a
 * cluster-wide ETA (the run's time per task so far, times the tasks left).
 */
final class ClusterStatus {

    private ClusterStatus() {
    }

    static String text(HazelcastInstance hz) {
        CourseBoard board = new CourseBoard(hz);
        StringBuilder sb = new StringBuilder();
        Map<String, String> status = board.members();
        sb.append("members: ").append(hz.getCluster().getMembers().size()).append('\n');
        for (Member m : hz.getCluster().getMembers()) {
            String line = status.get(m.getUuid().toString());
            sb.append(String.format("  %-22s %-8s %s%n", m.getAddress(), m.getAttribute(Members.ROLE),
                    line == null ? "cpu=" + m.getAttribute(Members.CPU) + " gpu=" + m.getAttribute(Members.GPU)
                            + " (not taking tasks)" : line.substring(line.indexOf(' ') + 1)));
        }
        sb.append("queued: ").append(board.commonQueued()).append(" task(s), ").append(board.gpuQueue().size())
                .append(" GPU task(s)\n");
        Set<String> done = board.done().keySet();
        Map<String, Integer> running = new TreeMap<>();
        for (Map.Entry<String, String> e : board.claims().entrySet()) {
            if (!CourseBoard.Claim.parse(e.getValue()).owner().equals(CourseBoard.NOBODY)
                    && !done.contains(e.getKey())) {
                running.merge(Task.runOf(e.getKey()), 1, Integer::sum);
            }
        }
        Map<String, String> progress = new TreeMap<>(board.progress());
        for (String run : new TreeMap<>(board.runs()).keySet()) {
            sb.append("run ").append(run).append(": ");
            String p = progress.get(run);
            if (p == null) {
                sb.append("starting\n");
                continue;
            }
            String[] f = p.split(" ");
            long n = Long.parseLong(f[0]);
            long total = Long.parseLong(f[1]);
            long elapsedMs = Math.max(0, System.currentTimeMillis() - Long.parseLong(f[2]));
            sb.append(n).append('/').append(total).append(" tasks done, ").append(running.getOrDefault(run, 0))
                    .append(" running, elapsed ").append(duration(elapsedMs)).append(", ETA ")
                    .append(n == 0 ? "unknown" : duration(elapsedMs * (total - n) / n)).append('\n');
        }
        return sb.toString();
    }

    static String duration(long ms) {
        Duration d = Duration.ofMillis(ms);
        return d.toHours() > 0 ? String.format("%dh%02dm", d.toHours(), d.toMinutesPart())
                : String.format("%dm%02ds", d.toMinutes(), d.toSecondsPart());
    }
}
