package rt.runtime.internal.run;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import rt.api.CommandExit;
import rt.api.StageResult.Status;

/** Outcome of a run: one line per (course, stage) that did not end ok, and counts per status. */
public final class RunReport {

    public record Outcome(String course, String stage, Status status, String reason, boolean resumed) {
    }

    private final List<Outcome> outcomes = new ArrayList<>();
    private int courseCount;

    synchronized void add(Outcome o) {
        outcomes.add(o);
    }

    void courseCount(int n) {
        courseCount = n;
    }

    public int courseCount() {
        return courseCount;
    }

    public synchronized List<Outcome> outcomes() {
        return List.copyOf(outcomes);
    }

    public synchronized long count(Status status) {
        return outcomes.stream().filter(o -> o.status() == status).count();
    }

    public synchronized long resumedCount() {
        return outcomes.stream().filter(Outcome::resumed).count();
    }

    public synchronized List<Outcome> problems() {
        return outcomes.stream().filter(o -> o.status() == Status.FAILED || o.status() == Status.CANCELLED).toList();
    }

    public int exitCode() {
        return problems().isEmpty() ? CommandExit.OK : CommandExit.SOME_FAILED;
    }

    /** The closing summary and the table of failed courses with their reasons. */
    public String summary() {
        Map<Status, Long> counts = new TreeMap<>();
        for (Status s : Status.values()) {
            counts.put(s, count(s));
        }
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("run finished: %d courses; tasks ok %d (%d unchanged, resumed), skipped %d, failed %d, "
                + "cancelled %d%n", courseCount, counts.get(Status.OK), resumedCount(), counts.get(Status.SKIPPED),
                counts.get(Status.FAILED), counts.get(Status.CANCELLED)));
        List<Outcome> problems = problems();
        if (!problems.isEmpty()) {
            int w1 = Math.max(6, problems.stream().mapToInt(o -> o.course().length()).max().orElse(6));
            int w2 = Math.max(5, problems.stream().mapToInt(o -> o.stage().length()).max().orElse(5));
            String fmt = "  %-" + w1 + "s  %-" + w2 + "s  %-9s  %s%n";
            sb.append("failed courses:\n").append(String.format(fmt, "course", "stage", "status", "reason"));
            for (Outcome o : problems) {
                sb.append(String.format(fmt, o.course(), o.stage(), o.status(), o.reason()));
            }
        }
        return sb.toString();
    }
}
