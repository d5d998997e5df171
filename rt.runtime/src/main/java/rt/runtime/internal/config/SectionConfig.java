package rt.runtime.internal.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import rt.api.StageConfig;

/** One stage's section of the effective configuration. Values are already validated and typed by the loader. */
final class SectionConfig implements StageConfig {

    private final Map<String, Object> section;
    private final Map<String, Object> top;
    private final String hash;

    SectionConfig(Map<String, Object> section, Map<String, Object> top, String hash) {
        this.section = section;
        this.top = top;
        this.hash = hash;
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

    @Override
    public String hash() {
        return hash;
    }
}
