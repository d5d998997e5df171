package rt.runtime.internal.run;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import rt.api.LogLevel;
import rt.api.ResourceBroker;
import rt.api.ResourceNeeds;
import rt.api.Scope;
import rt.api.Stage;
import rt.api.StageResult.Status;
import rt.api.course.Course;
import rt.api.course.CourseAttributes;
import rt.course.CourseFolder;
import rt.course.CourseRecord;
import rt.runtime.internal.broker.ReleaseNotifier;
import rt.runtime.internal.config.ConfigException;
import rt.runtime.internal.graph.StageGraph;
import rt.runtime.internal.state.StateStore;

/**
 * One run of the pipeline, in three phases: the opening cohort stages (organize, which publishes the courses), every
 * course through its course stages, then the closing cohort stages (aggregate), which wait for all courses. Create one
 * per run with {@code new}; it needs no OSGi.
 */
public final class RunScheduler {

    private final ResourceBroker broker;
    private final StateStore states = new StateStore();
    private final RunProgress progress;
    private final RunReport report = new RunReport();
    private final Map<String, Status> cohortOutcomes = new ConcurrentHashMap<>();
    private final Set<String> withdrawn = ConcurrentHashMap.newKeySet();
    private volatile RunOptions options;
    private volatile StageGraph graph;
    private volatile boolean cancelled;
    private volatile List<Course> published;
    private volatile List<Course> courses = List.of();
    private volatile PhaseRunner phase;
    private ExecutorService workers;
    private ScheduledExecutorService watchdog;

    public RunScheduler(ResourceBroker broker, RunProgress progress) {
        this.broker = broker;
        this.progress = progress;
    }

    public RunReport run(List<Stage> stages, RunOptions opts) throws InterruptedException, IOException {
        this.options = opts;
        try {
            graph = new StageGraph(stages);
        } catch (IllegalStateException e) {
            throw new ConfigException(e.getMessage());
        }
        graph.warnings().forEach(w -> progress.log(LogLevel.WARN, null, null, w));
        for (String id : opts.stageFilter()) {
            if (!graph.contains(id)) {
                throw new ConfigException("--stage " + id + ": no such stage (installed: " + graph.order() + ")");
            }
        }
        StateStore.writeAtomically(opts.cohortDir().resolve("effective-config.yaml"), opts.config().toYamlBytes());
        Runnable wake = () -> Optional.ofNullable(phase).ifPresent(PhaseRunner::wake);
        if (broker instanceof ReleaseNotifier fifo) {
            fifo.addReleaseListener(wake);
        }
        workers = Executors.newCachedThreadPool(daemon("rt-task-"));
        watchdog = Executors.newSingleThreadScheduledExecutor(daemon("rt-watchdog-"));
        try {
            runPhases();
        } finally {
            workers.shutdownNow();
            watchdog.shutdownNow();
            if (broker instanceof ReleaseNotifier fifo) {
                fifo.removeReleaseListener(wake);
            }
        }
        return report;
    }

    private void runPhases() throws InterruptedException, IOException {
        List<String> order = graph.order();
        List<String> opening = order.stream().filter(id -> graph.stage(id).scope() == Scope.COHORT
                && !graph.isClosingCohortStage(id) && options.stageSelected(id)).toList();
        runPhase(java.util.Collections.singletonList(null), c -> opening);

        List<Course> recorded = published != null ? published : Manifest.read(options.outputRoot());
        // site profiles decide each course's site (a configured profile wins over organize's guess)
        List<Course> found = recorded.stream().map(options.sites()::apply).toList();
        if (published != null || !found.equals(recorded)) {
            Manifest.write(options.outputRoot(), found);
        }
        for (Course c : found) {
            CourseRecord.recordSite(CourseFolder.of(options.outputRoot(), c.folder()), c.site(),
                    c.attributes().get(CourseAttributes.SITE_RULE));
        }
        courses = selectCourses(found);
        report.courseCount(courses.size());
        List<String> courseStages = order.stream()
                .filter(id -> graph.stage(id).scope() == Scope.COURSE && options.stageSelected(id)).toList();
        if (!courseStages.isEmpty() && !courses.isEmpty()) {
            progress.log(LogLevel.INFO, null, null, courses.size() + " courses, stages " + courseStages);
        }
        runPhase(courses, c -> courseStages.stream().filter(id -> options.sites().allows(c.site(), id)).toList());

        List<String> closing = order.stream().filter(id -> graph.stage(id).scope() == Scope.COHORT
                && graph.isClosingCohortStage(id) && options.stageSelected(id)).toList();
        runPhase(java.util.Collections.singletonList(null), c -> closing);
    }

    private void runPhase(List<Course> units, java.util.function.Function<Course, List<String>> active)
            throws InterruptedException {
        PhaseRunner p = new PhaseRunner(this, units, c -> active.apply(c).stream()
                .filter(id -> !withdrawn.contains(id)).toList());
        phase = p;
        p.runToEnd();
    }

