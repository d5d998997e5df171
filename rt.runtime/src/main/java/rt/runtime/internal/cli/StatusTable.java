package rt.runtime.internal.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;
import rt.api.course.Course;
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
        String[] header = new String[cols.size() + 1];
        header[0] = "course";
        for (int i = 0; i < cols.size(); i++) {
            header[i + 1] = cols.get(i);
        }
        rows.add(header);
        rows.add(row("cohort", out.resolve("cohort"), cols, store, failures));
        for (Course c : courses) {
            rows.add(row(LogText.oneLine(c.key()), out.resolve(c.folder()), cols, store, failures));
        }
        StringBuilder sb = new StringBuilder(courses.size() + " courses in " + out + "\n");
        sb.append(Table.render(rows));
        failures.forEach(f -> sb.append(f).append('\n'));
        return sb.toString();
    }

    private static String[] row(String key, Path dir, List<String> cols, StateStore store, List<String> failures) {
        String[] r = new String[cols.size() + 1];
        r[0] = key;
        for (int i = 0; i < cols.size(); i++) {
            String stage = cols.get(i);
            StageState s = store.read(dir, stage).orElse(null);
            r[i + 1] = s == null ? "." : s.status().toLowerCase();
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
