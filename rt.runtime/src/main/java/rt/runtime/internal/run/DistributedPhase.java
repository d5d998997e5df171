package rt.runtime.internal.run;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import rt.api.LogLevel;
import rt.api.StageResult.Status;
import rt.runtime.internal.config.ConfigException;
import rt.runtime.spi.CourseDistributor;
import rt.runtime.spi.CourseOutcome;
import rt.runtime.spi.DistributedRun;

/**
 * The course phase of a {@code --cluster} run: the selected courses go to the {@link CourseDistributor} with their
 * stages and what each stage waits for (the distributor makes (course, stage) tasks of them), and the outcomes the
 * members report come back into this run's report and progress (so the table, the exit code, progress
 * and ETA are the cluster's, on the runtime that started the run).
 */
final class DistributedPhase {

    private final RunEnv env;
    private final CourseDistributor distributor;

    DistributedPhase(RunEnv env, CourseDistributor distributor) {
        this.env = env;
        this.distributor = distributor;
    }

    /** Before anything runs: cluster support is installed and the {@code cluster:} settings are usable. */
    static void validate(RunOptions options, CourseDistributor distributor) {
        if (distributor == null) {
            throw new ConfigException("--cluster: no cluster support installed (the rt.cluster bundle is missing)");
        }
        List<String> problems = distributor.validate(settings(options));
        if (!problems.isEmpty()) {
            throw new ConfigException("--cluster: " + String.join("; ", problems));
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> settings(RunOptions options) {
        return options.config().global("cluster") instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    void run() throws InterruptedException, java.io.IOException {
        validate(env.plan().options(), distributor);
        RunPlan plan = env.plan();
        List<String> keys = env.state().courses().stream().map(c -> c.key()).toList();
        if (keys.isEmpty() || plan.perCourse().isEmpty()) {
            return;
        }
        env.state().courses().forEach(c -> plan.stagesFor(new Unit.OfCourse(c)).forEach(id -> env.progress().expect(id, 1)));
        plan.perCourse().forEach(id -> env.progress().started(id, null)); // elapsed and ETA count from here
        Map<String, Object> settings = settings(plan.options());
        Map<String, List<String>> courseStages = new LinkedHashMap<>();
        env.state().courses().forEach(c -> courseStages.put(c.key(), plan.stagesFor(new Unit.OfCourse(c))));
        DistributedRun run = new DistributedRun(UUID.randomUUID().toString(), plan.options().outputRoot(),
                plan.options().config().toYaml(), keys, plan.perCourse(), courseStages,
                StageTasks.after(plan.graph(), plan.perCourse()), settings);
        distributor.runCourses(run, new CourseDistributor.Listener() {
            @Override
            public void courseDone(List<CourseOutcome> outcomes) {
                outcomes.forEach(DistributedPhase.this::record);
            }

            @Override
            public void log(String message) {
                env.progress().log(LogLevel.INFO, null, null, message);
            }
        });
        removeLeftovers(env.state().courses());
    }

    /**
     * Temp files in the run's courses that members lost mid-stage (kill -9) left behind: only now, when no task of the
     * run is running any more, as a member taking one (course, stage) task cannot tell a lost writer's temp file from
     * that of another stage of the course running elsewhere.
     */
    private void removeLeftovers(List<rt.api.course.Course> courses) {
        java.nio.file.Path root = env.plan().options().outputRoot();
        for (rt.api.course.Course c : courses) {
            java.nio.file.Path dir = root.resolve(c.folder());
            try {
                int removed = rt.course.AtomicFiles.removeLeftovers(dir);
                if (removed > 0) {
                    env.progress().log(LogLevel.INFO, null, c.key(), "removed " + removed
                            + " temp file(s) lost cluster members left in " + dir);
                }
            } catch (java.io.IOException e) {
                env.progress().log(LogLevel.WARN, null, c.key(), "cannot remove temp files lost cluster members "
                        + "left in " + dir + ": " + e.getMessage());
            }
        }
    }

    private void record(CourseOutcome o) {
        Status status = Status.valueOf(o.status());
        env.state().report().add(new RunReport.Outcome(o.course(), o.stage(), status, o.reason(), o.resumed(),
                o.blocked()));
        String outcome = status.name().toLowerCase() + (o.resumed() ? " (unchanged)" : "")
                + (o.reason() == null || o.resumed() ? "" : ": " + o.reason());
        if (status == Status.FAILED || status == Status.CANCELLED) {
            env.progress().log(LogLevel.WARN, o.stage(), o.course(), outcome);
        }
        env.progress().finished(o.stage(), o.course(), outcome);
    }
}
