package rt.runtime.internal.run;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import rt.api.Lease;
import rt.api.LogLevel;
import rt.api.StageResult;
import rt.api.StageResult.Status;
import rt.runtime.internal.state.OutputSnapshot;
import rt.runtime.internal.state.StageState;
import rt.runtime.internal.state.StateStore;

/**
 * Executes one attempt of a task on a worker thread: resume check, the stage itself under an optional timeout, and
 * the state file. A stage's exception is a failure of that course only.
 */
final class TaskRunner {

    private final RunEnv env;
    private final Consumer<Task.Attempt> onDone;

    /** {@code onDone} hears how each attempt ended, exactly once per attempt. */
    TaskRunner(RunEnv env, Consumer<Task.Attempt> onDone) {
        this.env = env;
        this.onDone = onDone;
    }

    void execute(Task t, Lease lease) {
        if (env.guard() == null) {
            executeGuarded(t, lease);
            return;
        }
        // a course run for a cluster: every rename of this task's thread (outputs, state file) passes the fence, and a
        // runtime that lost the course (it was paused and the course given to another) starts none of its stages
        try {
            env.guard().checkBeforeRename(env.plan().workDir(t.unit));
        } catch (IOException e) {
            lease.close();
            t.finishing.set(true);
            onDone.accept(new Task.Attempt(t, StageResult.failed(e.getMessage()), e, false));
            return;
        }
        rt.course.AtomicFiles.guarded(env.guard(), () -> {
            executeGuarded(t, lease);
            return null;
        });
    }

    private void executeGuarded(Task t, Lease lease) {
        t.thread = Thread.currentThread();
        t.startedNanos = System.nanoTime();
        Instant started = Instant.now();
        boolean onGpu = lease.gpuSlots() > 0;
        String id = t.stage.id();
        Path workDir = env.plan().workDir(t.unit);
        StageResult result;
        Throwable error = null;
        String version = "?";
        String configHash = "?";
        String fingerprint = "?";
        Map<String, String> outputs = null;
        ScheduledFuture<?> watchdog = null;
        env.progress().started(id, t.courseKey());
        HeapWatch.Window heap = env.heap().open();
        try (lease; heap) {
            TaskContext ctx = new TaskContext(t, env, lease);
            version = String.valueOf(t.stage.version());
            configHash = ctx.config().hash();
            String own = t.stage.inputFingerprint(ctx);
            fingerprint = own != null ? own : Fingerprints.defaultFor(env, t);
            Optional<StageState> previous = env.states().read(workDir, id);
            Map<String, String> previousOutputs = previous.map(StageState::outputs).orElse(null);
            Path root = env.plan().options().outputRoot();
            boolean current = !env.plan().options().force() && previous.isPresent()
                    && previous.get().matches(version, configHash, fingerprint);
            String damaged = current ? OutputSnapshot.firstDamaged(root, previousOutputs, env.hashes()) : null;
            if (current && damaged == null) {
                t.resumed = true;
                result = new StageResult(Status.valueOf(previous.get().status()), "unchanged since "
                        + previous.get().finishedAt());
            } else {
                if (damaged != null) {
                    env.progress().log(LogLevel.INFO, id, t.courseKey(), "runs again: " + damaged);
                }
                env.states().delete(workDir, id);
                // a course stage writes in its course folder; a cohort stage (organize) also into the course folders
                List<Path> outputRoots = outputRoots(t, workDir, root);
                OutputSnapshot before = OutputSnapshot.take(root, outputRoots);
                int timeout = env.plan().options().config().timeoutSeconds(id);
                if (timeout > 0) {
                    watchdog = env.watchdog().schedule(() -> timeOut(t, timeout), timeout, TimeUnit.SECONDS);
                }
                result = t.stage.run(ctx);
                if (result == null) {
                    result = StageResult.failed("stage returned no result");
                }
                if (result.status() != Status.FAILED) {
                    outputs = OutputSnapshot.take(root, outputRoots).outputsSince(before, previousOutputs,
                            env.hashes());
                }
            }
        } catch (InterruptedException | CancellationException e) {
            result = t.cancelled || env.state().isCancelled() ? StageResult.cancelled() : StageResult.failed(
                    MemoryFailures.oneLine(e));
            error = e;
        } catch (Throwable e) { // a stage must never take the run down, whatever it throws
            error = e;
            result = (t.cancelled || env.state().isCancelled()) && Thread.currentThread().isInterrupted()
                    ? StageResult.cancelled() : StageResult.failed(MemoryFailures.oneLine(e));
        } finally {
            if (watchdog != null) {
                watchdog.cancel(false);
            }
            Thread.interrupted(); // do not carry a cancel interrupt into the next task on this pool thread
        }
        if (!t.finishing.compareAndSet(false, true)) {
            return; // the watchdog already ended this task
        }
        if (result.status() != Status.CANCELLED && !t.resumed) {
            try {
                env.states().write(workDir, new StageState(id, result.status().name(), version, configHash,
                        fingerprint, started.toString(), Instant.now().toString(),
                        (System.nanoTime() - t.startedNanos) / 1_000_000, result.reason(), outputs, heap.peakMb(),
                        lease.memoryMb()));
            } catch (IOException | RuntimeException e) {
                String file = StateStore.file(workDir, id).toString();
                String msg = String.valueOf(e.getMessage());
                result = StageResult.failed(msg.contains(file) ? msg : "cannot write " + file + ": " + msg);
            }
        }
        onDone.accept(new Task.Attempt(t, result, error, onGpu));
    }

    /** The stage ran too long: end the task now, interrupt the stage; its lease returns when its thread ends. */
    private void timeOut(Task t, int seconds) {
        if (!t.finishing.compareAndSet(false, true)) {
            return;
        }
        Thread th = t.thread;
        if (th != null) {
            th.interrupt();
        }
        StageResult result = StageResult.failed("timeout after " + seconds + " s");
        try {
            env.states().write(env.plan().workDir(t.unit), new StageState(t.stage.id(), "FAILED",
                    String.valueOf(t.stage.version()), "?", "?", null, Instant.now().toString(),
                    (System.nanoTime() - t.startedNanos) / 1_000_000, result.reason(), null, 0, 0));
        } catch (IOException | RuntimeException e) {
            // the failure is reported in the run's table anyway
        }
        onDone.accept(new Task.Attempt(t, result, null, false));
    }

    /** The stage's declared output paths in its course folder; the whole course folder (OUT for cohort stages). */
    private static List<Path> outputRoots(Task t, Path workDir, Path root) {
        if (!(t.unit instanceof Unit.OfCourse)) {
            return List.of(root);
        }
        List<String> declared = t.stage.outputPaths();
        if (declared == null || declared.isEmpty()) {
            return List.of(workDir);
        }
        return declared.stream().map(workDir::resolve).toList();
    }
}
