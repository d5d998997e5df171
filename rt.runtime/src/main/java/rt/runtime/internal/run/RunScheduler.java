package rt.runtime.internal.run;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import rt.api.LogLevel;
import rt.api.ResourceBroker;
import rt.api.Stage;
import rt.api.course.Course;
import rt.runtime.internal.broker.ReleaseNotifier;
import rt.runtime.internal.config.ConfigException;
import rt.runtime.internal.state.ContentHashes;
import rt.runtime.internal.state.StateStore;
import rt.runtime.spi.CourseDistributor;

/**
 * One run of the pipeline, read top-down in {@link #run}: plan it, then three phases: the opening cohort stages
 * (organize, which publishes the courses), every course through its course stages, then the closing cohort stages
 * (aggregate), which wait for all courses. Each phase is a {@link PhaseRunner}; what the phases share is a
 * {@link RunEnv} passed down to them. Create one per run with {@code new}; it needs no OSGi.
 */
public final class RunScheduler {

    /** The run's config key that sends its course phase to the cluster ({@code --cluster}). */
    public static final String CLUSTER_FLAG = "use_cluster";

    private final ResourceBroker broker;
    private final RunProgress progress;
    private final RunState state = new RunState();
    private volatile PhaseRunner phase;
    private final CourseDistributor distributor;

    public RunScheduler(ResourceBroker broker, RunProgress progress) {
        this(broker, progress, null);
    }

    /** {@code distributor}: where the course phase goes when the run asks for the cluster; null = none installed. */
    public RunScheduler(ResourceBroker broker, RunProgress progress, CourseDistributor distributor) {
        this.broker = broker;
        this.progress = progress;
        this.distributor = distributor;
    }

    public RunReport run(List<Stage> stages, RunOptions options) throws InterruptedException, IOException {
        RunPlan plan = RunPlan.of(stages, options, progress);
        if (options.config().globalBoolean(CLUSTER_FLAG)) {
            DistributedPhase.validate(options, distributor);
        }
        // Temp files a killed run left in the cohort folder: a cohort stage that resumes as unchanged never rewrites
        // its outputs, so nothing else would remove the temp file it was writing when killed.
        rt.course.AtomicFiles.removeLeftovers(options.cohortDir());
        StateStore.writeAtomically(options.cohortDir().resolve("effective-config.yaml"), options.config().toYamlBytes());
        return withEnv(plan, options, null, env -> {
            runPhase(env, List.of(Unit.COHORT), u -> plan.opening());
            List<Course> found = coursesOfThisRun(options);
            removeTempLeftovers(options, found);
            state.courses(selectCourses(options, found));
            state.report().courseCount(state.courses().size());
            if (!plan.perCourse().isEmpty() && !state.courses().isEmpty()) {
                progress.log(LogLevel.INFO, null, null, state.courses().size() + " courses, stages " + plan.perCourse());
            }
            if (options.config().globalBoolean(CLUSTER_FLAG)) {
                new DistributedPhase(env, distributor).run();
            } else {
                runCoursePhase(env, plan);
            }
            runPhase(env, List.of(Unit.COHORT), u -> plan.closing());
        });
    }

    /**
     * Runs only the course phase, for the courses the options select from the output folder's manifest, with
     * {@code guard} checked before every rename: how a cluster member runs a course another runtime published.
     */
    public RunReport runCourses(List<Stage> stages, RunOptions options, rt.course.AtomicFiles.Guard guard)
            throws InterruptedException, IOException {
        return runCourses(stages, options, guard, List.of());
    }

    /**
     * As {@link #runCourses(List, RunOptions, rt.course.AtomicFiles.Guard)}, for stages whose prerequisites ran
     * elsewhere in this run ({@code upstream}: how they ended there, e.g. segmentation on a GPU member); a
     * dependent of one that did not end ok is skipped as in a single run, whatever an earlier run's state file says.
     */
    public RunReport runCourses(List<Stage> stages, RunOptions options, rt.course.AtomicFiles.Guard guard,
            List<rt.runtime.spi.CourseOutcome> upstream) throws InterruptedException, IOException {
        for (rt.runtime.spi.CourseOutcome o : upstream) {
            state.endedElsewhere(o.course(), o.stage(), rt.api.StageResult.Status.valueOf(o.status()), o.blocked());
        }
        RunPlan plan = RunPlan.of(stages, options, progress);
        return withEnv(plan, options, guard, env -> {
            state.courses(selectCourses(options, SiteDecisions.onResume(options, Manifest.read(options.outputRoot()))));
            state.report().courseCount(state.courses().size());
            // no removal of temp files here: other stages of these courses may be running on other members; the
            // runtime that started the run removes lost writers' leftovers once all its tasks are done
            runCoursePhase(env, plan);
        });
    }

    /** What a run does with its environment; {@link #withEnv} sets it up and tears it down around it. */
    private interface Phases {
        void run(RunEnv env) throws InterruptedException, IOException;
    }

