package rt.api.course;

import java.util.Arrays;
import java.util.List;

/**
 * The documented keys of {@link Course#attributes()}: facts organize records for every course, read by site rules and
 * by anything else that needs them. Lists are stored as one string joined with {@value #LIST_SEPARATOR}; read them
 * with {@link #values(Course, String)}.
 */
public final class CourseAttributes {

    /** (0018,0015) Body Part Examined of the planning CT (falling back to the course's other images). */
    public static final String BODY_PART_EXAMINED = "body_part_examined";
    /** (300A,0002) RT Plan Label of each plan of the course. */
    public static final String PLAN_LABELS = "plan_labels";
    /** (300A,0003) RT Plan Name of each plan of the course. */
    public static final String PLAN_NAMES = "plan_names";
    /** (3006,0026) ROI Name of every ROI in the course's manual structure sets. */
    public static final String STRUCTURE_NAMES = "structure_names";
    /** The site organize guessed from the facts above, before any configured site profile is applied. */
    public static final String SITE_GUESS = "site_guess";
    /** Which rule chose {@link Course#site()}: a configured profile and the attribute it matched, or the guess. */
    public static final String SITE_RULE = "site_rule";
    /** Changes whenever any input file of the course changed (organize). */
    public static final String INPUT_FINGERPRINT = "input_fingerprint";

    /** Separator of list-valued attributes. */
    public static final String LIST_SEPARATOR = "|";

    private CourseAttributes() {
    }

    /** A list-valued attribute as its values (empty when absent). */
    public static List<String> values(Course course, String key) {
        String v = course.attributes().get(key);
        if (v == null || v.isEmpty()) {
            return List.of();
        }
        return Arrays.stream(v.split("\\|", -1)).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    /** Joins values for storage as one attribute. */
    public static String join(List<String> values) {
        return String.join(LIST_SEPARATOR, values.stream().map(s -> s.replace(LIST_SEPARATOR, "/")).toList());
    }
}
