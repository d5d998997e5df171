package rt.organize.internal.plan;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Replan and boost keywords of upstream ({@code organize.py _is_replan_text/_is_boost_text}). Upstream matches every
 * keyword as a substring, so {@code cd} fires on "abcd" and {@code rev} on "prevent"; here long, distinctive stems
 * still match anywhere but short tokens must stand alone (between non-alphanumerics).
 */
public final class PlanText {

    private static final List<String> REPLAN_STEMS = List.of("replan", "re-plan", "re plan", "adapt", "revision",
            "resim", "fx change", "new ct");
    private static final List<String> REPLAN_WORDS = List.of("rev", "v2", "v3", "v4", "v5", "copy", "modified",
            "adjusted", "corrected");
    private static final List<String> BOOST_STEMS = List.of("boost", "conedown", "cone down", "cone-down",
            "phase 2", "phase2", "phase ii", "sequential");
    private static final List<String> BOOST_WORDS = List.of("cone", "cd", "ph2", "sib", "reduced");

    private PlanText() {
    }

    /** The replan keyword found in the text, if any. */
    public static Optional<String> replanKeyword(String text) {
        return find(text, REPLAN_STEMS, REPLAN_WORDS);
    }

    /** The boost keyword found in the text, if any. */
    public static Optional<String> boostKeyword(String text) {
        return find(text, BOOST_STEMS, BOOST_WORDS);
    }

    private static Optional<String> find(String text, List<String> stems, List<String> words) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        String t = text.toLowerCase(Locale.ROOT).replace('_', ' ');
        for (String s : stems) {
            if (t.contains(s)) {
                return Optional.of(s);
            }
        }
        for (String w : words) {
            if (Pattern.compile("(?<![a-z0-9])" + Pattern.quote(w) + "(?![a-z0-9])").matcher(t).find()) {
                return Optional.of(w);
            }
        }
        return Optional.empty();
    }
}
