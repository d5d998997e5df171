package rt.radiomics.internal.robust;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.osgi.service.component.annotations.Component;
import rt.api.ResourceNeeds;
import rt.api.Scope;
import rt.api.Stage;
import rt.api.StageContext;
import rt.api.StageResult;
import rt.api.course.Course;
import rt.course.CourseFolder;
import rt.radiomics.internal.stage.FeatureTable;

/**
 * Stage {@code radiomics.robustness.cohort} (cohort scope, after every course's {@code radiomics.robustness}):
 * upstream's cohort statistics over all courses' {@code radiomics/robustness_values.csv}. Subject = (patient, course,
 * structure, segmentation source), raters = perturbations; per feature ICC(3,1) with 95 % CI over the subjects whose
 * perturbation series is complete, the median CoV % and QCD over subjects with their quartiles, and upstream's class on
 * the ICC CI lower bound and the median CoV. Written to {@code OUT/cohort/radiomics_robustness_summary.csv}, one row per
 * (scope, feature): scope {@code all} (global summary) and one scope per segmentation source (per-source summary).
 */
@Component(service = Stage.class, property = Stage.ID_PROPERTY + "=radiomics.robustness.cohort")
public final class RobustnessCohortStage implements Stage {

    public static final String FILE = "radiomics_robustness_summary.csv";

    @Override
    public String id() {
        return "radiomics.robustness.cohort";
    }

    @Override
    public List<String> runsAfter() {
        return List.of("radiomics.robustness");
    }

    @Override
    public Scope scope() {
        return Scope.COHORT;
    }

    @Override
    public ResourceNeeds needs(Course course) {
        return new ResourceNeeds(1, 0, 1024, true);
    }

    @Override
    public String version() {
        return "1";
    }

    @Override
    public String inputFingerprint(StageContext ctx) throws Exception {
        StringBuilder sb = new StringBuilder();
        for (Path f : valueFiles(ctx)) {
            sb.append(f).append(':').append(Files.size(f)).append(':').append(Files.getLastModifiedTime(f).toMillis())
                    .append('\n');
        }
        return Integer.toHexString(sb.toString().hashCode());
    }

    private static List<Path> valueFiles(StageContext ctx) {
        List<Path> out = new ArrayList<>();
        for (Course c : ctx.courses()) {
            Path f = CourseFolder.of(ctx.outputRoot(), c.folder()).robustnessValues();
            if (Files.isRegularFile(f)) {
                out.add(f);
            }
        }
        return out;
    }

    @Override
    public StageResult run(StageContext ctx) throws Exception {
        List<Path> files = valueFiles(ctx);
        if (files.isEmpty()) {
            return StageResult.skipped("no course has radiomics/robustness_values.csv");
        }
        Values values = new Values();
        for (Path f : files) {
            ctx.checkCancelled();
            values.read(f);
        }
        List<Map<String, Object>> rows = summarise(values);
        FeatureTable.write(ctx.cohortDir().resolve(FILE), rows);
        return StageResult.ok(values.subjects.size() + " subjects from " + files.size() + " course(s), "
                + values.features.size() + " features");
    }

    /** The pooled long table: subject → feature → value per perturbation index. */
    static final class Values {
        final Map<String, Integer> perturbations = new LinkedHashMap<>();
        final Map<String, String[]> subjects = new LinkedHashMap<>(); // key → {patient, course, structure, source}
        final Set<String> features = new LinkedHashSet<>();
        final Map<String, Map<String, double[]>> data = new HashMap<>(); // subject → feature → values (grown)

        void read(Path file) throws IOException {
            try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                String head = r.readLine();
                if (head == null || head.isBlank()) {
                    return;
                }
                List<String> h = FeatureTable.parseLine(head);
                int[] col = new int[7];
                String[] names = {"patient_id", "course_id", "structure", "segmentation_source", "perturbation_id",
                        "feature_name", "value"};
                for (int i = 0; i < names.length; i++) {
                    col[i] = h.indexOf(names[i]);
                    if (col[i] < 0) {
                        throw new IOException(file + ": no column '" + names[i] + "'");
                    }
                }
                String line;
                int ln = 1;
                while ((line = r.readLine()) != null) {
                    ln++;
                    if (line.isEmpty()) {
                        continue;
                    }
                    List<String> c = FeatureTable.parseLine(line);
                    if (c.size() < h.size()) {
                        throw new IOException(file + ": line " + ln + " has " + c.size() + " cells, header "
                                + h.size());
                    }
                    String[] subject = {c.get(col[0]), c.get(col[1]), c.get(col[2]), c.get(col[3])};
                    String key = String.join("\u0000", subject);
                    subjects.putIfAbsent(key, subject);
                    int p = perturbations.computeIfAbsent(c.get(col[4]), k -> perturbations.size());
                    String feature = c.get(col[5]);
                    features.add(feature);
                    double v;
                    try {
                        v = Double.parseDouble(c.get(col[6]));
                    } catch (NumberFormatException e) {
                        throw new IOException(file + ": line " + ln + ": value '" + c.get(col[6]) + "' is not a number");
                    }
                    Map<String, double[]> perFeature = data.computeIfAbsent(key, k -> new HashMap<>());
                    double[] arr = perFeature.get(feature);
                    if (arr == null || arr.length <= p) {
                        double[] grown = new double[Math.max(p + 1, arr == null ? 96 : 2 * arr.length)];
                        Arrays.fill(grown, Double.NaN);
                        if (arr != null) {
                            System.arraycopy(arr, 0, grown, 0, arr.length);
                        }
                        arr = grown;
                        perFeature.put(feature, arr);
                    }
                    arr[p] = v;
                }
            }
        }

