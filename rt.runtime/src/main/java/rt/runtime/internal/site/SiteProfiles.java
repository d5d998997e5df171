package rt.runtime.internal.site;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import rt.api.course.Course;
import rt.runtime.internal.config.ConfigException;

/**
 * Site profiles from the {@code sites:} config key. Each site has optional regex rules on the course attributes
 * {@code BodyPartExamined}, {@code RTPlanLabel}/{@code RTPlanName} and {@code StructureNames} (names separated by
 * {@code \ , ;} or newlines) and an optional list of the course stages to run. A course whose site organize did not
 * set gets the first site (in file order) with any matching rule.
 *
 * <pre>
 * sites:
 *   prostate: {body_part: "PELVIS|PROSTATE", plan_label: "(?i)prost", stages: [segmentation, dvh]}
 * </pre>
 */
public final class SiteProfiles {

    private static final List<String> FIELDS = List.of("body_part", "plan_label", "structures", "stages");

    public record Profile(String site, Pattern bodyPart, Pattern planLabel, Pattern structures, List<String> stages) {

        boolean matches(Course c) {
            Map<String, String> a = c.attributes();
            return find(bodyPart, a.get("BodyPartExamined")) || find(planLabel, a.get("RTPlanLabel"))
                    || find(planLabel, a.get("RTPlanName")) || anyStructure(a.get("StructureNames"));
        }

        private boolean anyStructure(String names) {
            if (structures == null || names == null) {
                return false;
            }
            for (String n : names.split("[\\\\,;\\n]")) {
                if (structures.matcher(n.trim()).find()) {
                    return true;
                }
            }
            return false;
        }

        private static boolean find(Pattern p, String value) {
            return p != null && value != null && p.matcher(value).find();
        }
    }

    private final Map<String, Profile> profiles = new LinkedHashMap<>();

    public SiteProfiles(Map<String, Object> sites) {
        sites.forEach((site, body) -> profiles.put(site, parse(site, body)));
    }

    private static Profile parse(String site, Object body) {
        if (body == null) {
            return new Profile(site, null, null, null, List.of());
        }
        if (!(body instanceof Map<?, ?> m)) {
            throw new ConfigException("config key 'sites." + site + "': expected a map with " + FIELDS);
        }
        for (Object k : m.keySet()) {
            if (!FIELDS.contains(String.valueOf(k))) {
                throw new ConfigException("unknown config key 'sites." + site + "." + k + "' (known: " + FIELDS + ")");
            }
        }
        List<String> stages = new ArrayList<>();
        Object s = m.get("stages");
        if (s instanceof List<?> l) {
            l.forEach(o -> stages.add(String.valueOf(o)));
        } else if (s != null) {
            throw new ConfigException("config key 'sites." + site + ".stages': expected a list of stage ids, got '"
                    + s + "'");
        }
        return new Profile(site, regex(site, "body_part", m.get("body_part")),
                regex(site, "plan_label", m.get("plan_label")), regex(site, "structures", m.get("structures")),
                List.copyOf(stages));
    }

    private static Pattern regex(String site, String field, Object value) {
        if (value == null) {
            return null;
        }
        try {
            return Pattern.compile(value.toString());
        } catch (PatternSyntaxException e) {
            throw new ConfigException("config key 'sites." + site + "." + field + "': not a valid regular expression: '"
                    + value + "'");
        }
    }

    /** The course's site: as organize set it, else the first profile whose rules match, else null. */
    public String siteOf(Course course) {
        if (course.site() != null && !course.site().isBlank()) {
            return course.site();
        }
        for (Profile p : profiles.values()) {
            if (p.matches(course)) {
                return p.site();
            }
        }
        return null;
    }

    /** Whether the site's profile lets this course stage run (no profile or no stage list: every stage runs). */
    public boolean allows(String site, String stageId) {
        Profile p = site == null ? null : profiles.get(site);
        return p == null || p.stages().isEmpty() || p.stages().contains(stageId);
    }
}
