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
        Path manifest = outputRoot.resolve("cohort").resolve("manifest.json");
        if (Files.isRegularFile(manifest)) {
            JsonNode root = readJson(manifest);
            for (JsonNode c : root.path("courses")) {
                String folder = c.path("path").asText(c.path("folder").asText(""));
                if (folder.isEmpty()) {
                    continue;
                }
                out.add(new CourseDir(c.path("patient").asText(c.path("patient_id").asText("")),
                        c.path("course").asText(c.path("course_id").asText("")), folder, outputRoot.resolve(folder),
                        null));
            }
            return out;
        }
        if (!Files.isDirectory(outputRoot)) {
            return out;
        }
        try (Stream<Path> s = Files.find(outputRoot, 3, (p, a) -> p.getFileName().toString().equals("course.json"))) {
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

    /** A JSON file of the course, or {@code null} when it is absent or unreadable. */
    JsonNode json(String relative) {
        Path p = dir.resolve(relative);
        if (!Files.isRegularFile(p)) {
            return null;
        }
        try {
            return readJson(p);
        } catch (IOException e) {
            return null;
        }
    }

    Path file(String relative) {
        return dir.resolve(relative);
    }

    /** Stage id to the {@code status} of its {@code .state/<stage>.json}. */
    Map<String, String> stageStates() {
        Map<String, String> out = new TreeMap<>();
        Path stateDir = dir.resolve(".state");
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
