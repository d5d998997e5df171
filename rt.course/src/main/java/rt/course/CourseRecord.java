package rt.course;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Objects;

/**
 * {@code course.json}, written by organize, with the one decision made after organize: the course's treatment site
 * and the rule that chose it ({@code "site"}, {@code "site_rule"}), from the configured site profiles.
 */
public final class CourseRecord {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private CourseRecord() {
    }

    /**
     * Records the site decision in the course's {@code course.json}; the file is rewritten (atomically) only when the
     * decision changed, and left alone when the course has no such file.
     */
    public static void recordSite(CourseFolder folder, String site, String rule) throws IOException {
        if (!Files.isRegularFile(folder.courseJson())) {
            return;
        }
        JsonNode root;
        try {
            root = JSON.readTree(folder.courseJson().toFile());
        } catch (IOException e) {
            throw new IOException(folder.courseJson() + ": not readable JSON (" + e.getMessage() + ")", e);
        }
        if (!(root instanceof ObjectNode o)) {
            throw new IOException(folder.courseJson() + ": not a course record");
        }
        if (Objects.equals(text(o, "site"), site) && Objects.equals(text(o, "site_rule"), rule)) {
            return;
        }
        o.put("site", site);
        o.put("site_rule", rule);
        AtomicFiles.write(folder.courseJson(), JSON.writeValueAsBytes(o));
    }

    private static String text(ObjectNode o, String field) {
        JsonNode n = o.get(field);
        return n == null || n.isNull() ? null : n.asText();
    }
}
