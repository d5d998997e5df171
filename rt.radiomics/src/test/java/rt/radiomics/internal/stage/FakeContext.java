package rt.radiomics.internal.stage;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import rt.api.Lease;
import rt.api.LogLevel;
import rt.api.Progress;
import rt.api.ResourceBroker;
import rt.api.ResourceNeeds;
import rt.api.StageConfig;
import rt.api.StageContext;
import rt.api.course.Course;

/** A minimal stage context over a map of settings, for unit tests. */
public final class FakeContext implements StageContext {

    private final Course course;
    private final Path root;
    private final Path work;
    private final Map<String, Object> cfg;
    private final List<Course> courses;

    public FakeContext(Course course, Path root, Path work, Map<String, Object> cfg) {
        this(course, course == null ? List.of() : List.of(course), root, work, cfg);
    }

    /** A context for a cohort stage (course null) or a course stage that sees the given courses. */
    public FakeContext(Course course, List<Course> courses, Path root, Path work, Map<String, Object> cfg) {
        this.course = course;
        this.courses = courses;
        this.root = root;
        this.work = work;
        this.cfg = cfg;
    }

    @Override
    public Course course() {
        return course;
    }

    @Override
    public List<Course> courses() {
        return courses;
    }

    @Override
    public Path outputRoot() {
        return root;
    }

    @Override
    public Path workDir() {
        return work;
    }

    @Override
    public Path cohortDir() {
        return root.resolve("cohort");
    }

    @Override
    public StageConfig config() {
        return new StageConfig() {
            @Override
            public Object get(String key) {
                return cfg.get(key);
            }

            @Override
            public String getString(String key, String d) {
                return cfg.containsKey(key) ? cfg.get(key).toString() : d;
            }

            @Override
            public int getInt(String key, int d) {
                return cfg.containsKey(key) ? ((Number) cfg.get(key)).intValue() : d;
            }

            @Override
            public double getDouble(String key, double d) {
                return cfg.containsKey(key) ? ((Number) cfg.get(key)).doubleValue() : d;
            }

            @Override
            public boolean getBoolean(String key, boolean d) {
                return cfg.containsKey(key) ? (Boolean) cfg.get(key) : d;
            }

            @SuppressWarnings("unchecked")
            @Override
            public List<String> getStringList(String key, List<String> d) {
                return cfg.containsKey(key) ? (List<String>) cfg.get(key) : d;
            }

            @Override
            public Map<String, Object> getMap(String key) {
                return Map.of();
            }

            @Override
            public Path getPath(String key) {
                return cfg.containsKey(key) ? Path.of(cfg.get(key).toString()) : null;
            }

            @Override
            public Object global(String key) {
                return null;
            }

            @Override
            public String hash() {
                return "test";
            }
        };
    }

    @Override
    public Progress progress() {
        return new Progress() {
            @Override
            public void begin(long totalUnits, String unitName) {
            }

            @Override
            public void advance(long units) {
            }

            @Override
            public void message(String text) {
            }
        };
    }

    @Override
    public Lease lease() {
        return new Lease() {
            @Override
            public int cpuCores() {
                return 2;
            }

            @Override
            public int gpuSlots() {
                return 0;
            }

            @Override
            public void close() {
            }
        };
    }

    @Override
    public ResourceBroker broker() {
        return null;
    }

    @Override
    public boolean isCancelled() {
        return false;
    }

    @Override
    public void log(LogLevel level, String message) {
    }

    @Override
    public void publishCourses(List<Course> courses) {
    }

    @Override
    public Path dicomRoot() {
        return null;
    }
}
