package rt.runtime.internal.run;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import rt.api.Lease;
import rt.api.LogLevel;
import rt.api.ResourceNeeds;
import rt.api.StageResult;
import rt.api.StageResult.Status;
import rt.runtime.internal.graph.StageGraph;

/**
 * Runs a set of units (the courses, or the cohort) through their stages. Each unit flows on its own: a task becomes
 * ready when its prerequisites for the same unit ended ok. Ready tasks are started in order (short courses first, then
 * graph order) as far as leases and the per-stage concurrency limit (memory back-off) allow.
 */
final class PhaseRunner {

    private static final Comparator<Task> ORDER = Comparator.<Task>comparingInt(t -> t.unitRank)
            .thenComparingInt(t -> t.stageRank).thenComparing(t -> t.courseKey());
    private static final int MAX_ATTEMPTS = 6;

    private final RunEnv env;
    private final StageGraph graph;
    /** The tasks of each unit by stage id, indexed by the unit's rank. */
    private final List<Map<String, Task>> tasksByUnit = new ArrayList<>();
    private final TreeSet<Task> ready = new TreeSet<>(ORDER);
    private final Map<String, Integer> running = new HashMap<>();
    private final Map<String, Integer> limit = new HashMap<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final TaskRunner runner;
    private int remaining;

    PhaseRunner(RunEnv env, List<Unit> units, Function<Unit, List<String>> activeStages) {
        this.env = env;
        this.graph = env.plan().graph();
        this.runner = new TaskRunner(env, this::onDone);
        List<String> order = graph.order();
        for (int rank = 0; rank < units.size(); rank++) {
            Unit unit = units.get(rank);
            Map<String, Task> tasks = new LinkedHashMap<>();
            for (String id : activeStages.apply(unit)) {
                tasks.put(id, new Task(unit, graph.stage(id), rank, order.indexOf(id)));
            }
            tasksByUnit.add(tasks);
            remaining += tasks.size();
        }
        tasksByUnit.forEach(m -> m.keySet().forEach(id -> env.progress().expect(id, 1)));
    }

