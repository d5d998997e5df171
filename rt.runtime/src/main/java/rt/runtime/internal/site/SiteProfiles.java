package rt.runtime.internal.site;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import rt.api.course.Course;
import rt.api.course.CourseAttributes;
import rt.runtime.internal.config.ConfigException;

/**
 * Site profiles from the {@code sites:} config key. Each site has optional regular-expression rules (searched, so
 * {@code prost} matches {@code ProstVMAT}; use {@code (?i)} for case) on organize's documented course attributes
 * ({@link CourseAttributes}), each value tested on its own:
 * <ul>
 *   <li>{@code body_part}: Body Part Examined of the planning CT;</li>
 *   <li>{@code plan_label}: the label or the name of any plan of the course;</li>
 *   <li>{@code plan_name}: the name of any plan;</li>
 *   <li>{@code structures}: the name of any ROI in the course's manual structure sets;</li>
 * </ul>
 * and an optional list of the course stages to run for that site. A course gets the first site (in file order) with
 * any matching rule; a configured profile wins over organize's built-in guess, which applies only when no profile
 * matches. The decision and the rule that made it travel with the course ({@link CourseAttributes#SITE_RULE}).
 *
 * <pre>
 * sites:
 *   prostate: {body_part: "PELVIS|PROSTATE", plan_label: "(?i)prost", stages: [dvh, qc, report]}
 * </pre>
 */
public final class SiteProfiles {

    private static final List<String> FIELDS = List.of("body_part", "plan_label", "plan_name", "structures", "stages");

    /** One rule: a field of the profile, the attributes it reads and its pattern. */
    record Rule(String field, List<String> attributes, Pattern pattern) {

        /** The first attribute value the pattern finds, or null. */
        String match(Course course) {
            for (String attribute : attributes) {
                for (String value : CourseAttributes.values(course, attribute)) {
                    if (pattern.matcher(value).find()) {
                        return value;
                    }
                }
            }
            return null;
        }
    }

    public record Profile(String site, List<Rule> rules, List<String> stages) {

        /** How this profile matches the course ({@code field /regex/ matched 'value'}), or null when it does not. */
        String match(Course c) {
            for (Rule r : rules) {
                String value = r.match(c);
                if (value != null) {
                    return "profile '" + site + "': " + r.field() + " /" + r.pattern().pattern() + "/ matched '"
                            + value + "'";
                }
            }
            return null;
        }
    }

    private final Map<String, Profile> profiles = new LinkedHashMap<>();

    public SiteProfiles(Map<String, Object> sites) {
        sites.forEach((site, body) -> profiles.put(site, parse(site, body)));
    }

    private static Profile parse(String site, Object body) {
        if (body == null) {
            return new Profile(site, List.of(), List.of());
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
        List<Rule> rules = new ArrayList<>();
        addRule(rules, site, "body_part", m.get("body_part"), List.of(CourseAttributes.BODY_PART_EXAMINED));
        addRule(rules, site, "plan_label", m.get("plan_label"),
                List.of(CourseAttributes.PLAN_LABELS, CourseAttributes.PLAN_NAMES));
        addRule(rules, site, "plan_name", m.get("plan_name"), List.of(CourseAttributes.PLAN_NAMES));
        addRule(rules, site, "structures", m.get("structures"), List.of(CourseAttributes.STRUCTURE_NAMES));
        return new Profile(site, List.copyOf(rules), List.copyOf(stages));
    }

    private static void addRule(List<Rule> rules, String site, String field, Object value, List<String> attributes) {
        if (value == null) {
            return;
        }
        try {
            rules.add(new Rule(field, attributes, Pattern.compile(value.toString())));
        } catch (PatternSyntaxException e) {
            throw new ConfigException("config key 'sites." + site + "." + field + "': not a valid regular expression: '"
                    + value + "'");
        }
    }

    /** The course with its site decided: the first configured profile that matches, else organize's guess. */
    public Course apply(Course course) {
        for (Profile p : profiles.values()) {
            String why = p.match(course);
            if (why != null) {
                return withSite(course, p.site(), why);
            }
        }
        String guess = course.attributes().get(CourseAttributes.SITE_GUESS);
        if (guess == null) {
            guess = course.site(); // courses recorded before organize kept its guess apart
        }
        String rule = course.attributes().get(CourseAttributes.SITE_RULE);
        if (guess == null) {
            return withSite(course, null, profiles.isEmpty() ? "no site profile configured, no guess"
                    : "no site profile matched, no guess");
        }
        return withSite(course, guess, rule != null && rule.startsWith("organize guess") ? rule
                : "organize guess" + (profiles.isEmpty() ? "" : " (no site profile matched)"));
    }

    /** The course's site: see {@link #apply(Course)}. */
    public String siteOf(Course course) {
        return apply(course).site();
    }

    private static Course withSite(Course c, String site, String rule) {
        Map<String, String> attributes = new LinkedHashMap<>(c.attributes());
        attributes.put(CourseAttributes.SITE_RULE, rule);
        return new Course(c.patientId(), c.courseId(), c.folder(), site, c.fileCount(), c.frameOfReferenceUid(),
                c.planningCtSeriesUid(), c.prescriptionGy(), c.doseClassification(), c.objects(), attributes);
    }

    /** Whether the site's profile lets this course stage run (no profile or no stage list: every stage runs). */
    public boolean allows(String site, String stageId) {
        Profile p = site == null ? null : profiles.get(site);
        return p == null || p.stages().isEmpty() || p.stages().contains(stageId);
    }

    /** The configured site names, in file order. */
    public List<String> sites() {
        return List.copyOf(profiles.keySet());
    }
}
