package rt.api;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The effective configuration (defaults &lt; rt.yaml &lt; RT_* environment &lt; command line) as one stage sees it.
 * Keys are relative to the stage's own section; {@link #global(String)} reads top-level keys.
 */
@ProviderType
public interface StageConfig {

    /** The raw value, or {@code null} when neither configured nor declared with a default. */
    Object get(String key);

    /*
     * The typed getters below read get(key); the runtime has already validated and coerced every value to its
     * declared type, so a value of another type (or none) reads as the default.
     */

    default String getString(String key, String defaultValue) {
        Object v = get(key);
        return v == null ? defaultValue : v.toString();
    }

    default int getInt(String key, int defaultValue) {
        return get(key) instanceof Number n ? n.intValue() : defaultValue;
    }

    default double getDouble(String key, double defaultValue) {
        return get(key) instanceof Number n ? n.doubleValue() : defaultValue;
    }

    default boolean getBoolean(String key, boolean defaultValue) {
        return get(key) instanceof Boolean b ? b : defaultValue;
    }

    /** The list's entries as strings. */
    default List<String> getStringList(String key, List<String> defaultValue) {
        return get(key) instanceof List<?> l ? l.stream().map(String::valueOf).toList() : defaultValue;
    }

    /** The nested map, or an empty map. */
    @SuppressWarnings("unchecked")
    default Map<String, Object> getMap(String key) {
        return get(key) instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    /**
     * A path value resolved against the directory of the config file (or the working directory); the runtime
     * resolves it when it reads the configuration.
     */
    default Path getPath(String key) {
        Object v = get(key);
        return v == null ? null : Path.of(v.toString());
    }

    /** A top-level key such as {@code workers}. */
    Object global(String key);

    /** A stable hash of this stage's effective section; part of the resume state. */
    String hash();
}
