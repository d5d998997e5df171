package rt.runtime.internal.run;

import java.nio.file.Path;
import java.util.List;
import rt.api.Lease;
import rt.api.LogLevel;
import rt.api.Progress;
import rt.api.ProgressEvent.Kind;
import rt.api.ResourceBroker;
import rt.api.StageConfig;
import rt.api.StageContext;
import rt.api.course.Course;

/** The context one task hands its stage. */
final class TaskContext implements StageContext {

    private final Task task;
    private final RunEnv env;
    private final Lease lease;

    TaskContext(Task task, RunEnv env, Lease lease) {
        this.task = task;
        this.env = env;
        this.lease = lease;
    }

    @Override
    public Course course() {
        return task.unit.courseOrNull();
    }

    @Override
    public List<Course> courses() {
        return env.state().courses();
    }

    @Override
    public Path outputRoot() {
        return env.plan().options().outputRoot();
    }

    @Override
    public Path workDir() {
        return env.plan().workDir(task.unit);
    }

    @Override
    public Path cohortDir() {
        return env.plan().options().cohortDir();
    }

    @Override
    public StageConfig config() {
        return env.plan().options().config().forStage(task.stage.id());
    }

    @Override
    public void courseFailed(String course, String reason) {
        env.progress().log(LogLevel.ERROR, task.stage.id(), course, reason);
        env.state().report().add(new RunReport.Outcome(course, task.stage.id(), rt.api.StageResult.Status.FAILED,
                reason, false));
    }

    @Override
    public Progress progress() {
        return new Progress() {
            private long total;
            private long done;
            private String unit = "units";

            @Override
            public void begin(long totalUnits, String unitName) {
                total = totalUnits;
                unit = unitName;
            }

            @Override
            public void advance(long units) {
                done += units;
                env.progress().event(Kind.STAGE_PROGRESS, task.stage.id(), task.courseKey(), done, total, -1, unit);
            }

            @Override
            public void message(String text) {
                env.progress().log(LogLevel.DEBUG, task.stage.id(), task.courseKey(), text);
            }
        };
    }

    @Override
    public Lease lease() {
        return lease;
    }

    @Override
    public ResourceBroker broker() {
        return env.broker();
    }

    @Override
    public boolean isCancelled() {
        return task.cancelled || env.state().isCancelled();
    }

    @Override
    public void log(LogLevel level, String message) {
        env.progress().log(level, task.stage.id(), task.courseKey(), message);
    }

    @Override
    public void publishCourses(List<Course> published) {
        // Sites are decided here (site profiles win over organize's guess) so that the manifest organize leaves is the
        // one a resume reads. Persisted before the stage ends and its state says ok: a kill between the two must not
        // leave an ok organize without the manifest that a resume reads the courses from.
        List<Course> courses;
        try {
            courses = SiteDecisions.onPublish(env.plan().options(), published);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot write " + Manifest.file(env.plan().options().outputRoot())
                    + ": " + e.getMessage(), e);
        }
        env.state().publish(courses);
    }

    @Override
    public Path dicomRoot() {
        return env.plan().options().dicomRoot();
    }
}
