package rt.dvh.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import rt.api.Lease;
import rt.api.LogLevel;
import rt.api.Progress;
import rt.api.ResourceBroker;
import rt.api.StageConfig;
import rt.api.StageContext;
import rt.api.course.Course;

/** A stage context over a course folder with a fixed configuration section, for unit tests. */
final class FakeContext implements StageContext {

    final Course course;
    final Path outRoot;
    final Map<String, Object> section;
    final List<String> log = new ArrayList<>();

    FakeContext(Course course, Path outRoot, Map<String, Object> section) {
        this.course = course;
        this.outRoot = outRoot;
        this.section = section;
    }

    @Override
    public Course course() {
        return course;
    }

    @Override
    public List<Course> courses() {
        return List.of(course);
    }

    @Override
    public Path outputRoot() {
        return outRoot;
    }

    @Override
    public Path workDir() {
        return outRoot.resolve(course.folder());
    }

    @Override
    public Path cohortDir() {
        return outRoot.resolve("cohort");
    }

    @Override
    public StageConfig config() {
        return new StageConfig() {
            @Override
            public Object get(String key) {
                return section.get(key);
            }

            @Override
            public String getString(String key, String def) {
                Object v = section.get(key);
                return v == null ? def : v.toString();
            }

            @Override
            public int getInt(String key, int def) {
                Object v = section.get(key);
                return v == null ? def : ((Number) v).intValue();
            }

            @Override
            public double getDouble(String key, double def) {
                Object v = section.get(key);
                return v == null ? def : ((Number) v).doubleValue();
            }

            @Override
            public boolean getBoolean(String key, boolean def) {
                Object v = section.get(key);
                return v == null ? def : (Boolean) v;
            }

            @Override
            public List<String> getStringList(String key, List<String> def) {
                Object v = section.get(key);
                return v == null ? def : ((List<?>) v).stream().map(String::valueOf).toList();
            }

            @Override
            public Map<String, Object> getMap(String key) {
                return Map.of();
            }

            @Override
            public Path getPath(String key) {
                Object v = section.get(key);
                return v == null ? null : Path.of(v.toString());
            }

            @Override
            public Object global(String key) {
                return null;
            }

            @Override
            public String hash() {
                return Integer.toHexString(section.hashCode());
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
        log.add(level + " " + message);
    }

    @Override
    public void publishCourses(List<Course> courses) {
    }

    @Override
    public Path dicomRoot() {
        return null;
    }
}
