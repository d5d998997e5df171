package rt.runtime.internal.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import rt.api.course.Course;
import rt.api.course.CourseAttributes;
import rt.runtime.internal.run.Manifest;
import rt.runtime.internal.state.StageState;
import rt.runtime.internal.state.StateStore;

/** {@code rt:status OUT}: a course × stage table built from the {@code .state} files; failures listed below it. */
public final class StatusTable {

    private StatusTable() {
    }

    public static String render(Path out) throws IOException {
        if (!Files.isDirectory(out)) {
            throw new IllegalArgumentException("rt:status " + out + ": no such output folder");
        }
        List<Course> courses = Manifest.read(out);
        StateStore store = new StateStore();
        TreeSet<String> stages = new TreeSet<>();
        stages.addAll(stateNames(out.resolve("cohort")));
        for (Course c : courses) {
            stages.addAll(stateNames(out.resolve(c.folder())));
        }
        List<String> cols = new ArrayList<>(stages);
        List<String[]> rows = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        String[] header = new String[cols.size() + 2];
        header[0] = "course";
        header[1] = "site";
        for (int i = 0; i < cols.size(); i++) {
            header[i + 2] = cols.get(i);
        }
        rows.add(header);
        rows.add(row("cohort", "", out.resolve("cohort"), cols, store, failures));
        Map<String, Map<String, Integer>> rules = new TreeMap<>();
        for (Course c : courses) {
            String site = c.site() == null ? "-" : c.site();
            rows.add(row(LogText.oneLine(c.key()), LogText.oneLine(site), out.resolve(c.folder()), cols, store, failures));
            String rule = LogText.oneLine(c.attributes().getOrDefault(CourseAttributes.SITE_RULE, "-"));
            if (!(site.equals("-") && rule.equals("-"))) {
                rules.computeIfAbsent(site, k -> new TreeMap<>()).merge(rule, 1, Integer::sum);
            }
        }
        StringBuilder sb = new StringBuilder(courses.size() + " courses in " + out + "\n");
        sb.append(Table.render(rows));
        // which rule chose each site (site profiles: rt.yaml "sites:"; else organize's guess)
        rules.forEach((site, byRule) -> byRule.forEach((rule, n) -> sb.append("site ").append(site).append(": ")
                .append(n).append(n == 1 ? " course, " : " courses, ").append(rule).append('\n')));
        failures.forEach(f -> sb.append(f).append('\n'));
        return sb.toString();
    }

    private static String[] row(String key, String site, Path dir, List<String> cols, StateStore store,
            List<String> failures) {
        String[] r = new String[cols.size() + 2];
        r[0] = key;
        r[1] = site;
        for (int i = 0; i < cols.size(); i++) {
            String stage = cols.get(i);
            StageState s = store.read(dir, stage).orElse(null);
            r[i + 2] = s == null ? "." : s.status().toLowerCase();
            if (s != null && "FAILED".equals(s.status())) {
                failures.add("FAILED " + key + " " + stage + ": " + LogText.oneLine(s.reason()));
            }
        }
        return r;
    }

    private static List<String> stateNames(Path dir) throws IOException {
        Path states = dir.resolve(".state");
        if (!Files.isDirectory(states)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(states)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json") && !n.startsWith("."))
                    .map(n -> n.substring(0, n.length() - 5)).toList();
        }
    }
}
