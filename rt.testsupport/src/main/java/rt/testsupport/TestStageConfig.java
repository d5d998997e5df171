package rt.testsupport;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import rt.api.StageConfig;

/**
 * A {@link StageConfig} over a plain map of one stage's section (and optionally the top-level keys), with the same
 * typed getters and defaults as the runtime: a value of the wrong type reads as the default, lists read as strings.
 */
public final class TestStageConfig implements StageConfig {

    private final Map<String, Object> section;
    private final Map<String, Object> top;

    public TestStageConfig(Map<String, Object> section) {
        this(section, Map.of());
    }

    public TestStageConfig(Map<String, Object> section, Map<String, Object> top) {
        this.section = Collections.unmodifiableMap(new LinkedHashMap<>(section));
        this.top = Collections.unmodifiableMap(new LinkedHashMap<>(top));
    }

    @Override
    public Object get(String key) {
        return section.get(key);
    }

    @Override
    public String getString(String key, String defaultValue) {
        Object v = section.get(key);
        return v == null ? defaultValue : v.toString();
    }

    @Override
    public int getInt(String key, int defaultValue) {
        return section.get(key) instanceof Number n ? n.intValue() : defaultValue;
    }

    @Override
    public double getDouble(String key, double defaultValue) {
        return section.get(key) instanceof Number n ? n.doubleValue() : defaultValue;
    }

    @Override
    public boolean getBoolean(String key, boolean defaultValue) {
        return section.get(key) instanceof Boolean b ? b : defaultValue;
    }

    @Override
    public List<String> getStringList(String key, List<String> defaultValue) {
        return section.get(key) instanceof List<?> l ? l.stream().map(String::valueOf).toList() : defaultValue;
    }

    @Override
    @SuppressWarnings("unchecked")
    public Map<String, Object> getMap(String key) {
        return section.get(key) instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    @Override
    public Path getPath(String key) {
        Object v = section.get(key);
        return v == null ? null : Path.of(v.toString());
    }

    @Override
    public Object global(String key) {
        return top.get(key);
    }

    /** A hash of the section's content; stable within one JVM, which is all a unit test needs. */
    @Override
    public String hash() {
        return Integer.toHexString(section.hashCode());
    }
}
