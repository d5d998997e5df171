package rt.dvh.internal.structures;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import rt.imaging.Margin;

/**
 * One custom structure in the upstream YAML format (UPSTREAM §6):
 * <pre>
 * - name: iliac_area
 *   operation: union            # union | intersection | subtract (first − rest) | xor
 *   source_structures: [iliac_vess]
 *   margin: 7                   # mm, &lt; 0 shrinks; or {anterior_mm, posterior_mm, left_mm, right_mm, superior_mm, inferior_mm}
 * </pre>
 * Directional margins are applied per direction (upstream applied the largest value everywhere).
 *
 * @param grow   expansion per direction (all ≥ 0), or null
 * @param shrink contraction per direction (all ≥ 0), or null; applied after {@code grow}
 */
public record CustomSpec(String name, Operation operation, List<String> sources, Margin grow, Margin shrink) {

    public enum Operation {
        UNION, INTERSECTION, SUBTRACT, XOR
    }

    private static final List<String> DIRECTIONS =
            List.of("right_mm", "left_mm", "anterior_mm", "posterior_mm", "inferior_mm", "superior_mm");

    /**
     * Parses the list (e.g. the {@code custom_structures} value of a YAML document).
     *
     * @param where names the configuration in error messages
     * @throws IllegalArgumentException naming the entry and the problem
     */
    public static List<CustomSpec> parseAll(Object list, String where) {
        if (!(list instanceof List<?> entries)) {
            throw new IllegalArgumentException(where + ": custom_structures must be a list of entries");
        }
        List<CustomSpec> out = new ArrayList<>();
        int n = 0;
        for (Object e : entries) {
            n++;
            if (!(e instanceof Map<?, ?> m)) {
                throw new IllegalArgumentException(where + ": entry " + n + " is not a map");
            }
            out.add(parse(m, where + ": entry " + n));
        }
        return out;
    }

    static CustomSpec parse(Map<?, ?> m, String where) {
        Object name = m.get("name");
        if (name == null || String.valueOf(name).isBlank()) {
            throw new IllegalArgumentException(where + ": 'name' is required");
        }
        where = where + " (" + name + ")";
        for (Object key : m.keySet()) {
            if (!List.of("name", "operation", "source_structures", "margin").contains(String.valueOf(key))) {
                throw new IllegalArgumentException(where + ": unknown key '" + key + "'");
            }
        }
        String op = String.valueOf(m.get("operation") == null ? "union" : m.get("operation")).trim()
                .toLowerCase(Locale.ROOT);
        Operation operation = switch (op) {
            case "union" -> Operation.UNION;
            case "intersection", "intersect" -> Operation.INTERSECTION;
            case "subtract", "subtraction", "difference" -> Operation.SUBTRACT;
            case "xor" -> Operation.XOR;
            default -> throw new IllegalArgumentException(where + ": unknown operation '" + op
                    + "' (union, intersection, subtract, xor)");
        };
        Object src = m.get("source_structures");
        List<String> sources = new ArrayList<>();
        if (src instanceof List<?> l) {
            l.forEach(s -> sources.add(String.valueOf(s)));
        } else if (src != null) {
            sources.add(String.valueOf(src));
        }
        if (sources.isEmpty()) {
            throw new IllegalArgumentException(where + ": 'source_structures' needs at least one ROI");
        }
        Margin grow = null;
        Margin shrink = null;
        Object margin = m.get("margin");
        if (margin instanceof Number num) {
            double mm = num.doubleValue();
            if (mm > 0) {
                grow = Margin.uniform(mm);
            } else if (mm < 0) {
                shrink = Margin.uniform(-mm);
            }
        } else if (margin instanceof Map<?, ?> dm) {
            double[] v = new double[6];
            for (Object key : dm.keySet()) {
                int i = DIRECTIONS.indexOf(String.valueOf(key));
                if (i < 0) {
                    throw new IllegalArgumentException(where + ": unknown margin key '" + key + "' (" + DIRECTIONS
                            + ")");
                }
                v[i] = number(dm.get(key), where + ": margin " + key);
            }
            double[] g = new double[6];
            double[] s = new double[6];
            for (int i = 0; i < 6; i++) {
                g[i] = Math.max(0, v[i]);
                s[i] = Math.max(0, -v[i]);
            }
            if (g[0] + g[1] + g[2] + g[3] + g[4] + g[5] > 0) {
                grow = new Margin(g[0], g[1], g[2], g[3], g[4], g[5]);
            }
            if (s[0] + s[1] + s[2] + s[3] + s[4] + s[5] > 0) {
                shrink = new Margin(s[0], s[1], s[2], s[3], s[4], s[5]);
            }
        } else if (margin != null) {
            throw new IllegalArgumentException(where + ": margin must be a number (mm) or a map of " + DIRECTIONS);
        }
        return new CustomSpec(String.valueOf(name).trim(), operation, List.copyOf(sources), grow, shrink);
    }

    private static double number(Object o, String where) {
        if (o instanceof Number n && Double.isFinite(n.doubleValue())) {
            return n.doubleValue();
        }
        throw new IllegalArgumentException(where + " must be a number (mm), got '" + o + "'");
    }
}
