package rt.course;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import rt.api.course.Course;
import rt.api.course.CourseAttributes;

/**
 * {@code OUT/cohort/manifest.json}: {@code {"courses":[{"patient","course","path","site","site_rule","n_files",
 * "model":{…}}]}}. The flat fields are for people and other tools; {@code model} is the full course record that the
 * runtime reads back on resume and that cohort stages read when they run alone.
 */
public final class CohortManifest {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private CohortManifest() {
    }

    public static void write(CohortFolder cohort, List<Course> courses) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode list = root.putArray("courses");
        for (Course c : courses) {
            ObjectNode n = list.addObject();
            n.put("patient", c.patientId());
            n.put("course", c.courseId());
            n.put("path", c.folder());
            n.put("site", c.site());
            n.put("site_rule", c.attributes().get(CourseAttributes.SITE_RULE));
            n.put("n_files", c.fileCount());
            n.set("model", JSON.valueToTree(c));
        }
        AtomicFiles.write(cohort.manifest(), JSON.writeValueAsBytes(root));
    }

    /** The courses recorded by an earlier run; empty when there is no manifest. */
    public static List<Course> read(CohortFolder cohort) throws IOException {
        if (!Files.isRegularFile(cohort.manifest())) {
            return List.of();
        }
        List<Course> out = new ArrayList<>();
        try {
            for (JsonNode n : JSON.readTree(cohort.manifest().toFile()).path("courses")) {
                out.add(JSON.treeToValue(n.path("model"), Course.class));
            }
        } catch (IOException | IllegalArgumentException e) {
            throw new IOException(cohort.manifest() + ": not a valid course manifest ("
                    + String.valueOf(e.getMessage()).lines().findFirst().orElse("") + ")");
        }
        return out;
    }
}
