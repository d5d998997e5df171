package rt.runtime.internal.config;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import rt.api.ConfigKey;
import rt.api.ConfigKey.Type;
import rt.api.Stage;

/** Every key a run accepts: the runtime's own top-level keys plus, per installed stage, its declared keys. */
public final class ConfigSchema {

    /** Present in every stage section; not part of the stage's config hash (a timeout does not change outputs). */
    public static final String TIMEOUT = "timeout_s";

    public static final List<ConfigKey> RUNTIME_KEYS = List.of(
            new ConfigKey("dicom_root", Type.PATH, null, "folder of input DICOM"),
            new ConfigKey("outdir", Type.PATH, null, "output folder (OUT)"),
            new ConfigKey("workers", Type.INT, 0, "CPU cores to use; 0 = all cores minus reserved_cores"),
            new ConfigKey("reserved_cores", Type.INT, 1, "cores kept free for the system (at least 1 worker remains)"),
            new ConfigKey("heap_budget_mb", Type.INT, -1, "heap in MB the stages' memory estimates may use together; "
                    + "-1 = (max heap - 256) x 0.9, 0 = no memory planning"),
            new ConfigKey("gpu_slots", Type.INT, -1, "GPU slots; -1 = one per GPU listed by nvidia-smi -L"),
            new ConfigKey("force", Type.BOOLEAN, false, "rerun stages even when their resume state is current"),
            new ConfigKey("stages", Type.LIST, List.of(), "run only these stages (empty = all)"),
            new ConfigKey("site", Type.STRING, null, "run only courses of this treatment site"),
            new ConfigKey("courses", Type.LIST, List.of(), "run only these courses (patient/course or patient)"),
            new ConfigKey("sites", Type.MAP, Map.of(), "site profiles: rules mapping courses to sites and stages"),
            new ConfigKey("cluster", Type.MAP, Map.of(), "cluster settings (join, port, bind, name, lease_s, "
                    + "path_map, secret_file; README 'Several machines')"),
            new ConfigKey("use_cluster", Type.BOOLEAN, false, "run the courses on the cluster members (--cluster)"));

    private final Map<String, ConfigKey> top = new LinkedHashMap<>();
    private final Map<String, Map<String, ConfigKey>> sections = new LinkedHashMap<>();

    public ConfigSchema(Collection<Stage> stages) {
        RUNTIME_KEYS.forEach(k -> top.put(k.name(), k));
        for (Stage s : stages) {
            Map<String, ConfigKey> keys = new LinkedHashMap<>();
            keys.put(TIMEOUT, new ConfigKey(TIMEOUT, Type.INT, 0, "interrupt a course after this many seconds; 0 = never"));
            for (ConfigKey k : s.configKeys()) {
                keys.put(k.name(), k);
            }
            sections.put(s.id(), keys);
        }
    }

    public Map<String, ConfigKey> topKeys() {
        return top;
    }

    public Map<String, Map<String, ConfigKey>> sections() {
        return sections;
    }

    /** Splits {@code section.key} using the longest matching section (stage ids may contain dots). */
    public String[] split(String dotted) {
        if (top.containsKey(dotted)) {
            return new String[] {null, dotted};
        }
        String best = null;
        for (String section : sections.keySet()) {
            if (dotted.startsWith(section + ".") && (best == null || section.length() > best.length())) {
                best = section;
            }
        }
        if (best == null) {
            throw new ConfigException("unknown config key '" + dotted + "'");
        }
        String key = dotted.substring(best.length() + 1);
        if (!sections.get(best).containsKey(key)) {
            throw new ConfigException("unknown config key '" + dotted + "' (stage '" + best + "' knows "
                    + sections.get(best).keySet() + ")");
        }
        return new String[] {best, key};
    }

    public ConfigKey key(String section, String name) {
        return section == null ? top.get(name) : sections.get(section).get(name);
    }
}
