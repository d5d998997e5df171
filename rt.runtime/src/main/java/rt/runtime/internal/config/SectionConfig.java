package rt.runtime.internal.config;

import java.util.Map;
import rt.api.StageConfig;

/**
 * One stage's section of the effective configuration. Values are already validated and typed by the loader; the
 * typed getters are {@link StageConfig}'s own.
 */
record SectionConfig(Map<String, Object> section, Map<String, Object> top, String hash) implements StageConfig {

    @Override
    public Object get(String key) {
        return section.get(key);
    }

    @Override
    public Object global(String key) {
        return top.get(key);
    }
}