    void runToEnd() throws InterruptedException {
        lock.lock();
        try {
            for (Map<String, Task> tasks : tasksByUnit) {
                tasks.values().forEach(this::evaluate);
            }
            while (remaining > 0) {
                if (env.state().isCancelled()) {
                    cancel(null, "cancelled");
                }
                dispatch();
                if (remaining > 0) {
                    changed.await(100, TimeUnit.MILLISECONDS);
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /** Readies the task, skips it (a prerequisite did not end ok), or leaves it waiting. Lock held. */
    private void evaluate(Task t) {
        if (t.state != Task.State.WAITING) {
            return;
        }
        Map<String, Task> unit = tasksByUnit.get(t.unitRank);
        for (String p : graph.prerequisites(t.stage.id())) {
            Task pt = unit.get(p);
            if (!graph.requires(t.stage.id(), p)) {
                // a producer of something this stage consumes: wait for it, whatever its outcome
                if (pt != null && pt.state != Task.State.DONE) {
                    return;
                }
                continue;
            }
            String unmet;
            if (pt != null) {
                if (pt.state != Task.State.DONE) {
                    return;
                }
                boolean ok = !pt.blocked && (pt.result.status() == Status.OK || pt.result.status() == Status.SKIPPED);
                unmet = ok ? null : "'" + p + "' " + (pt.blocked ? "was skipped" : pt.result.status().name().toLowerCase());
            } else {
                unmet = Prerequisites.unmetOutsidePhase(env, t.unit, p);
            }
            if (unmet != null) {
                t.blocked = true;
                finish(t, StageResult.skipped("prerequisite " + unmet));
                return;
            }
        }
        t.state = Task.State.READY;
        ready.add(t);
    }

    /** Starts ready tasks in order while leases last; a task that cannot get its lease holds back later ones. */
    private void dispatch() {
        boolean cpuBlocked = false;
        boolean gpuBlocked = false;
        boolean memoryBlocked = false;
        List<Task.Rejection> rejected = new ArrayList<>();
        for (var it = ready.iterator(); it.hasNext();) {
            Task t = it.next();
            if (t.cancelled) {
                it.remove();
                rejected.add(new Task.Rejection(t, StageResult.cancelled()));
                continue;
            }
            if (running.getOrDefault(t.stage.id(), 0) >= limit.getOrDefault(t.stage.id(), Integer.MAX_VALUE)) {
                continue;
            }
            ResourceNeeds needs;
            try {
                needs = effectiveNeeds(t);
            } catch (RuntimeException e) {
                it.remove();
                rejected.add(new Task.Rejection(t, StageResult.failed(MemoryFailures.oneLine(e))));
                continue;
            }
            if ((cpuBlocked && needs.cpuCores() > 0) || (gpuBlocked && needs.gpuSlots() > 0)
                    || (memoryBlocked && needs.memoryMb() > 0)) {
                continue; // held back for an earlier task waiting on that kind, so big tasks are not starved
            }
            Lease lease = env.broker().tryAcquire(needs);
            if (lease == null) {
                cpuBlocked |= needs.cpuCores() > env.broker().cpuBudget() - env.broker().cpuInUse();
                gpuBlocked |= needs.gpuSlots() > env.broker().gpuSlots() - env.broker().gpuInUse();
                long memoryBudget = env.broker().memoryBudgetMb();
                memoryBlocked |= memoryBudget > 0
                        && Math.min(needs.memoryMb(), memoryBudget) > memoryBudget - env.broker().memoryInUseMb();
                if (cpuBlocked) {
                    break; // every task needs a core
                }
                continue;
            }
            it.remove();
            t.state = Task.State.RUNNING;
            t.concurrencyAtStart = running.merge(t.stage.id(), 1, Integer::sum);
            env.workers().execute(() -> runner.execute(t, lease));
        }
        for (Task.Rejection r : rejected) {
            finish(r.task(), r.result());
        }
    }

    /** The stage's needs for this unit, moved to CPU when there is no GPU or after a GPU memory failure. */
    private ResourceNeeds effectiveNeeds(Task t) {
        ResourceNeeds needs = t.stage.needs(t.unit.courseOrNull());
        if (needs.gpuSlots() > 0 && (t.forceCpu || env.broker().gpuSlots() == 0)) {
            if (!needs.cpuFallback()) {
                throw new IllegalStateException("stage needs a GPU and none is available (gpu slots "
                        + env.broker().gpuSlots() + ")");
            }
            return needs.onCpu();
        }
        return needs;
    }

    /** Called by the task's thread (or the timeout watchdog) once per attempt. */
    private void onDone(Task.Attempt attempt) {
        Task t = attempt.task();
        StageResult result = attempt.result();
        lock.lock();
        try {
            // tasks started after this one count too: they shared the memory when it ran out
            t.concurrencyAtStart = Math.max(t.concurrencyAtStart, running.getOrDefault(t.stage.id(), 1));
            running.merge(t.stage.id(), -1, Integer::sum);
            if (result.status() == Status.FAILED && !t.cancelled && !env.state().isCancelled()
                    && MemoryFailures.isMemoryFailure(attempt.error(), result.reason())
                    && backOff(t, attempt.onGpu(), result.reason())) {
                t.resetForRetry();
                ready.add(t);
            } else {
                finish(t, result);
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Memory failure: halve the stage's concurrency and retry; at 1, a GPU task retries on CPU. Lock held. */
    private boolean backOff(Task t, boolean onGpu, String reason) {
        if (++t.attempts > MAX_ATTEMPTS) {
            return false;
        }
        String id = t.stage.id();
        int current = limit.getOrDefault(id, Integer.MAX_VALUE);
        String what;
        if (current < t.concurrencyAtStart) {
            what = "concurrency already lowered to " + current + "; retrying";
        } else if (t.concurrencyAtStart > 1) {
            int next = Math.max(1, t.concurrencyAtStart / 2);
            limit.put(id, next);
            what = "concurrency " + t.concurrencyAtStart + " -> " + next + "; retrying";
        } else if (onGpu && !t.forceCpu && t.stage.needs(t.unit.courseOrNull()).cpuFallback()) {
            t.forceCpu = true;
            what = "GPU out of memory at concurrency 1; retrying on CPU";
        } else {
            return false;
        }
        env.progress().log(LogLevel.WARN, id, t.courseKey(), "memory failure (" + reason + "): " + what);
        return true;
    }

    /** Ends a task for good and re-evaluates the tasks that wait for it. Lock held. */
    private void finish(Task t, StageResult result) {
        if (t.state == Task.State.DONE) {
            return;
        }
        ready.remove(t);
        t.state = Task.State.DONE;
        t.result = result;
        remaining--;
        record(t);
        for (Task d : tasksByUnit.get(t.unitRank).values()) {
            if (d.state == Task.State.WAITING && graph.prerequisites(d.stage.id()).contains(t.stage.id())) {
                evaluate(d);
            }
        }
        changed.signalAll();
    }

    /** Reports how a task ended: the run's report, cohort outcomes, console and progress. */
    private void record(Task t) {
        if (t.unit instanceof Unit.Cohort) {
            env.state().cohortOutcome(t.stage.id(), t.blocked ? Status.FAILED : t.result.status());
        }
        env.state().report().add(new RunReport.Outcome(t.courseKey(), t.stage.id(), t.result.status(),
                t.result.reason(), t.resumed, t.blocked));
        String outcome = t.result.status().name().toLowerCase() + (t.resumed ? " (unchanged)" : "")
                + (t.result.reason() == null || t.resumed ? "" : ": " + t.result.reason());
        if (t.result.status() == Status.FAILED || t.result.status() == Status.CANCELLED) {
            env.progress().log(LogLevel.WARN, t.stage.id(), t.courseKey(), outcome);
        } else if (t.blocked) {
            env.progress().log(LogLevel.WARN, t.stage.id(), t.courseKey(), "not run: " + t.result.reason());
        }
        env.progress().finished(t.stage.id(), t.courseKey(), outcome);
    }

    /** Cancels the stage's tasks (all stages when null): waiting ones end now, running ones are interrupted. */
    void cancel(String stageId, String reason) {
        lock.lock();
        try {
            for (Map<String, Task> tasks : tasksByUnit) {
                for (Task t : tasks.values()) {
                    if (stageId != null && !t.stage.id().equals(stageId)) {
                        continue;
                    }
                    t.cancelled = true;
                    if (t.state == Task.State.RUNNING && t.thread != null) {
                        t.thread.interrupt();
                    } else if (t.state == Task.State.WAITING || t.state == Task.State.READY) {
                        finish(t, new StageResult(Status.CANCELLED, reason));
                    }
                }
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    void wake() {
        lock.lock();
        try {
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
