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
    private final RunScheduler run;
    private final Lease lease;

    TaskContext(Task task, RunScheduler run, Lease lease) {
        this.task = task;
        this.run = run;
        this.lease = lease;
    }

    @Override
    public Course course() {
        return task.course;
    }

    @Override
    public List<Course> courses() {
        return run.courses();
    }

    @Override
    public Path outputRoot() {
        return run.options().outputRoot();
    }

    @Override
    public Path workDir() {
        return run.workDir(task.course);
    }

    @Override
    public Path cohortDir() {
        return run.options().cohortDir();
    }

    @Override
    public StageConfig config() {
        return run.options().config().forStage(task.stage.id());
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
                run.progress().event(Kind.STAGE_PROGRESS, task.stage.id(), task.courseKey(), done, total, -1, unit);
            }

            @Override
            public void message(String text) {
                run.progress().log(LogLevel.DEBUG, task.stage.id(), task.courseKey(), text);
            }
        };
    }

    @Override
    public Lease lease() {
        return lease;
    }

    @Override
    public ResourceBroker broker() {
        return run.broker();
    }

    @Override
    public boolean isCancelled() {
        return task.cancelled || run.isCancelled();
    }

    @Override
    public void log(LogLevel level, String message) {
        run.progress().log(level, task.stage.id(), task.courseKey(), message);
    }

    @Override
    public void publishCourses(List<Course> courses) {
        run.publish(courses);
    }

    @Override
    public Path dicomRoot() {
        return run.options().dicomRoot();
    }
}
