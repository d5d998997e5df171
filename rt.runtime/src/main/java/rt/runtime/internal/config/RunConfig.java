package rt.runtime.internal.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;
import rt.api.StageConfig;

/** The validated, effective configuration of one run: top-level keys and one section per installed stage. */
public final class RunConfig {

    private static final ObjectMapper CANONICAL = new ObjectMapper()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private final Map<String, Object> top;
    private final Map<String, Map<String, Object>> sections;
    private final Path file;
    /** One view per stage: every task of the stage asks for it, and the hash does not change during a run. */
    private final Map<String, StageConfig> views = new ConcurrentHashMap<>();

    RunConfig(Map<String, Object> top, Map<String, Map<String, Object>> sections, Path file) {
        this.top = top;
        this.sections = sections;
        this.file = file;
    }

    public Object global(String key) {
        return top.get(key);
    }

    public int globalInt(String key) {
        return ((Number) top.get(key)).intValue();
    }

    public boolean globalBoolean(String key) {
        return Boolean.TRUE.equals(top.get(key));
    }

    @SuppressWarnings("unchecked")
    public List<String> globalList(String key) {
        return ((List<Object>) top.getOrDefault(key, List.of())).stream().map(String::valueOf).toList();
    }

    public Path globalPath(String key) {
        Object v = top.get(key);
        return v == null ? null : Path.of(v.toString());
    }

    /** The config file the run was read from, or null. */
    public Path file() {
        return file;
    }

    /** The stage's own view; unknown stages get an empty section. */
    public StageConfig forStage(String stageId) {
        return views.computeIfAbsent(stageId, id -> {
            Map<String, Object> section = sections.getOrDefault(id, Map.of());
            return new SectionConfig(section, top, hashOf(section));
        });
    }

    public int timeoutSeconds(String stageId) {
        Object v = sections.getOrDefault(stageId, Map.of()).get(ConfigSchema.TIMEOUT);
        return v == null ? 0 : ((Number) v).intValue();
    }

    /** Hash of what changes a stage's outputs: its section without the timeout. */
    static String hashOf(Map<String, Object> section) {
        Map<String, Object> relevant = new TreeMap<>(section);
        relevant.remove(ConfigSchema.TIMEOUT);
        try {
            byte[] json = CANONICAL.writeValueAsBytes(relevant);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(json)).substring(0, 16);
        } catch (com.fasterxml.jackson.core.JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot hash config section", e);
        }
    }

    /** The effective configuration as YAML, for {@code OUT/cohort/effective-config.yaml}. */
    public String toYaml() {
        Map<String, Object> all = new LinkedHashMap<>(top);
        all.putAll(sections);
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setDereferenceAliases(true); // shared default lists must not print as YAML anchors (&id001)
        return "# effective configuration of this run (defaults < rt.yaml < RT_* < command line)\n"
                + new Yaml(options).dump(all);
    }

    public byte[] toYamlBytes() {
        return toYaml().getBytes(StandardCharsets.UTF_8);
    }
}
