package rt.testsupport;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import rt.api.Lease;
import rt.api.LogLevel;
import rt.api.Progress;
import rt.api.ResourceBroker;
import rt.api.ResourceNeeds;
import rt.api.StageConfig;
import rt.api.StageContext;
import rt.api.course.Course;

/**
 * A plain {@link StageContext} for running a stage without OSGi or the runtime. It captures log lines and published
 * courses, grants a fixed CPU-only lease (and a broker that grants the same without limit), and can be cancelled.
 *
 * <pre>{@code
 * TestStageContext ctx = TestStageContext.builder(out).course(course).config(Map.of("metrics", List.of("D95"))).build();
 * StageResult r = new DvhStage().run(ctx);
 * }</pre>
 */
public final class TestStageContext implements StageContext {

    private final Course course;
    private final List<Course> courses;
    private final Path outputRoot;
    private final Path workDir;
    private final Path dicomRoot;
    private final StageConfig config;
    private final Lease lease;
    private final ResourceBroker broker;
    private final List<String> log = new ArrayList<>();
    private final AtomicBoolean cancelled = new AtomicBoolean();
    private volatile List<Course> published;

    private TestStageContext(Builder b) {
        this.course = b.course;
        this.courses = b.courses != null ? List.copyOf(b.courses) : course == null ? List.of() : List.of(course);
        this.outputRoot = b.outputRoot;
        this.workDir = b.workDir != null ? b.workDir
                : course != null ? outputRoot.resolve(course.folder()) : cohortDir();
        this.dicomRoot = b.dicomRoot;
        this.config = new TestStageConfig(b.config, b.global);
        this.lease = new FixedLease(b.cores);
        this.broker = new UnlimitedBroker(lease);
    }

    /** A context whose output root ({@code OUT}) is {@code outputRoot}; a cohort-scope context until a course is set. */
    public static Builder builder(Path outputRoot) {
        return new Builder(outputRoot);
    }

    /** The lines logged so far, each {@code "LEVEL message"}. */
    public synchronized List<String> logLines() {
        return List.copyOf(log);
    }

    /** The courses handed to {@link #publishCourses}, or {@code null} when none were published. */
    public List<Course> published() {
        return published;
    }

    /** Marks the run cancelled: {@link #isCancelled()} answers true from now on. */
    public void cancel() {
        cancelled.set(true);
    }

    @Override
    public Course course() {
        return course;
    }

    /** The courses given to the builder, else the published ones, else the one course (or none). */
    @Override
    public List<Course> courses() {
        List<Course> p = published;
        return p != null ? p : courses;
    }

    @Override
    public Path outputRoot() {
        return outputRoot;
    }

    @Override
    public Path workDir() {
        return workDir;
    }

    @Override
    public Path cohortDir() {
        return outputRoot.resolve("cohort");
    }

    @Override
    public StageConfig config() {
        return config;
    }

    @Override
    public Progress progress() {
        return NoProgress.INSTANCE;
    }

    @Override
    public Lease lease() {
        return lease;
    }

    @Override
    public ResourceBroker broker() {
        return broker;
    }

    @Override
    public boolean isCancelled() {
        return cancelled.get();
    }

    @Override
    public synchronized void log(LogLevel level, String message) {
        log.add(level + " " + message);
    }

    private final List<String> failedCourses = new ArrayList<>();

    /** {@code course: reason} of every {@link #courseFailed} call. */
    public synchronized List<String> failedCourses() {
        return List.copyOf(failedCourses);
    }

    @Override
    public synchronized void courseFailed(String course, String reason) {
        failedCourses.add(course + ": " + reason);
        log.add("ERROR " + course + ": " + reason);
    }

    @Override
    public void publishCourses(List<Course> list) {
        published = List.copyOf(list);
    }

    @Override
    public Path dicomRoot() {
        return dicomRoot;
    }

    /** Builds a {@link TestStageContext}; only the output root is required. */
    public static final class Builder {

        private final Path outputRoot;
        private Course course;
        private List<Course> courses;
        private Path workDir;
        private Path dicomRoot;
        private final Map<String, Object> config = new LinkedHashMap<>();
        private final Map<String, Object> global = new LinkedHashMap<>();
        private int cores = 2;

        private Builder(Path outputRoot) {
            this.outputRoot = Objects.requireNonNull(outputRoot, "outputRoot");
        }

        /** The course of a course-scope run; the work dir defaults to {@code OUT/<course.folder()>}. */
        public Builder course(Course course) {
            this.course = course;
            return this;
        }

        /** What {@link StageContext#courses()} answers (default: the one course, or none). */
        public Builder courses(List<Course> courses) {
            this.courses = courses;
            return this;
        }

        /** The work dir (default: the course folder, or {@code OUT/cohort} without a course). */
        public Builder workDir(Path workDir) {
            this.workDir = workDir;
            return this;
        }

        /** The input folder given with {@code --dicom-root}. */
        public Builder dicomRoot(Path dicomRoot) {
            this.dicomRoot = dicomRoot;
            return this;
        }

        /** Adds the stage section's values. */
        public Builder config(Map<String, ?> section) {
            config.putAll(section);
            return this;
        }

        /** Sets one value of the stage section. */
        public Builder config(String key, Object value) {
            config.put(key, value);
            return this;
        }

        /** Adds top-level values, read with {@link StageConfig#global(String)}. */
        public Builder global(Map<String, ?> top) {
            global.putAll(top);
            return this;
        }

        /** CPU cores of the lease (default 2). */
        public Builder cores(int cores) {
            this.cores = cores;
            return this;
        }

        public TestStageContext build() {
            return new TestStageContext(this);
        }
    }

    private record FixedLease(int cpuCores) implements Lease {

        @Override
        public int gpuSlots() {
            return 0;
        }

        @Override
        public void close() {
        }
    }

    private record UnlimitedBroker(Lease lease) implements ResourceBroker {

        @Override
        public Lease acquire(ResourceNeeds needs) {
            return lease;
        }

        @Override
        public Lease tryAcquire(ResourceNeeds needs) {
            return lease;
        }

        @Override
        public int cpuBudget() {
            return lease.cpuCores();
        }

        @Override
        public int gpuSlots() {
            return 0;
        }

        @Override
        public int cpuInUse() {
            return 0;
        }

        @Override
        public int gpuInUse() {
            return 0;
        }
    }

    private enum NoProgress implements Progress {
        INSTANCE;

        @Override
        public void begin(long totalUnits, String unitName) {
        }

        @Override
        public void advance(long units) {
        }

        @Override
        public void message(String text) {
        }
    }
}
