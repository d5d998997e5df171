package rt.organize.internal;

import java.nio.file.Path;
import java.util.ArrayList;
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

/** A plain StageContext for running the organize stage without OSGi or the runtime. */
public final class TestContext implements StageContext {

    public final List<String> log = new ArrayList<>();
    public List<Course> published;
    private final Path dicomRoot;
    private final Path out;
    private final Map<String, Object> config;
    private final int cores;

    public TestContext(Path dicomRoot, Path out, Map<String, Object> config, int cores) {
        this.dicomRoot = dicomRoot;
        this.out = out;
        this.config = config;
        this.cores = cores;
    }

    @Override
    public Course course() {
        return null;
    }

    @Override
    public List<Course> courses() {
        return published == null ? List.of() : published;
    }

    @Override
    public Path outputRoot() {
        return out;
    }

    @Override
    public Path workDir() {
        return cohortDir();
    }

    @Override
    public Path cohortDir() {
        return out.resolve("cohort");
    }

    @Override
    public StageConfig config() {
        return new StageConfig() {
            @Override
            public Object get(String key) {
                return config.get(key);
            }

            @Override
            public String getString(String key, String d) {
                Object v = config.get(key);
                return v == null ? d : v.toString();
            }

            @Override
            public int getInt(String key, int d) {
                Object v = config.get(key);
                return v == null ? d : ((Number) v).intValue();
            }

            @Override
            public double getDouble(String key, double d) {
                Object v = config.get(key);
                return v == null ? d : ((Number) v).doubleValue();
            }

            @Override
            public boolean getBoolean(String key, boolean d) {
                Object v = config.get(key);
                return v == null ? d : (Boolean) v;
            }

            @Override
            public List<String> getStringList(String key, List<String> d) {
                return d;
            }

            @Override
            public Map<String, Object> getMap(String key) {
                return Map.of();
            }

            @Override
            public Path getPath(String key) {
                return null;
            }

            @Override
            public Object global(String key) {
                return null;
            }

            @Override
            public String hash() {
                return config.toString();
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
                return cores;
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
        return new ResourceBroker() {
            @Override
            public Lease acquire(ResourceNeeds needs) {
                return lease();
            }

            @Override
            public Lease tryAcquire(ResourceNeeds needs) {
                return lease();
            }

            @Override
            public int cpuBudget() {
                return cores;
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
        };
    }

    @Override
    public boolean isCancelled() {
        return false;
    }

    @Override
    public synchronized void log(LogLevel level, String message) {
        log.add(level + " " + message);
    }

    @Override
    public void publishCourses(List<Course> courses) {
        published = List.copyOf(courses);
    }

    @Override
    public Path dicomRoot() {
        return dicomRoot;
    }
}
