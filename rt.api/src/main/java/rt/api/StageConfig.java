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

    String getString(String key, String defaultValue);

    int getInt(String key, int defaultValue);

    double getDouble(String key, double defaultValue);

    boolean getBoolean(String key, boolean defaultValue);

    List<String> getStringList(String key, List<String> defaultValue);

    Map<String, Object> getMap(String key);

    /** A path value resolved against the directory of the config file (or the working directory). */
    Path getPath(String key);

    /** A top-level key such as {@code workers}. */
    Object global(String key);

    /** A stable hash of this stage's effective section; part of the resume state. */
    String hash();
}