    /**
     * Runs {@code phases} with task and watchdog threads, the content hash table and a broker listener that wakes the
     * current phase when a lease is given back (a waiting task may start); all released and saved afterwards.
     */
    private RunReport withEnv(RunPlan plan, RunOptions options, rt.course.AtomicFiles.Guard guard, Phases phases)
            throws InterruptedException, IOException {
        ExecutorService workers = Executors.newCachedThreadPool(daemon("rt-task-"));
        ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(daemon("rt-watchdog-"));
        ContentHashes hashes = ContentHashes.load(options.outputRoot());
        RunEnv env = new RunEnv(plan, state, broker, new StateStore(), hashes, progress, workers, watchdog,
                HeapWatch.start(watchdog), guard);
        Runnable wake = () -> {
            PhaseRunner p = phase;
            if (p != null) {
                p.wake();
            }
        };
        if (broker instanceof ReleaseNotifier fifo) {
            fifo.addReleaseListener(wake);
        }
        try {
            phases.run(env);
        } finally {
            workers.shutdownNow();
            watchdog.shutdownNow();
            if (broker instanceof ReleaseNotifier fifo) {
                fifo.removeReleaseListener(wake);
            }
            saveHashes(hashes);
        }
        return state.report();
    }

    /** Every selected course through its course stages on this runtime. */
    private void runCoursePhase(RunEnv env, RunPlan plan) throws InterruptedException {
        List<Unit> courseUnits = state.courses().stream().<Unit>map(Unit.OfCourse::new).toList();
        runPhase(env, courseUnits, u -> plan.stagesFor((Unit.OfCourse) u));
    }

    private void runPhase(RunEnv env, List<Unit> units, java.util.function.Function<Unit, List<String>> stagesOf)
            throws InterruptedException {
        PhaseRunner p = new PhaseRunner(env, units,
                u -> stagesOf.apply(u).stream().filter(id -> !state.isWithdrawn(id)).toList());
        phase = p;
        p.runToEnd();
    }

    private void saveHashes(ContentHashes hashes) {
        try {
            hashes.save();
        } catch (IOException e) {
            progress.log(LogLevel.WARN, null, null, "cannot save the content hash table (the next run hashes again): "
                    + e.getMessage());
        }
    }

    /**
     * Temp files a killed run left in course folders: a stage that resumes as unchanged, or whose rerun writes under
     * other temp names, never removes the one it was writing when killed. No course task runs yet at this point, so
     * nothing removed here can be a file being written. Every course of the manifest is swept, not only the selected
     * ones, so a filtered resume leaves no course with debris either.
     */
    private void removeTempLeftovers(RunOptions options, List<Course> courses) {
        Path root = options.outputRoot().toAbsolutePath().normalize();
        for (Course c : courses) {
            Path dir = root.resolve(c.folder()).normalize();
            if (!dir.startsWith(root) || dir.equals(root)) {
                continue; // the manifest names folders under OUT; anything else is not ours to clean
            }
            try {
                int removed = rt.course.AtomicFiles.removeLeftovers(dir);
                if (removed > 0) {
                    progress.log(LogLevel.INFO, null, c.key(), "removed " + removed
                            + " temp file(s) an interrupted run left in " + dir);
                }
            } catch (IOException e) {
                progress.log(LogLevel.WARN, null, c.key(), "cannot remove temp files an interrupted run left in "
                        + dir + ": " + e.getMessage());
            }
        }
    }

    /** What organize published in this run (sites decided), else the manifest of an earlier run with sites decided. */
    private List<Course> coursesOfThisRun(RunOptions options) throws IOException {
        List<Course> published = state.published();
        return published != null ? published : SiteDecisions.onResume(options, Manifest.read(options.outputRoot()));
    }

    /** The --course and --site filters over courses whose sites are decided; shortest courses first. */
    private static List<Course> selectCourses(RunOptions options, List<Course> found) {
        String site = options.site();
        if (site != null && !options.sites().sites().contains(site)
                && found.stream().noneMatch(c -> site.equals(c.site()))) {
            throw new ConfigException("--site " + site + ": no site profile of that name (configured: "
                    + options.sites().sites() + ") and no course has that site (found: "
                    + found.stream().map(Course::site).filter(java.util.Objects::nonNull).distinct().sorted().toList()
                    + ")");
        }
        List<Course> out = new ArrayList<>();
        for (Course c : found) {
            boolean courseOk = options.courses().isEmpty() || options.courses().contains(c.key())
                    || options.courses().contains(c.patientId());
            boolean siteOk = site == null || site.equals(c.site());
            if (courseOk && siteOk) {
                out.add(c);
            }
        }
        out.sort(Comparator.comparingInt(Course::fileCount).thenComparing(Course::key));
        return out;
    }

    /** A stage service went away during the run: its tasks end cancelled (running ones when their thread returns). */
    public void stageWithdrawn(String stageId) {
        state.withdraw(stageId);
        PhaseRunner p = phase;
        if (p != null) {
            p.cancel(stageId, "stage '" + stageId + "' was withdrawn");
        }
    }

    public void cancel() {
        state.cancel();
        PhaseRunner p = phase;
        if (p != null) {
            p.cancel(null, "cancelled");
        }
    }

    private static ThreadFactory daemon(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
