package rt.testsupport;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import rt.api.StageConfig;

/**
 * A {@link StageConfig} over a plain map of one stage's section (and optionally the top-level keys). The typed getters
 * are {@link StageConfig}'s own, as in the runtime: a value of the wrong type reads as the default, lists read as
 * strings.
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
    public Object global(String key) {
        return top.get(key);
    }

    /** A hash of the section's content; stable within one JVM, which is all a unit test needs. */
    @Override
    public String hash() {
        return Integer.toHexString(section.hashCode());
    }
}
