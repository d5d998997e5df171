package rt.runtime.internal.run;

import java.util.concurrent.atomic.AtomicBoolean;
import rt.api.Stage;
import rt.api.StageResult;
import rt.api.course.Course;

/** One (course, stage) unit of work, or (cohort, stage) when {@code course} is null. Guarded by the phase lock. */
final class Task {

    enum State { WAITING, READY, RUNNING, DONE }

    final Course course;
    final Stage stage;
    final int courseRank;
    final int stageRank;
    State state = State.WAITING;
    StageResult result;
    /** The state on disk was current, so the stage did not run. */
    boolean resumed;
    /** Skipped because a prerequisite did not end ok; its own dependants are skipped too. */
    boolean blocked;
    int attempts;
    boolean forceCpu;
    /** How many tasks of this stage ran (this one included) at its start or end; drives the memory back-off. */
    int concurrencyAtStart;
    volatile Thread thread;
    volatile boolean cancelled;
    /** Exactly one of the stage thread and the timeout watchdog gets to finish the task. */
    final AtomicBoolean finishing = new AtomicBoolean();
    long startedNanos;

    Task(Course course, Stage stage, int courseRank, int stageRank) {
        this.course = course;
        this.stage = stage;
        this.courseRank = courseRank;
        this.stageRank = stageRank;
    }

    String courseKey() {
        return course == null ? "cohort" : course.key();
    }

    void resetForRetry() {
        state = State.READY;
        result = null;
        thread = null;
        finishing.set(false);
    }
}
