package rt.runtime.internal.run;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import rt.runtime.internal.config.RunConfig;
import rt.runtime.internal.site.SiteProfiles;

/**
 * What one run does, derived from the effective configuration.
 *
 * @param stageFilter empty = every stage
 * @param site        only courses of this site, or null
 * @param courses     only these courses ({@code patient/course} or {@code patient}); empty = all
 */
public record RunOptions(Path outputRoot, Path dicomRoot, boolean force, Set<String> stageFilter, String site,
        List<String> courses, RunConfig config, SiteProfiles sites) {

    public static RunOptions from(RunConfig config) {
        Path out = config.globalPath("outdir");
        if (out == null) {
            throw new rt.runtime.internal.config.ConfigException("config key 'outdir' is required (--outdir OUT)");
        }
        @SuppressWarnings("unchecked")
        java.util.Map<String, Object> sites = (java.util.Map<String, Object>) config.global("sites");
        Object site = config.global("site");
        return new RunOptions(out, config.globalPath("dicom_root"), config.globalBoolean("force"),
                Set.copyOf(config.globalList("stages")), site == null ? null : site.toString(),
                config.globalList("courses"), config, new SiteProfiles(sites == null ? java.util.Map.of() : sites));
    }

    public Path cohortDir() {
        return outputRoot.resolve("cohort");
    }

    boolean stageSelected(String id) {
        return stageFilter.isEmpty() || stageFilter.contains(id);
    }
}
