package rt.runtime.internal.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;
import rt.api.ConfigKey;

/**
 * Builds the effective configuration: declared defaults &lt; {@code rt.yaml} &lt; {@code RT_*} environment &lt;
 * command-line values. Environment names: {@code RT_WORKERS}, {@code RT_<SECTION>__<KEY>} (section = stage id in
 * upper case, other characters as {@code _}). {@code RT_*} names that match no key are ignored: other tools use the
 * prefix too.
 */
public final class ConfigLoader {

    private final ConfigSchema schema;
    private final Path workingDir;

    public ConfigLoader(ConfigSchema schema, Path workingDir) {
        this.schema = schema;
        this.workingDir = workingDir;
    }

    /**
     * @param yamlFile     {@code rt.yaml}, or {@code null} for none
     * @param env          the environment (only {@code RT_*} entries are looked at)
     * @param cliOverrides dotted keys ({@code workers}, {@code dvh.timeout_s}) to values
     */
    public RunConfig load(Path yamlFile, Map<String, String> env, Map<String, Object> cliOverrides) {
        Map<String, Object> top = new LinkedHashMap<>();
        Map<String, Map<String, Object>> sections = new LinkedHashMap<>();
        schema.topKeys().forEach((name, key) -> top.put(name, key.defaultValue()));
        schema.sections().forEach((section, keys) -> {
            Map<String, Object> values = new LinkedHashMap<>();
            keys.forEach((name, key) -> values.put(name, key.defaultValue()));
            sections.put(section, values);
        });
        if (yamlFile != null) {
            applyYaml(yamlFile, top, sections);
        }
        for (Map.Entry<String, String> e : new java.util.TreeMap<>(env).entrySet()) {
            String dotted = envToKey(e.getKey());
            if (dotted != null) {
                put(dotted, e.getValue(), "environment " + e.getKey(), workingDir, top, sections);
            }
        }
        cliOverrides.forEach((k, v) -> put(k, v, "command line", workingDir, top, sections));
        return new RunConfig(top, sections, yamlFile);
    }

    private void applyYaml(Path file, Map<String, Object> top, Map<String, Map<String, Object>> sections) {
        Object doc;
        try (Reader r = Files.newBufferedReader(file)) {
            doc = new Yaml(new SafeConstructor(new LoaderOptions())).load(r);
        } catch (IOException e) {
            throw new ConfigException("cannot read config file " + file + ": " + e.getMessage());
        } catch (YAMLException e) {
            throw new ConfigException("config file " + file + " is not valid YAML: "
                    + e.getMessage().replace('\n', ' '));
        }
        if (doc == null) {
            return;
        }
        if (!(doc instanceof Map<?, ?> map)) {
            throw new ConfigException("config file " + file + ": expected a map of keys at the top level");
        }
        String source = file.getFileName().toString();
        Path base = file.toAbsolutePath().getParent();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            String name = String.valueOf(e.getKey());
            if (schema.topKeys().containsKey(name)) {
                put(name, e.getValue(), source, base, top, sections);
            } else if (schema.sections().containsKey(name)) {
                if (!(e.getValue() instanceof Map<?, ?> section)) {
                    throw new ConfigException("config key '" + name + "' (" + source + "): expected a map of "
                            + "settings for stage '" + name + "'");
                }
                section.forEach((k, v) -> {
                    String key = String.valueOf(k);
                    if (!schema.sections().get(name).containsKey(key)) {
                        throw new ConfigException("unknown config key '" + name + "." + key + "' (" + source
                                + "; stage '" + name + "' knows " + schema.sections().get(name).keySet() + ")");
                    }
                    put(name + "." + key, v, source, base, top, sections);
                });
            } else {
                throw new ConfigException("unknown config key '" + name + "' (" + source
                        + "; neither a runtime key nor an installed stage)");
            }
        }
    }

    private void put(String dotted, Object value, String source, Path base, Map<String, Object> top,
            Map<String, Map<String, Object>> sections) {
        int dot = dotted.indexOf('.');
        ConfigKey mapKey = dot > 0 ? schema.topKeys().get(dotted.substring(0, dot)) : null;
        if (mapKey != null && mapKey.type() == ConfigKey.Type.MAP
                && !schema.sections().containsKey(dotted.substring(0, dot))) {
            // one entry of a top-level map (--set cluster.join=a:5701,b:5701); the map's owner checks its entries
            @SuppressWarnings("unchecked")
            Map<String, Object> map = new LinkedHashMap<>((Map<String, Object>) top.getOrDefault(mapKey.name(),
                    Map.of()));
            map.put(dotted.substring(dot + 1), value);
            top.put(mapKey.name(), map);
            return;
        }
        String[] parts = schema.split(dotted);
        ConfigKey key = schema.key(parts[0], parts[1]);
        Object coerced = ValueCoercion.coerce(key, dotted, value, source, base);
        if (parts[0] == null) {
            top.put(parts[1], coerced);
        } else {
            sections.get(parts[0]).put(parts[1], coerced);
        }
    }

    /** {@code RT_WORKERS} → {@code workers}; {@code RT_DVH__TIMEOUT_S} → {@code dvh.timeout_s}; else null. */
    String envToKey(String name) {
        if (!name.startsWith("RT_")) {
            return null;
        }
        String rest = name.substring(3);
        int sep = rest.indexOf("__");
        if (sep < 0) {
            String key = rest.toLowerCase(Locale.ROOT);
            return schema.topKeys().containsKey(key) ? key : null;
        }
        String sectionPart = rest.substring(0, sep);
        String key = rest.substring(sep + 2).toLowerCase(Locale.ROOT);
        for (String section : schema.sections().keySet()) {
            if (section.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_").equals(sectionPart)) {
                if (!schema.sections().get(section).containsKey(key)) {
                    throw new ConfigException("unknown config key '" + section + "." + key + "' (environment "
                            + name + ")");
                }
                return section + "." + key;
            }
        }
        return null;
    }
}