    /** The --course and --site filters over courses whose sites are decided; shortest courses first. */
    private List<Course> selectCourses(List<Course> found) {
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
        return List.copyOf(out);
    }

    /** Why a prerequisite outside this phase's tasks is not satisfied, or null when it is. */
    String unmetPrerequisite(Course course, String prereq) {
        if (withdrawn.contains(prereq)) {
            return "'" + prereq + "' was withdrawn";
        }
        Stage p = graph.stage(prereq);
        if (p.scope() == Scope.COHORT) {
            Status s = cohortOutcomes.get(prereq);
            if (s != null) {
                return s == Status.OK || s == Status.SKIPPED ? null : "'" + prereq + "' " + s.name().toLowerCase();
            }
            return okOnDisk(options.cohortDir(), prereq) ? null : "'" + prereq + "' has not run";
        }
        if (course == null) {
            return null; // a closing cohort stage runs after every course, whatever each course's outcome
        }
        if (!options.sites().allows(course.site(), prereq)) {
            return null; // the site profile leaves it out on purpose
        }
        return okOnDisk(workDir(course), prereq) ? null : "'" + prereq + "' has not run for this course";
    }

    private boolean okOnDisk(Path dir, String stageId) {
        return states.read(dir, stageId).map(s -> "OK".equals(s.status()) || "SKIPPED".equals(s.status()))
                .orElse(false);
    }

    /** The stage's needs for this course, moved to CPU when there is no GPU or after a GPU memory failure. */
    ResourceNeeds effectiveNeeds(Task t) {
        ResourceNeeds needs = t.stage.needs(t.course);
        if (needs.gpuSlots() > 0 && (t.forceCpu || broker.gpuSlots() == 0)) {
            if (!needs.cpuFallback()) {
                throw new IllegalStateException("stage needs a GPU and none is available (gpu slots "
                        + broker.gpuSlots() + ")");
            }
            return needs.onCpu();
        }
        return needs;
    }

    String defaultFingerprint(Task t) {
        Fingerprints f = new Fingerprints().add(t.stage.id()).addCourse(t.course);
        Path dir = workDir(t.course);
        for (String p : graph.prerequisites(t.stage.id())) {
            if (t.course == null && graph.stage(p).scope() == Scope.COURSE) {
                for (Course c : courses) {
                    f.add(c.key()).addUpstream(p, states.read(workDir(c), p).orElse(null));
                }
            } else if (t.course != null && graph.stage(p).scope() == Scope.COHORT) {
                // A cohort stage's fingerprint covers every course (organize: the whole input tree), so it changes
                // when any one course changes. What this course got from it is in its course model, hashed above.
                f.addUpstreamOutcome(p, states.read(options.cohortDir(), p).orElse(null));
            } else {
                f.addUpstream(p, states.read(dir, p).orElse(null));
            }
        }
        if (t.course == null) {
            f.add(String.valueOf(options.dicomRoot()));
            courses.forEach(c -> f.add(c.key()));
        }
        return f.hex();
    }

    void recordOutcome(Task t) {
        if (t.course == null) {
            cohortOutcomes.put(t.stage.id(), t.blocked ? Status.FAILED : t.result.status());
        }
        report.add(new RunReport.Outcome(t.courseKey(), t.stage.id(), t.result.status(), t.result.reason(), t.resumed));
        String outcome = t.result.status().name().toLowerCase() + (t.resumed ? " (unchanged)" : "")
                + (t.result.reason() == null || t.resumed ? "" : ": " + t.result.reason());
        if (t.result.status() == Status.FAILED || t.result.status() == Status.CANCELLED) {
            progress.log(LogLevel.WARN, t.stage.id(), t.courseKey(), outcome);
        }
        progress.finished(t.stage.id(), t.courseKey(), outcome);
    }

    /** A stage service went away during the run: its tasks end cancelled (running ones when their thread returns). */
    public void stageWithdrawn(String stageId) {
        withdrawn.add(stageId);
        PhaseRunner p = phase;
        if (p != null) {
            p.cancelWaiting(stageId, "stage '" + stageId + "' was withdrawn");
        }
    }

    public void cancel() {
        cancelled = true;
        PhaseRunner p = phase;
        if (p != null) {
            p.cancelWaiting(null, "cancelled");
        }
    }

    synchronized void publish(List<Course> list) {
        published = List.copyOf(list);
    }

    void start(Runnable r) {
        workers.execute(r);
    }

    Path workDir(Course c) {
        return c == null ? options.cohortDir() : options.outputRoot().resolve(c.folder());
    }

    boolean isCancelled() {
        return cancelled;
    }

    List<Course> courses() {
        return courses;
    }

    RunOptions options() {
        return options;
    }

    StageGraph graph() {
        return graph;
    }

    StateStore states() {
        return states;
    }

    RunProgress progress() {
        return progress;
    }

    ResourceBroker broker() {
        return broker;
    }

    ScheduledExecutorService watchdog() {
        return watchdog;
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
