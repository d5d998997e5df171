package rt.organize.internal.plan;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Course ids and folder names. A course id is {@code YYYY-MM} of its start date ({@code 0000-00} when undated,
 * as upstream); when a patient has several courses in one month the earliest keeps the plain id and the others get
 * {@code YYYY-MM_<6 hex of their group key>}, stable across runs for the same input (upstream used the first
 * letters of the key, which could collide again).
 */
public final class CourseNaming {

    private CourseNaming() {
    }

    /** Course ids for the courses of all patients, in the order given. */
    public static List<String> courseIds(List<PlannedCourse> courses) {
        Map<String, List<Integer>> byPatient = new LinkedHashMap<>();
        for (int n = 0; n < courses.size(); n++) {
            byPatient.computeIfAbsent(courses.get(n).patientId(), p -> new ArrayList<>()).add(n);
        }
        String[] ids = new String[courses.size()];
        for (List<Integer> idx : byPatient.values()) {
            List<Integer> sorted = new ArrayList<>(idx);
            sorted.sort(Comparator.comparing((Integer n) -> courses.get(n).startDate() == null ? "99999999"
                    : courses.get(n).startDate()).thenComparing(n -> courses.get(n).groupKey()));
            Set<String> used = new LinkedHashSet<>();
            for (int n : sorted) {
                String base = month(courses.get(n).startDate());
                String id = base;
                if (!used.add(id)) {
                    String h = hash(courses.get(n).groupKey());
                    id = base + "_" + h.substring(0, 6);
                    for (int len = 7; !used.add(id); len++) {
                        id = base + "_" + (len <= h.length() ? h.substring(0, len) : h + len);
                    }
                }
                ids[n] = id;
            }
        }
        return List.of(ids);
    }

    static String month(String startDate) {
        java.time.LocalDate d = CourseGrouper.parseDate(startDate);
        return d == null ? "0000-00" : String.format("%04d-%02d", d.getYear(), d.getMonthValue());
    }

    /**
     * A file-system-safe folder name for an id: letters, digits, {@code . _ -} kept; anything else (separators,
     * control characters, spaces) becomes {@code _}; names made only of dots, and empty names, are prefixed; long
     * names are cut and suffixed with a hash so distinct ids stay distinct.
     */
    public static String sanitize(String id) {
        String raw = id == null ? "" : id;
        StringBuilder b = new StringBuilder();
        raw.codePoints().forEach(c -> b.append(Character.isLetterOrDigit(c) && c < 128 || c == '.' || c == '_'
                || c == '-' ? (char) c : '_'));
        String s = b.toString();
        if (s.isEmpty()) {
            return "unknown";
        }
        if (s.chars().allMatch(c -> c == '.') || s.startsWith(".")) {
            s = "_" + s;
        }
        if (s.length() > 64 || !s.equals(raw)) {
            // Different raw ids may sanitise alike ("a/b" and "a_b"): append a short hash of the raw id.
            if (!s.equals(raw)) {
                s = (s.length() > 56 ? s.substring(0, 56) : s) + "~" + hash(raw).substring(0, 6);
            } else {
                s = s.substring(0, 56) + "~" + hash(raw).substring(0, 6);
            }
        }
        return s;
    }

    static String hash(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
