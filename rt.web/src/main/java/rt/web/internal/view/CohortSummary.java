package rt.web.internal.view;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import rt.course.CohortFolder;
import rt.course.Csv;

/**
 * The cohort page's figures from the cohort tables the aggregate stage writes ({@code OUT/cohort/<sheet>.csv}):
 * which numeric metrics the DVH and radiomics tables hold, one metric's values across courses for one ROI with their
 * five-number summary, and the QC counts per check with the courses that failed. Plain Java, no servlet in sight.
 */
public final class CohortSummary {

    /** The tables a metric can come from, by the name the API uses, and their sheet in results.xlsx. */
    public static final Map<String, String> TABLES = Map.of("dvh", "DVH", "radiomics", "Radiomics");

    private static final Set<String> ID_COLUMNS = Set.of("patient_id", "course_id", "source", "roi_name");

    private CohortSummary() {
    }

    /** The ROIs (as {@code source/roi_name}) and numeric metric columns of a table; empty lists when it is absent. */
    public static Map<String, Object> metrics(Path out, String table) throws IOException {
        List<Map<String, String>> rows = Csv.read(CohortFolder.of(out).csv(sheet(table)));
        Set<String> rois = new TreeSet<>();
        Map<String, Boolean> numeric = new LinkedHashMap<>();
        for (Map<String, String> r : rows) {
            rois.add(roi(r));
            for (Map.Entry<String, String> e : r.entrySet()) {
                String col = e.getKey();
                if (ID_COLUMNS.contains(col) || col.startsWith("diagnostics_") || e.getValue().isEmpty()) {
                    continue;
                }
                numeric.merge(col, isNumber(e.getValue()), Boolean::logicalAnd);
            }
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("table", table);
        m.put("rois", new ArrayList<>(rois));
        m.put("metrics", numeric.entrySet().stream().filter(Map.Entry::getValue).map(Map.Entry::getKey).toList());
        return m;
    }

    /**
     * One metric of one ROI across the courses: {@code values} (course, value) in course order and {@code summary}
     * (n, min, q1, median, q3, max; quartiles linear between order statistics). Courses without a number are left out.
     */
    public static Map<String, Object> distribution(Path out, String table, String metric, String roi)
            throws IOException {
        List<Map<String, Object>> values = new ArrayList<>();
        List<Double> numbers = new ArrayList<>();
        for (Map<String, String> r : Csv.read(CohortFolder.of(out).csv(sheet(table)))) {
            String v = r.get(metric);
            if (!roi(r).equals(roi) || v == null || !isNumber(v)) {
                continue;
            }
            double d = Double.parseDouble(v);
            if (Double.isFinite(d)) {
                values.add(Map.of("course", r.get("patient_id") + "/" + r.get("course_id"), "value", d));
                numbers.add(d);
            }
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("table", table);
        m.put("metric", metric);
        m.put("roi", roi);
        m.put("values", values);
        m.put("summary", summary(numbers.stream().mapToDouble(Double::doubleValue).toArray()));
        return m;
    }

    /** Five-number summary of {@code v}; only {@code n} when it is empty. */
    static Map<String, Object> summary(double[] v) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("n", v.length);
        if (v.length == 0) {
            return s;
        }
        double[] sorted = v.clone();
        Arrays.sort(sorted);
        s.put("min", sorted[0]);
        s.put("q1", quantile(sorted, 0.25));
        s.put("median", quantile(sorted, 0.5));
        s.put("q3", quantile(sorted, 0.75));
        s.put("max", sorted[sorted.length - 1]);
        return s;
    }

    static double quantile(double[] sorted, double q) {
        double pos = (sorted.length - 1) * q;
        int lo = (int) Math.floor(pos);
        int hi = (int) Math.ceil(pos);
        return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
    }

    /**
     * The QC summary: per check the number of courses with PASS, WARNING and FAIL (other statuses counted under their
     * own name), the courses' overall verdicts, and every FAIL with its course and reasons.
     */
    public static Map<String, Object> qc(Path out) throws IOException {
        Map<String, Map<String, Object>> checks = new LinkedHashMap<>();
        Map<String, String> overall = new TreeMap<>();
        List<Map<String, String>> failed = new ArrayList<>();
        for (Map<String, String> r : Csv.read(CohortFolder.of(out).csv("QC"))) {
            String course = r.getOrDefault("patient_id", "") + "/" + r.getOrDefault("course_id", "");
            String status = r.getOrDefault("status", "").toUpperCase(Locale.ROOT);
            Map<String, Object> c = checks.computeIfAbsent(r.getOrDefault("check", ""), k -> {
                Map<String, Object> n = new LinkedHashMap<>();
                n.put("check", k);
                n.put("name", r.getOrDefault("name", k));
                n.put("PASS", 0);
                n.put("WARNING", 0);
                n.put("FAIL", 0);
                return n;
            });
            c.merge(status, 1, (a, b) -> (Integer) a + (Integer) b);
            if (!r.getOrDefault("overall", "").isEmpty()) {
                overall.put(course, r.get("overall").toUpperCase(Locale.ROOT));
            }
            if (status.equals("FAIL")) {
                failed.add(Map.of("course", course, "check", r.getOrDefault("check", ""), "name",
                        r.getOrDefault("name", ""), "reasons", r.getOrDefault("reasons", "")));
            }
        }
        Map<String, Integer> verdicts = new LinkedHashMap<>();
        verdicts.put("PASS", 0);
        verdicts.put("WARNING", 0);
        verdicts.put("FAIL", 0);
        overall.values().forEach(v -> verdicts.merge(v, 1, Integer::sum));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("checks", new ArrayList<>(checks.values()));
        m.put("courses", verdicts);
        m.put("failed", failed);
        return m;
    }

    private static String sheet(String table) {
        String sheet = TABLES.get(table);
        if (sheet == null) {
            throw new IllegalArgumentException("table must be one of " + new TreeSet<>(TABLES.keySet()));
        }
        return sheet;
    }

    private static String roi(Map<String, String> r) {
        return r.getOrDefault("source", "") + "/" + r.getOrDefault("roi_name", "");
    }

    private static boolean isNumber(String s) {
        try {
            Double.parseDouble(s);
            return !s.endsWith("d") && !s.endsWith("D") && !s.endsWith("f") && !s.endsWith("F");
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
