package rt.runtime.internal.run;

import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import rt.api.ResourceBroker;
import rt.runtime.internal.state.ContentHashes;
import rt.runtime.internal.state.StateStore;

/**
 * Everything the parts of one run share, built once by {@link RunScheduler} and handed down to each phase, task and
 * stage context: the fixed plan, the changing run state, and the services (broker, state files, progress, threads).
 * {@code guard} (null in a plain run) is checked before each output a task writes is renamed into place.
 */
record RunEnv(RunPlan plan, RunState state, ResourceBroker broker, StateStore states, ContentHashes hashes,
        RunProgress progress, Executor workers, ScheduledExecutorService watchdog, HeapWatch heap,
        rt.course.AtomicFiles.Guard guard) {
}
