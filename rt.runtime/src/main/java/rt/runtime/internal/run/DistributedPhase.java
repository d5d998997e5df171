package rt.runtime.internal.run;

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
 * The course phase of a {@code --cluster} run: the selected courses go to the {@link CourseDistributor}, and the
 * outcomes the members report come back into this run's report and progress (so the table, the exit code, progress
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
        DistributedRun run = new DistributedRun(UUID.randomUUID().toString(), plan.options().outputRoot(),
                plan.options().config().toYaml(), keys, plan.perCourse(), settings);
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
