package rt.runtime.internal.run;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import rt.api.CommandExit;
import rt.api.StageResult.Status;
import rt.runtime.internal.cli.LogText;

/**
 * Outcome of a run: counts per status, the table of failed or cancelled tasks, and the table of tasks that did not run
 * because a prerequisite was missing or did not end ok. Either table makes the exit code 1: not everything asked for
 * was done. A stage that ran and decided to skip (no dose for DVH, …) is a normal outcome.
 */
public final class RunReport {

    /** @param blocked the task did not run: a prerequisite was missing, withdrawn, skipped or failed */
    public record Outcome(String course, String stage, Status status, String reason, boolean resumed,
            boolean blocked) {

        public Outcome(String course, String stage, Status status, String reason, boolean resumed) {
            this(course, stage, status, reason, resumed, false);
        }
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

    /** Tasks that did not run because a prerequisite was missing or did not end ok. */
    public synchronized List<Outcome> notRun() {
        return outcomes.stream().filter(Outcome::blocked).toList();
    }

    /** 0 when everything asked for was done; 1 when a task failed, was cancelled or could not run. */
    public int exitCode() {
        return problems().isEmpty() && notRun().isEmpty() ? CommandExit.OK : CommandExit.SOME_FAILED;
    }

    /** The closing summary and the table of failed courses with their reasons. */
    public String summary() {
        Map<Status, Long> counts = new TreeMap<>();
        for (Status s : Status.values()) {
            counts.put(s, count(s));
        }
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("run finished: %d courses; tasks ok %d (%d unchanged, resumed), skipped %d (%d not run: "
                + "a prerequisite missing or not ok), failed %d, cancelled %d%n", courseCount, counts.get(Status.OK),
                resumedCount(), counts.get(Status.SKIPPED), notRun().size(), counts.get(Status.FAILED),
                counts.get(Status.CANCELLED)));
        table(sb, "failed courses:", problems());
        table(sb, "not run (a prerequisite is missing or did not end ok):", notRun());
        return sb.toString();
    }

    private static void table(StringBuilder sb, String title, List<Outcome> rows) {
        if (rows.isEmpty()) {
            return;
        }
        int w1 = Math.max(6, rows.stream().mapToInt(o -> o.course().length()).max().orElse(6));
        int w2 = Math.max(5, rows.stream().mapToInt(o -> o.stage().length()).max().orElse(5));
        String fmt = "  %-" + w1 + "s  %-" + w2 + "s  %-9s  %s%n";
        sb.append(title).append('\n').append(String.format(fmt, "course", "stage", "status", "reason"));
        for (Outcome o : rows) {
            sb.append(String.format(fmt, LogText.oneLine(o.course()), o.stage(), o.blocked() ? "NOT RUN" : o.status(),
                    LogText.oneLine(o.reason())));
        }
    }
}
