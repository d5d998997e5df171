package rt.runtime.internal.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import rt.api.course.Course;
import rt.runtime.internal.state.StateStore;

/**
 * {@code OUT/cohort/manifest.json}: {@code {"courses":[{"patient","course","path","site","n_files","model":{…}}]}}.
 * The flat fields are for people and other tools; {@code model} is the full course record read back on resume.
 */
public final class Manifest {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Manifest() {
    }

    public static Path file(Path outputRoot) {
        return outputRoot.resolve("cohort").resolve("manifest.json");
    }

    public static void write(Path outputRoot, List<Course> courses) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode list = root.putArray("courses");
        for (Course c : courses) {
            ObjectNode n = list.addObject();
            n.put("patient", c.patientId());
            n.put("course", c.courseId());
            n.put("path", c.folder());
            n.put("site", c.site());
            n.put("n_files", c.fileCount());
            n.set("model", JSON.valueToTree(c));
        }
        StateStore.writeAtomically(file(outputRoot), JSON.writeValueAsBytes(root));
    }

    /** The courses recorded by an earlier run; empty when there is no manifest. */
    public static List<Course> read(Path outputRoot) throws IOException {
        Path f = file(outputRoot);
        if (!Files.isRegularFile(f)) {
            return List.of();
        }
        List<Course> out = new ArrayList<>();
        try {
            for (JsonNode n : JSON.readTree(f.toFile()).path("courses")) {
                out.add(JSON.treeToValue(n.path("model"), Course.class));
            }
        } catch (IOException | IllegalArgumentException e) {
            throw new IOException(f + ": not a valid course manifest (" + e.getMessage().lines().findFirst().orElse("")
                    + ")");
        }
        return out;
    }
}
