package rt.runtime.internal.run;

import java.util.concurrent.atomic.AtomicBoolean;
import rt.api.Stage;
import rt.api.StageResult;

/** One (unit, stage) piece of work. Guarded by the phase lock, except the volatile fields. */
final class Task {

    enum State { WAITING, READY, RUNNING, DONE }

    final Unit unit;
    final Stage stage;
    /** Position of the unit in its phase (short courses first). */
    final int unitRank;
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

    Task(Unit unit, Stage stage, int unitRank, int stageRank) {
        this.unit = unit;
        this.stage = stage;
        this.unitRank = unitRank;
        this.stageRank = stageRank;
    }

    String courseKey() {
        return unit.key();
    }

    void resetForRetry() {
        state = State.READY;
        result = null;
        thread = null;
        finishing.set(false);
    }

    /** How one attempt ended, as the task's thread (or the timeout watchdog) reports it to the phase. */
    record Attempt(Task task, StageResult result, Throwable error, boolean onGpu) {
    }

    /** A ready task the phase ends without starting it (cancelled, or its needs cannot be met). */
    record Rejection(Task task, StageResult result) {
    }
}
