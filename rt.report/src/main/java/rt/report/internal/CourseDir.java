package rt.report.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import rt.api.course.Course;
import rt.course.CohortFolder;
import rt.course.CohortManifest;
import rt.course.CourseFolder;

/**
 * One course folder as the later stages see it: read only through the files of the output layout (DESIGN §5).
 *
 * @param folder course folder relative to OUT ({@code <patient>/<course>})
 */
record CourseDir(String patientId, String courseId, String folder, Path dir, Course course) {

    static final ObjectMapper JSON = new ObjectMapper();

    /**
     * The courses of a run: those the runtime hands over, else {@code cohort/manifest.json}, else every folder
     * {@code OUT/<patient>/<course>} holding a {@code course.json}.
     */
    static List<CourseDir> list(Path outputRoot, List<Course> courses) throws IOException {
        List<CourseDir> out = new ArrayList<>();
        if (courses != null && !courses.isEmpty()) {
            for (Course c : courses) {
                out.add(new CourseDir(c.patientId(), c.courseId(), c.folder(), outputRoot.resolve(c.folder()), c));
            }
            return out;
        }
        List<Course> recorded = CohortManifest.read(CohortFolder.of(outputRoot));
        if (!recorded.isEmpty()) {
            for (Course c : recorded) {
                out.add(new CourseDir(c.patientId(), c.courseId(), c.folder(), outputRoot.resolve(c.folder()), c));
            }
            return out;
        }
        if (!Files.isDirectory(outputRoot)) {
            return out;
        }
        String courseJson = new CourseFolder(outputRoot).courseJson().getFileName().toString();
        try (Stream<Path> s = Files.find(outputRoot, 3, (p, a) -> p.getFileName().toString().equals(courseJson))) {
            for (Path cj : s.sorted().toList()) {
                Path dir = cj.getParent();
                String folder = outputRoot.relativize(dir).toString().replace('\\', '/');
                if (folder.split("/").length != 2) {
                    continue;
                }
                JsonNode node = readJson(cj);
                out.add(new CourseDir(text(node, "patient_id", "patient", dir.getParent().getFileName().toString()),
                        text(node, "course_id", "course", dir.getFileName().toString()), folder, dir, null));
            }
        }
        return out;
    }

    static String text(JsonNode node, String key, String alternative, String fallback) {
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) {
            v = node.get(alternative);
        }
        return v == null || v.isNull() ? fallback : v.asText();
    }

    static JsonNode readJson(Path file) throws IOException {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new IOException(file + ": not readable JSON (" + e.getMessage().lines().findFirst().orElse("") + ")",
                    e);
        }
    }

    /** The course folder's layout (the course contract). */
    CourseFolder layout() {
        return new CourseFolder(dir);
    }

    /** A JSON file of the course, or {@code null} when it is absent or unreadable. */
    JsonNode json(Path p) {
        if (!Files.isRegularFile(p)) {
            return null;
        }
        try {
            return readJson(p);
        } catch (IOException e) {
            return null;
        }
    }

    /** Stage id to the {@code status} of its {@code .state/<stage>.json}. */
    Map<String, String> stageStates() {
        Map<String, String> out = new TreeMap<>();
        Path stateDir = layout().stateDir();
        if (!Files.isDirectory(stateDir)) {
            return out;
        }
        try (Stream<Path> s = Files.list(stateDir)) {
            for (Path p : s.sorted(Comparator.naturalOrder()).toList()) {
                String name = p.getFileName().toString();
                if (!name.endsWith(".json")) {
                    continue;
                }
                try {
                    JsonNode n = readJson(p);
                    out.put(name.substring(0, name.length() - 5), n.path("status").asText("?"));
                } catch (IOException e) {
                    out.put(name.substring(0, name.length() - 5), "unreadable");
                }
            }
        } catch (IOException e) {
            // no states: report as such
        }
        return out;
    }
}