        /** The subject's complete series over all perturbations seen, or null when any is missing. */
        double[] series(String subject, String feature) {
            double[] arr = data.getOrDefault(subject, Map.of()).get(feature);
            int n = perturbations.size();
            if (arr == null || arr.length < n) {
                return null;
            }
            for (int i = 0; i < n; i++) {
                if (Double.isNaN(arr[i])) {
                    return null;
                }
            }
            return Arrays.copyOf(arr, n);
        }
    }

    static List<Map<String, Object>> summarise(Values v) {
        Map<String, List<String>> scopes = new LinkedHashMap<>();
        scopes.put("all", new ArrayList<>(v.subjects.keySet()));
        Set<String> sources = new TreeSet<>();
        for (String[] s : v.subjects.values()) {
            sources.add(s[3]);
        }
        for (String src : sources) {
            List<String> l = new ArrayList<>();
            for (Map.Entry<String, String[]> e : v.subjects.entrySet()) {
                if (e.getValue()[3].equals(src)) {
                    l.add(e.getKey());
                }
            }
            scopes.put(src, l);
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map.Entry<String, List<String>> scope : scopes.entrySet()) {
            for (String feature : v.features) {
                List<double[]> rows = new ArrayList<>();
                Set<String> courses = new LinkedHashSet<>();
                for (String s : scope.getValue()) {
                    double[] series = v.series(s, feature);
                    if (series != null) {
                        rows.add(series);
                        String[] id = v.subjects.get(s);
                        courses.add(id[0] + "\u0000" + id[1]);
                    }
                }
                if (rows.isEmpty()) {
                    continue;
                }
                double[] covs = new double[rows.size()];
                double[] qcds = new double[rows.size()];
                for (int i = 0; i < rows.size(); i++) {
                    covs[i] = RobustnessStats.cov(rows.get(i));
                    qcds[i] = RobustnessStats.qcd(rows.get(i));
                }
                RobustnessStats.Icc icc = rows.size() >= 2 && v.perturbations.size() >= 2
                        ? RobustnessStats.icc31(rows.toArray(new double[0][])) : null;
                double[] cq = quartiles(covs);
                double[] qq = quartiles(qcds);
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("scope", scope.getKey());
                row.put("feature_name", feature);
                row.put("n_subjects", rows.size());
                row.put("n_courses", courses.size());
                row.put("n_perturbations", v.perturbations.size());
                row.put("icc", icc == null ? Double.NaN : icc.icc());
                row.put("icc_ci95_low", icc == null ? Double.NaN : icc.ciLow());
                row.put("icc_ci95_high", icc == null ? Double.NaN : icc.ciHigh());
                row.put("cov_pct", cq[1]);
                row.put("cov_pct_q1", cq[0]);
                row.put("cov_pct_q3", cq[2]);
                row.put("qcd", qq[1]);
                row.put("qcd_q1", qq[0]);
                row.put("qcd_q3", qq[2]);
                row.put("robustness_label", RobustnessStats.classify(icc == null ? Double.NaN : icc.ciLow(), cq[1]));
                out.add(row);
            }
        }
        return out;
    }

    /** {Q1, median, Q3} of the non-NaN values (linear quantiles); NaNs when there are none. */
    static double[] quartiles(double[] v) {
        double[] s = Arrays.stream(v).filter(x -> !Double.isNaN(x)).sorted().toArray();
        if (s.length == 0) {
            return new double[] {Double.NaN, Double.NaN, Double.NaN};
        }
        return new double[] {RobustnessStats.quantile(s, 0.25), RobustnessStats.quantile(s, 0.5),
                RobustnessStats.quantile(s, 0.75)};
    }
}
